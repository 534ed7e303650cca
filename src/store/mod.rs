//! The SQLite store: opening (and refusing) database files, migrations, and one function per
//! query or change. Synchronous and small; the store worker (`executor`) and the command line
//! call it.

mod action_items;
mod apply;
pub mod db;
mod error;
pub mod export;
mod import_check;
pub mod import_spec;
mod import_stream;
mod incidents;
mod lease;
mod location;
mod lock;
mod meeting_runs;
mod meetings;
mod migrate;
mod open;
mod opportunities;
pub mod publications;
pub mod reports;
pub mod teams;
pub mod tracker_issues;

pub use error::StoreError;
pub use location::{Location, is_postgres};
pub use migrate::{MIGRATIONS, latest_version};

use error::{db_err, sqlite_err};

use crate::actions::{ActionItem, Filter, NewAction, Status as ActionStatus};
use crate::change::Decision;
use crate::meeting::Meeting;
use chrono::NaiveDate;
use chrono::{DateTime, FixedOffset};
use db::Db;
use lock::MeetingLock;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// An open, migrated kaizen database.
pub struct Store {
    db: Db,
    path: PathBuf,
    /// Where it is, to open it again (publishing and the tracker use their own connection).
    location: Location,
    /// Who this kaizen is, for a PostgreSQL store's meeting lease ("ana@laptop (pid 4121)").
    holder: String,
    /// The team whose rows this store reads and writes (1: the default team).
    team: i64,
    team_name: Option<String>,
    /// The opened file's device and inode, to notice it deleted or replaced.
    identity: Option<(u64, u64)>,
    /// `None` for a private in-memory database, which no other process can see.
    lock: Option<MeetingLock>,
}

/// What applying a change produced that the model needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    Done,
    MeetingCreated(i64),
    ActionCreated(i64),
    OpportunitySaved(i64),
    IncidentSaved(i64),
}

/// A stored value read back as what kaizen wrote, or an error that names the column and the
/// value: never a silent default (a status that reads as "open" would reopen a done item).
pub(crate) fn known<T>(column: usize, parsed: Option<T>, text: &str) -> db::Result<T> {
    parsed.ok_or_else(|| db::DbError::Value {
        column,
        message: format!("{text:?} is not a value kaizen writes in this column"),
    })
}

/// JSON text read back as what kaizen wrote, or an error naming the column.
pub(crate) fn json_column<T: serde::de::DeserializeOwned>(
    column: usize,
    text: &str,
) -> db::Result<T> {
    serde_json::from_str(text).map_err(|err| db::DbError::Value {
        column,
        message: format!("not the JSON kaizen writes here: {err}"),
    })
}

impl Store {
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        migrate::user_version(&self.db).map_err(db_err(&self.path))
    }

    /// Remembers the issue an action item became (or its state as seen now).
    pub fn save_tracker_issue(
        &self,
        issue: &tracker_issues::TrackerIssue,
    ) -> Result<(), StoreError> {
        tracker_issues::save(&self.db, issue).map_err(db_err(&self.path))
    }

    /// The issue an action item became, if it was pushed.
    pub fn tracker_issue(
        &self,
        item: i64,
    ) -> Result<Option<tracker_issues::TrackerIssue>, StoreError> {
        tracker_issues::of_item(&self.db, item).map_err(db_err(&self.path))
    }

    /// Every pushed item still open here.
    pub fn open_tracker_issues(&self) -> Result<Vec<tracker_issues::TrackerIssue>, StoreError> {
        tracker_issues::open(&self.db, self.team).map_err(db_err(&self.path))
    }

    /// An item done because its issue was closed, with its history; false when it was
    /// not open any more.
    pub fn close_from_tracker(
        &mut self,
        issue: &tracker_issues::TrackerIssue,
        at: DateTime<FixedOffset>,
    ) -> Result<bool, StoreError> {
        let fail = db_err(&self.path);
        let tx = self.db.transaction().map_err(&fail)?;
        let closed = tracker_issues::close_item(&tx, issue, at).map_err(&fail)?;
        tx.commit().map_err(&fail)?;
        Ok(closed)
    }

    /// Queues a meeting's publication to `targets` (each once).
    pub fn queue_publications(&self, meeting: i64, targets: &[&str]) -> Result<(), StoreError> {
        publications::queue(&self.db, meeting, targets).map_err(db_err(&self.path))
    }

    /// Records one attempt to publish a meeting to a target.
    pub fn record_publication(
        &self,
        meeting: i64,
        target: &str,
        result: &Result<String, String>,
        at: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<(), StoreError> {
        publications::record(&self.db, meeting, target, result, at).map_err(db_err(&self.path))
    }

    /// Where a meeting was published, and how.
    pub fn publications(&self, meeting: i64) -> Result<Vec<publications::Publication>, StoreError> {
        publications::of_meeting(&self.db, meeting).map_err(db_err(&self.path))
    }

    /// Publications to try (again) as of `now`.
    pub fn publications_due(
        &self,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<Vec<publications::Publication>, StoreError> {
        publications::due(&self.db, self.team, now).map_err(db_err(&self.path))
    }

    /// The latest date each cycle was held.
    pub fn last_held(&self) -> Result<HashMap<String, NaiveDate>, StoreError> {
        meetings::last_held(&self.db, self.team).map_err(db_err(&self.path))
    }

    /// Records a meeting already held (demo history and tests).
    pub fn record_held(
        &self,
        cycle: &str,
        date: NaiveDate,
        started_at: DateTime<FixedOffset>,
        ended_at: DateTime<FixedOffset>,
    ) -> Result<i64, StoreError> {
        meetings::insert_held(&self.db, self.team, cycle, date, started_at, ended_at)
            .map_err(db_err(&self.path))
    }

    /// Records a whole meeting already held, sections and attendance included (the demo's
    /// history), without claiming the running meeting's lock.
    pub fn record_meeting(&mut self, meeting: &Meeting) -> Result<i64, StoreError> {
        let fail = db_err(&self.path);
        let tx = self.db.transaction().map_err(&fail)?;
        let id = meeting_runs::insert(&tx, self.team, meeting).map_err(&fail)?;
        tx.commit().map_err(&fail)?;
        Ok(id)
    }
}

impl Store {
    /// Creates an action item; its owner must be in the roster unless `add_owner`.
    pub fn create_action(
        &mut self,
        new: &NewAction,
        add_owner: bool,
        at: DateTime<FixedOffset>,
    ) -> Result<i64, StoreError> {
        let fail = db_err(&self.path);
        let tx = self.db.transaction().map_err(&fail)?;
        let owner = action_items::person_id(&tx, self.team, &new.owner, add_owner)
            .map_err(&fail)?
            .ok_or_else(|| StoreError::UnknownPerson(new.owner.trim().to_string()))?;
        let id = action_items::create(&tx, self.team, new, owner, at).map_err(&fail)?;
        tx.commit().map_err(&fail)?;
        Ok(id)
    }

    /// Marks an open item done or dropped; false when no open item has that id.
    pub fn close_action(
        &mut self,
        id: i64,
        status: ActionStatus,
        reason: Option<&str>,
        at: DateTime<FixedOffset>,
        meeting: Option<i64>,
    ) -> Result<bool, StoreError> {
        let fail = db_err(&self.path);
        let tx = self.db.transaction().map_err(&fail)?;
        let closed = action_items::close(&tx, id, status, reason, at, meeting).map_err(&fail)?;
        tx.commit().map_err(&fail)?;
        Ok(closed)
    }

    /// Applies a meeting's decision about an open item, with its history.
    pub fn decide(
        &mut self,
        item: i64,
        decision: &Decision,
        meeting: Option<i64>,
        at: DateTime<FixedOffset>,
    ) -> Result<(), StoreError> {
        let fail = db_err(&self.path);
        let tx = self.db.transaction().map_err(&fail)?;
        match decision {
            Decision::Done => action_items::close(&tx, item, ActionStatus::Done, None, at, meeting),
            Decision::Drop { reason } => {
                action_items::close(&tx, item, ActionStatus::Dropped, Some(reason), at, meeting)
            }
            Decision::Carry => action_items::carry(&tx, item, at, meeting),
            Decision::Reschedule { due_on } => {
                action_items::reschedule(&tx, item, *due_on, at, meeting)
            }
            Decision::Reassign { owner, add_owner } => {
                let owner_id = action_items::person_id(&tx, self.team, owner, *add_owner)
                    .map_err(&fail)?
                    .ok_or_else(|| StoreError::UnknownPerson(owner.clone()))?;
                action_items::reassign(&tx, item, owner_id, owner, at, meeting)
            }
        }
        .map_err(&fail)?;
        tx.commit().map_err(&fail)?;
        Ok(())
    }

    /// One action item as stored.
    pub fn action(&self, id: i64) -> Result<Option<ActionItem>, StoreError> {
        action_items::item(&self.db, id).map_err(db_err(&self.path))
    }

    pub fn actions(&self, filter: &Filter) -> Result<Vec<ActionItem>, StoreError> {
        action_items::list(&self.db, self.team, filter).map_err(db_err(&self.path))
    }

    /// Saves an opportunity whole (a new one when its id is 0); returns its id.
    pub fn save_opportunity(
        &mut self,
        opportunity: &crate::opportunities::Opportunity,
    ) -> Result<i64, StoreError> {
        self.save_opportunity_at(opportunity, opportunity.created_at)
    }

    /// Saves an opportunity whole; a status unlike the stored one goes into its history as of
    /// `at`, with the drop reason when it is dropped.
    pub fn save_opportunity_at(
        &mut self,
        opportunity: &crate::opportunities::Opportunity,
        at: DateTime<FixedOffset>,
    ) -> Result<i64, StoreError> {
        let fail = db_err(&self.path);
        let tx = self.db.transaction().map_err(&fail)?;
        let id = opportunities::save(&tx, self.team, opportunity, at).map_err(&fail)?;
        tx.commit().map_err(&fail)?;
        Ok(id)
    }

    /// Moves an opportunity to `status`, keeping the change (and a note) in its history.
    pub fn set_opportunity_status(
        &mut self,
        id: i64,
        status: crate::opportunities::Status,
        note: Option<&str>,
        at: DateTime<FixedOffset>,
    ) -> Result<(), StoreError> {
        let fail = db_err(&self.path);
        let tx = self.db.transaction().map_err(&fail)?;
        tx.execute(
            "UPDATE opportunities SET status = ?2, drop_reason = COALESCE(?3, drop_reason)
             WHERE id = ?1",
            rusqlite::params![id, crate::opportunities::name_of(&status), note],
        )
        .map_err(&fail)?;
        opportunities::record(&tx, id, at, status, note).map_err(&fail)?;
        tx.commit().map_err(&fail)
    }

    pub fn opportunities(&self) -> Result<Vec<crate::opportunities::Opportunity>, StoreError> {
        opportunities::all(&self.db, self.team).map_err(db_err(&self.path))
    }

    pub fn opportunity_history(
        &self,
        id: i64,
    ) -> Result<Vec<crate::opportunities::StatusChange>, StoreError> {
        opportunities::history(&self.db, id).map_err(db_err(&self.path))
    }

    pub fn roster(&self) -> Result<Vec<crate::people::Person>, StoreError> {
        action_items::roster(&self.db, self.team).map_err(db_err(&self.path))
    }

    /// The whole lessons library, newest first (from the opportunities, incidents and
    /// action items it names).
    pub fn lessons(&self) -> Result<Vec<crate::lessons::Lesson>, StoreError> {
        let opportunities = self.opportunities()?;
        let incidents = self.incidents()?;
        let actions = self.actions(&crate::actions::Filter::default())?;
        Ok(crate::lessons::library(
            &opportunities,
            &incidents,
            &actions,
        ))
    }

    pub fn people(&self) -> Result<Vec<String>, StoreError> {
        action_items::people(&self.db, self.team).map_err(db_err(&self.path))
    }

    /// The latest meeting that was started and never ended.
    pub fn unfinished_meeting(&self) -> Result<Option<Meeting>, StoreError> {
        let fail = db_err(&self.path);
        match meeting_runs::unfinished(&self.db, self.team).map_err(&fail)? {
            Some(id) => meeting_runs::load(&self.db, id).map(Some).map_err(&fail),
            None => Ok(None),
        }
    }

    /// The action items a meeting's Follow-ups decided (any event but their making).
    pub fn decided_in(&self, meeting: i64) -> Result<HashSet<i64>, StoreError> {
        action_items::decided_in(&self.db, meeting).map_err(db_err(&self.path))
    }

    pub fn load_meeting(&self, id: i64) -> Result<Meeting, StoreError> {
        meeting_runs::load(&self.db, id).map_err(db_err(&self.path))
    }

    /// What panels showed at each cycle's latest ended meeting.
    /// What the scans of a meeting's sections listed, in agenda order, most significant first.
    pub fn meeting_findings(
        &self,
        meeting: i64,
    ) -> Result<Vec<crate::change::FindingRecord>, StoreError> {
        meeting_runs::findings(&self.db, meeting).map_err(db_err(&self.path))
    }

    pub fn previous_values(&self) -> Result<crate::meeting::PreviousValues, StoreError> {
        meeting_runs::previous_values(&self.db, self.team).map_err(db_err(&self.path))
    }

    /// The whole database as one JSON document (see `export`).
    pub fn export_json(&self, at: DateTime<FixedOffset>) -> Result<String, StoreError> {
        let fail = db_err(&self.path);
        let version = migrate::user_version(&self.db).map_err(&fail)?;
        let document = export::export(&self.db, version, at).map_err(&fail)?;
        Ok(serde_json::to_string_pretty(&document).unwrap_or_default() + "\n")
    }

    /// Restores an export into this database, which must be empty; all or nothing.
    pub fn import(&mut self, import: &export::Import<'_>) -> Result<usize, String> {
        // The write lock first, so nobody adds a row between the check and the import.
        let tx = self.db.transaction().map_err(|e| e.to_string())?;
        if let Some((table, rows)) = export::is_empty(&tx).map_err(|e| e.to_string())? {
            return Err(format!(
                "{} is not empty ({table} has {rows} rows): import into a new database, e.g. \
                 `kaizen --db new.db import FILE`",
                self.path.display()
            ));
        }
        let written = export::write(&tx, import)?;
        tx.commit().map_err(|e| {
            format!("{e}: a row refers to another that is not in the file (an item's owner, a section's meeting...)")
        })?;
        Ok(written)
    }

    /// Works on the team called `name` from now on (any case), making it if it is new.
    pub fn use_team(&mut self, name: &str) -> Result<(), StoreError> {
        self.team = teams::find_or_make(&self.db, name).map_err(db_err(&self.path))?;
        self.team_name = Some(name.trim().to_string());
        Ok(())
    }

    /// The team named with `--team` or `team`, if one was (else the default team).
    pub fn team_name(&self) -> Option<&str> {
        self.team_name.as_deref()
    }

    /// Opens the store at `location` for `team` (the default team when none is named).
    pub fn open_for(location: &Location, team: Option<&str>) -> Result<Store, StoreError> {
        let mut store = location.open()?;
        if let Some(team) = team {
            store.use_team(team)?;
        }
        Ok(store)
    }

    /// Every team, with what each holds.
    pub fn teams(&self) -> Result<Vec<teams::TeamRow>, StoreError> {
        teams::all(&self.db).map_err(db_err(&self.path))
    }

    /// Every meeting, newest first (of one cycle when given).
    pub fn meetings(&self, cycle: Option<&str>) -> Result<Vec<reports::MeetingRow>, StoreError> {
        reports::meetings(&self.db, self.team, cycle).map_err(db_err(&self.path))
    }

    /// The panel values of every meeting of a cycle, oldest meeting first.
    pub fn cycle_panel_values(
        &self,
        cycle: &str,
    ) -> Result<Vec<(i64, crate::change::PanelValue)>, StoreError> {
        reports::cycle_panel_values(&self.db, self.team, cycle).map_err(db_err(&self.path))
    }

    /// Every action item event, oldest first.
    pub fn action_events(&self) -> Result<Vec<reports::ActionEvent>, StoreError> {
        reports::action_events(&self.db).map_err(db_err(&self.path))
    }

    /// Saves an incident whole (a new one when its id is 0); returns its id.
    pub fn save_incident(
        &mut self,
        incident: &crate::incidents::Incident,
    ) -> Result<i64, StoreError> {
        let fail = db_err(&self.path);
        let tx = self.db.transaction().map_err(&fail)?;
        let id = incidents::save(&tx, self.team, incident).map_err(&fail)?;
        tx.commit().map_err(&fail)?;
        Ok(id)
    }

    /// Every incident, oldest first.
    pub fn incidents(&self) -> Result<Vec<crate::incidents::Incident>, StoreError> {
        incidents::all(&self.db, self.team).map_err(db_err(&self.path))
    }

    /// Remembers an alert episode as not an incident.
    pub fn dismiss_alert(&self, fingerprint: &str, start: f64) -> Result<(), StoreError> {
        incidents::dismiss(&self.db, self.team, fingerprint, start).map_err(db_err(&self.path))
    }

    /// Takes back a dismissal.
    pub fn undismiss_alert(&self, fingerprint: &str, start: f64) -> Result<(), StoreError> {
        incidents::undismiss(&self.db, self.team, fingerprint, start).map_err(db_err(&self.path))
    }

    /// The alert episodes dismissed: fingerprint and start.
    pub fn dismissed_alerts(&self) -> Result<Vec<(String, f64)>, StoreError> {
        incidents::dismissed(&self.db, self.team).map_err(db_err(&self.path))
    }

    /// The findings marked as expected.
    pub fn expected_findings(&self) -> Result<Vec<crate::analysis::Expected>, StoreError> {
        reports::expected(&self.db, self.team).map_err(db_err(&self.path))
    }

    /// Every opportunity stage change, oldest first.
    pub fn stage_changes(&self) -> Result<Vec<reports::StageChange>, StoreError> {
        reports::stage_changes(&self.db).map_err(db_err(&self.path))
    }

    pub fn panel_values(&self, meeting: i64) -> Result<Vec<crate::change::PanelValue>, StoreError> {
        meeting_runs::panel_values(&self.db, meeting).map_err(db_err(&self.path))
    }

    /// Whether another kaizen is running a meeting on this database right now.
    pub fn meeting_running_elsewhere(&self) -> Result<bool, StoreError> {
        if let db::Dialect::Postgres = self.db.dialect() {
            return Ok(self.meeting_holder()?.is_some());
        }
        match &self.lock {
            Some(lock) => lock
                .held_elsewhere()
                .map_err(|err| StoreError::Io(self.path.clone(), err)),
            None => Ok(false),
        }
    }

    /// Who else runs a meeting on this store now, when it can say (PostgreSQL's lease).
    pub fn meeting_holder(&self) -> Result<Option<String>, StoreError> {
        match self.db.dialect() {
            db::Dialect::Postgres => {
                lease::other_holder(&self.db, self.team, &self.holder).map_err(db_err(&self.path))
            }
            db::Dialect::Sqlite => Ok(None),
        }
    }

    /// Renews this kaizen's hold on its running meeting; false when another took it over.
    pub fn keep_meeting(&self) -> Result<bool, StoreError> {
        match self.db.dialect() {
            db::Dialect::Postgres => {
                lease::renew(&self.db, self.team, &self.holder).map_err(db_err(&self.path))
            }
            // The lock file is held as long as the process lives.
            db::Dialect::Sqlite => Ok(true),
        }
    }

    fn claim_meeting(&mut self) -> Result<(), StoreError> {
        self.claim_meeting_as(false)
    }

    /// Takes the running meeting (`force`: even from a kaizen whose lease still runs).
    fn claim_meeting_as(&mut self, force: bool) -> Result<(), StoreError> {
        if let db::Dialect::Postgres = self.db.dialect() {
            return match lease::claim(&self.db, self.team, &self.holder, force)
                .map_err(db_err(&self.path))?
            {
                None => Ok(()),
                Some(by) => Err(StoreError::MeetingHeld(by)),
            };
        }
        let Some(lock) = &mut self.lock else {
            return Ok(());
        };
        match lock.claim() {
            Ok(true) => Ok(()),
            Ok(false) => Err(StoreError::MeetingElsewhere(self.path.clone())),
            Err(err) => Err(StoreError::Io(self.path.clone(), err)),
        }
    }

    fn release_meeting(&mut self) {
        if let db::Dialect::Postgres = self.db.dialect() {
            // A lease not given back expires by itself in seconds.
            let _ = lease::release(&self.db, self.team, &self.holder);
            return;
        }
        if let Some(lock) = &mut self.lock {
            lock.release();
        }
    }
}
