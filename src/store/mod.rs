//! The SQLite store: opening (and refusing) database files, migrations, and one function per
//! query or change. Synchronous and small; only the runtime and `main` call it.

mod action_items;
pub mod export;
mod import_check;
pub mod import_spec;
mod incidents;
mod lock;
mod meeting_runs;
mod meetings;
mod migrate;
mod opportunities;
pub mod reports;

pub use migrate::{MIGRATIONS, latest_version};

use crate::actions::{ActionItem, Filter, NewAction, Status as ActionStatus};
use crate::change::{Change, Decision, RosterChange};
use crate::meeting::Meeting;
use chrono::NaiveDate;
use chrono::{DateTime, FixedOffset};
use lock::MeetingLock;
use rusqlite::{Connection, OpenFlags};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Why the store could not do what was asked. Each names the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{}: not a SQLite database; kaizen will not touch it. Point --db or KAIZEN_DB at a \
         kaizen database, or at a new file name",
        .0.display()
    )]
    NotADatabase(PathBuf),
    #[error(
        "{}: written by a newer kaizen (schema version {found}; this kaizen knows up to \
         {supported}). It was left untouched: upgrade kaizen to open it",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path}: {err}", path = .0.display(), err = .1)]
    Io(PathBuf, std::io::Error),
    #[error("{path}: {err}", path = .0.display(), err = .1)]
    Sqlite(PathBuf, rusqlite::Error),
    /// The folder the database should be in does not exist.
    #[error(
        "{}: its folder does not exist; create it first or choose another path",
        .0.display()
    )]
    NoFolder(PathBuf),
    /// The file, or the folder SQLite keeps its journal in beside it, cannot be written:
    /// refused at open, before anything could be typed into a meeting that cannot be saved.
    #[error(
        "{}: {what} is read-only, so nothing could be saved. {fix}, or point --db (or \
         KAIZEN_DB) at a copy in a folder you can write",
        path.display()
    )]
    ReadOnly {
        path: PathBuf,
        /// "the file", "its folder" or "the file system".
        what: &'static str,
        /// The command that makes it writable.
        fix: String,
    },
    /// Another kaizen is running a meeting on this database.
    #[error(
        "another kaizen is running a meeting on {}; finish or leave it there first",
        .0.display()
    )]
    MeetingElsewhere(PathBuf),
    /// An action item's owner is not in the team roster.
    #[error(
        "\"{0}\" is not in the team roster: add them (--add-owner on the command line) or \
         pick someone who is"
    )]
    UnknownPerson(String),
    /// Someone cannot be removed (they own action items) or renamed (not found).
    #[error(
        "{0} still owns action items: reassign them first (or they are not in the roster any \
         more)"
    )]
    PersonBusy(String),
    /// SQLite's own check found the file damaged: what it said first.
    #[error(
        "{path}: the database is damaged ({what}); what kaizen reads from it may be \
         incomplete. Keep a copy of the file, then restore a backup or recover it with \
         `sqlite3 FILE .recover`",
        path = .0.display(),
        what = .1
    )]
    Damaged(PathBuf, String),
    /// The file kaizen opened was deleted while it ran.
    #[error(
        "the database file was deleted while kaizen ran: what is saved now goes nowhere \
         anyone can open. Restore it from a backup, or quit (q) and start again ({})",
        .0.display()
    )]
    Deleted(PathBuf),
    /// A change names a row made on screen whose own save failed for good.
    #[error("it changes something whose own save failed, so it could not be saved either")]
    NeverStored,
    /// Another file was put at the path kaizen opened.
    #[error(
        "another file was put in place of the database while kaizen ran: kaizen keeps saving \
         to the one it opened. Quit (q) and start again to use the new one ({})",
        .0.display()
    )]
    Replaced(PathBuf),
}

impl StoreError {
    /// Whether trying again later can succeed: the database is locked or busy, the disk is
    /// full, or an I/O error (a disk that filled, a file system that hiccupped).
    pub fn may_pass(&self) -> bool {
        use rusqlite::ErrorCode;
        match self {
            StoreError::Io(..) => true,
            StoreError::Sqlite(_, rusqlite::Error::SqliteFailure(err, _)) => matches!(
                err.code,
                ErrorCode::DatabaseBusy
                    | ErrorCode::DatabaseLocked
                    | ErrorCode::DiskFull
                    | ErrorCode::SystemIoFailure
                    | ErrorCode::CannotOpen
            ),
            _ => false,
        }
    }
}

/// An open, migrated kaizen database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
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

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// A stored value read back as what kaizen wrote, or an error that names the column and the
/// value: never a silent default (a status that reads as "open" would reopen a done item).
pub(crate) fn known<T>(column: usize, parsed: Option<T>, text: &str) -> rusqlite::Result<T> {
    parsed.ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("{text:?} is not a value kaizen writes in this column").into(),
        )
    })
}

/// JSON text read back as what kaizen wrote, or an error naming the column.
pub(crate) fn json_column<T: serde::de::DeserializeOwned>(
    column: usize,
    text: &str,
) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|err| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("not the JSON kaizen writes here: {err}").into(),
        )
    })
}

fn check_connection(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let found: Vec<String> = conn
        .prepare("PRAGMA quick_check(5)")
        .and_then(|mut stmt| {
            stmt.query_map([], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .map_err(sqlite_err(path))?;
    if found == ["ok"] {
        return Ok(());
    }
    let what: Vec<String> = found
        .iter()
        .flat_map(|text| text.lines())
        .filter(|line| !line.starts_with("***"))
        .take(3)
        .map(|line| crate::text::clean(line).into_owned())
        .collect();
    Err(StoreError::Damaged(path.to_path_buf(), what.join("; ")))
}

impl Store {
    /// Opens (creating if absent) the database at `path` and migrates it to this version.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        refuse_foreign_file(path)?;
        refuse_read_only(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sqlite_err(path))?;
        // SQLite opens a file it may not write read-only, without a word: say so now.
        if conn
            .is_readonly(rusqlite::MAIN_DB)
            .map_err(sqlite_err(path))?
        {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
                what: "the file",
                fix: "Make it writable".into(),
            });
        }
        let mut store = Store::prepare(conn, path.to_path_buf())?;
        store.lock = Some(MeetingLock::beside(path));
        Ok(store)
    }

    /// SQLite's quick check of the whole file (every page accounted for, every row readable):
    /// a damaged page can make a list come back empty without any error, so reads that
    /// people rely on check first. It reads the whole file (about 40 ms for 18 MB here).
    pub fn check(&self) -> Result<(), StoreError> {
        check_connection(&self.conn, &self.path)
    }

    /// The same check on its own read-only connection, for a thread that must not hold the
    /// store (the app checks in the background while the first frame is drawn).
    pub fn check_file(path: &Path) -> Result<(), StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sqlite_err(path))?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(sqlite_err(path))?;
        check_connection(&conn, path)
    }

    /// A private database in memory (the demo, and tests).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(sqlite_err(&path))?;
        Store::prepare(conn, path)
    }

    fn prepare(mut conn: Connection, path: PathBuf) -> Result<Store, StoreError> {
        // Another kaizen may hold the file for a moment (both starting at once): wait for it.
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(sqlite_err(&path))?;
        // Read the version before any write: a newer database must be left exactly as it is.
        let found = migrate::user_version(&conn).map_err(|err| match err {
            rusqlite::Error::SqliteFailure(e, _) if e.code == rusqlite::ErrorCode::NotADatabase => {
                StoreError::NotADatabase(path.clone())
            }
            other => StoreError::Sqlite(path.clone(), other),
        })?;
        let supported = latest_version();
        if found > supported {
            return Err(StoreError::TooNew {
                path,
                found,
                supported,
            });
        }
        let fail = sqlite_err(&path);
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(&fail)?;
        // WAL + FULL: a commit survives a killed process and a power cut; meetings write little.
        enable_wal(&conn).map_err(&fail)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(&fail)?;
        migrate::migrate(&mut conn).map_err(&fail)?;
        let identity = file_identity(&path);
        Ok(Store {
            conn,
            path,
            identity,
            lock: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How long a write waits for another process's lock before it fails as busy. The app
    /// waits briefly and retries later, so a locked database never holds the screen.
    pub fn set_busy_wait(&self, wait: Duration) -> Result<(), StoreError> {
        self.conn.busy_timeout(wait).map_err(sqlite_err(&self.path))
    }

    /// Whether the file kaizen opened is still the one at its path: another program (or a
    /// person) may delete or replace it while kaizen runs, and every later save would be lost.
    pub fn still_there(&self) -> Result<(), StoreError> {
        let Some(opened) = self.identity else {
            return Ok(()); // in memory
        };
        match file_identity(&self.path) {
            Some(now) if now == opened => Ok(()),
            Some(_) => Err(StoreError::Replaced(self.path.clone())),
            None => Err(StoreError::Deleted(self.path.clone())),
        }
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        migrate::user_version(&self.conn).map_err(sqlite_err(&self.path))
    }

    /// The latest date each cycle was held.
    pub fn last_held(&self) -> Result<HashMap<String, NaiveDate>, StoreError> {
        meetings::last_held(&self.conn).map_err(sqlite_err(&self.path))
    }

    /// Records a meeting already held (demo history and tests).
    pub fn record_held(
        &self,
        cycle: &str,
        date: NaiveDate,
        started_at: DateTime<FixedOffset>,
        ended_at: DateTime<FixedOffset>,
    ) -> Result<i64, StoreError> {
        meetings::insert_held(&self.conn, cycle, date, started_at, ended_at)
            .map_err(sqlite_err(&self.path))
    }

    /// Records a whole meeting already held, sections and attendance included (the demo's
    /// history), without claiming the running meeting's lock.
    pub fn record_meeting(&mut self, meeting: &Meeting) -> Result<i64, StoreError> {
        let fail = sqlite_err(&self.path);
        let tx = self.conn.transaction().map_err(&fail)?;
        let id = meeting_runs::insert(&tx, meeting).map_err(&fail)?;
        tx.commit().map_err(&fail)?;
        Ok(id)
    }
}

impl Store {
    /// Writes one change in its own transaction.
    pub fn apply(&mut self, change: &Change) -> Result<Applied, StoreError> {
        let fail = sqlite_err(&self.path);
        match change {
            Change::StartMeeting(meeting) => {
                self.claim_meeting()?;
                let tx = self.conn.transaction().map_err(&fail)?;
                let id = meeting_runs::insert(&tx, meeting).map_err(&fail)?;
                tx.commit().map_err(&fail)?;
                return Ok(Applied::MeetingCreated(id));
            }
            Change::SavePanelValues {
                meeting,
                position,
                values,
            } => {
                let tx = self.conn.transaction().map_err(&fail)?;
                meeting_runs::save_panel_values(&tx, *meeting, *position, values).map_err(&fail)?;
                tx.commit().map_err(&fail)?;
            }
            Change::SaveFindings {
                meeting,
                position,
                findings,
            } => {
                let tx = self.conn.transaction().map_err(&fail)?;
                meeting_runs::save_findings(&tx, *meeting, *position, findings).map_err(&fail)?;
                tx.commit().map_err(&fail)?;
            }
            Change::CreateAction {
                new, add_owner, at, ..
            } => {
                let id = self.create_action(new, *add_owner, *at)?;
                return Ok(Applied::ActionCreated(id));
            }
            Change::Decide {
                item,
                decision,
                meeting,
                at,
            } => self.decide(*item, decision, *meeting, *at)?,
            Change::EditAction {
                item,
                title,
                owner,
                due_on,
                add_owner,
                at,
            } => {
                let tx = self.conn.transaction().map_err(&fail)?;
                let owner_id = action_items::person_id(&tx, owner, *add_owner)
                    .map_err(&fail)?
                    .ok_or_else(|| StoreError::UnknownPerson(owner.clone()))?;
                action_items::edit(&tx, *item, title, owner_id, owner, *due_on, *at)
                    .map_err(&fail)?;
                tx.commit().map_err(&fail)?;
            }
            Change::SaveOpportunity(opportunity, at) => {
                let id = self.save_opportunity_at(opportunity, *at)?;
                // Only a new one waits for its id.
                if opportunity.id <= 0 {
                    return Ok(Applied::OpportunitySaved(id));
                }
            }
            Change::SetOpportunityStatus { id, status, at } => {
                self.set_opportunity_status(*id, *status, None, *at)?
            }
            Change::SaveIncident(incident) => {
                let id = self.save_incident(incident)?;
                if incident.id <= 0 {
                    return Ok(Applied::IncidentSaved(id));
                }
            }
            Change::DismissAlert { fingerprint, start } => {
                self.dismiss_alert(fingerprint, *start)?
            }
            Change::MarkExpected(expected) => {
                reports::mark_expected(&self.conn, expected).map_err(sqlite_err(&self.path))?
            }
            Change::Roster(change) => {
                let done = match change {
                    RosterChange::Add { name, handle } => {
                        action_items::add_person(&self.conn, name, handle.as_deref()).map(|()| true)
                    }
                    RosterChange::Rename { old, new } => {
                        action_items::rename_person(&self.conn, old, new)
                    }
                    RosterChange::Remove { name } => action_items::remove_person(&self.conn, name),
                }
                .map_err(&fail)?;
                if !done {
                    return Err(StoreError::PersonBusy(roster_name(change)));
                }
            }
            Change::ResumeMeeting => self.claim_meeting()?,
            Change::LeaveMeeting => self.release_meeting(),
            Change::SaveSection {
                meeting,
                position,
                timer,
                visited,
            } => meeting_runs::save_section(&self.conn, *meeting, *position, timer, *visited)
                .map_err(&fail)?,
            Change::SaveNotes {
                meeting,
                position,
                notes,
            } => meeting_runs::save_notes(&self.conn, *meeting, *position, notes).map_err(&fail)?,
            Change::SetCurrent { meeting, position } => {
                meeting_runs::set_current(&self.conn, *meeting, *position).map_err(&fail)?
            }
            Change::SaveAttendee {
                meeting,
                position,
                name,
                present,
            } => meeting_runs::save_attendee(&self.conn, *meeting, *position, name, *present)
                .map_err(&fail)?,
            Change::EndMeeting { meeting, ended_at } => {
                meeting_runs::end(&self.conn, *meeting, *ended_at).map_err(&fail)?;
                self.release_meeting();
            }
            Change::Rate { meeting, rating } => {
                meeting_runs::rate(&self.conn, *meeting, *rating).map_err(&fail)?
            }
        }
        Ok(Applied::Done)
    }

    /// Creates an action item; its owner must be in the roster unless `add_owner`.
    pub fn create_action(
        &mut self,
        new: &NewAction,
        add_owner: bool,
        at: DateTime<FixedOffset>,
    ) -> Result<i64, StoreError> {
        let fail = sqlite_err(&self.path);
        let tx = self.conn.transaction().map_err(&fail)?;
        let owner = action_items::person_id(&tx, &new.owner, add_owner)
            .map_err(&fail)?
            .ok_or_else(|| StoreError::UnknownPerson(new.owner.trim().to_string()))?;
        let id = action_items::create(&tx, new, owner, at).map_err(&fail)?;
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
        let fail = sqlite_err(&self.path);
        let tx = self.conn.transaction().map_err(&fail)?;
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
        let fail = sqlite_err(&self.path);
        let tx = self.conn.transaction().map_err(&fail)?;
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
                let owner_id = action_items::person_id(&tx, owner, *add_owner)
                    .map_err(&fail)?
                    .ok_or_else(|| StoreError::UnknownPerson(owner.clone()))?;
                action_items::reassign(&tx, item, owner_id, owner, at, meeting)
            }
        }
        .map_err(&fail)?;
        tx.commit().map_err(&fail)?;
        Ok(())
    }

    pub fn actions(&self, filter: &Filter) -> Result<Vec<ActionItem>, StoreError> {
        action_items::list(&self.conn, filter).map_err(sqlite_err(&self.path))
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
        let fail = sqlite_err(&self.path);
        let tx = self.conn.transaction().map_err(&fail)?;
        let id = opportunities::save(&tx, opportunity, at).map_err(&fail)?;
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
        let fail = sqlite_err(&self.path);
        let tx = self.conn.transaction().map_err(&fail)?;
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
        opportunities::all(&self.conn).map_err(sqlite_err(&self.path))
    }

    pub fn opportunity_history(
        &self,
        id: i64,
    ) -> Result<Vec<crate::opportunities::StatusChange>, StoreError> {
        opportunities::history(&self.conn, id).map_err(sqlite_err(&self.path))
    }

    pub fn roster(&self) -> Result<Vec<(String, Option<String>)>, StoreError> {
        action_items::roster(&self.conn).map_err(sqlite_err(&self.path))
    }

    pub fn people(&self) -> Result<Vec<String>, StoreError> {
        action_items::people(&self.conn).map_err(sqlite_err(&self.path))
    }

    /// The latest meeting that was started and never ended.
    pub fn unfinished_meeting(&self) -> Result<Option<Meeting>, StoreError> {
        let fail = sqlite_err(&self.path);
        match meeting_runs::unfinished(&self.conn).map_err(&fail)? {
            Some(id) => meeting_runs::load(&self.conn, id).map(Some).map_err(&fail),
            None => Ok(None),
        }
    }

    pub fn load_meeting(&self, id: i64) -> Result<Meeting, StoreError> {
        meeting_runs::load(&self.conn, id).map_err(sqlite_err(&self.path))
    }

    /// What panels showed at each cycle's latest ended meeting.
    /// What the scans of a meeting's sections listed, in agenda order, most significant first.
    pub fn meeting_findings(
        &self,
        meeting: i64,
    ) -> Result<Vec<crate::change::FindingRecord>, StoreError> {
        meeting_runs::findings(&self.conn, meeting).map_err(sqlite_err(&self.path))
    }

    pub fn previous_values(&self) -> Result<crate::meeting::PreviousValues, StoreError> {
        meeting_runs::previous_values(&self.conn).map_err(sqlite_err(&self.path))
    }

    /// The whole database as one JSON document (see `export`).
    pub fn export_json(&self, at: DateTime<FixedOffset>) -> Result<String, StoreError> {
        let fail = sqlite_err(&self.path);
        let version = migrate::user_version(&self.conn).map_err(&fail)?;
        let document = export::export(&self.conn, version, at).map_err(&fail)?;
        Ok(serde_json::to_string_pretty(&document).unwrap_or_default() + "\n")
    }

    /// Restores an export into this database, which must be empty; all or nothing.
    pub fn import(&mut self, import: &export::Import) -> Result<usize, String> {
        // The write lock first, so nobody adds a row between the check and the import.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| e.to_string())?;
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

    /// Every meeting, newest first (of one cycle when given).
    pub fn meetings(&self, cycle: Option<&str>) -> Result<Vec<reports::MeetingRow>, StoreError> {
        reports::meetings(&self.conn, cycle).map_err(sqlite_err(&self.path))
    }

    /// The panel values of every meeting of a cycle, oldest meeting first.
    pub fn cycle_panel_values(
        &self,
        cycle: &str,
    ) -> Result<Vec<(i64, crate::change::PanelValue)>, StoreError> {
        reports::cycle_panel_values(&self.conn, cycle).map_err(sqlite_err(&self.path))
    }

    /// Every action item event, oldest first.
    pub fn action_events(&self) -> Result<Vec<reports::ActionEvent>, StoreError> {
        reports::action_events(&self.conn).map_err(sqlite_err(&self.path))
    }

    /// Saves an incident whole (a new one when its id is 0); returns its id.
    pub fn save_incident(
        &mut self,
        incident: &crate::incidents::Incident,
    ) -> Result<i64, StoreError> {
        let fail = sqlite_err(&self.path);
        let tx = self.conn.transaction().map_err(&fail)?;
        let id = incidents::save(&tx, incident).map_err(&fail)?;
        tx.commit().map_err(&fail)?;
        Ok(id)
    }

    /// Every incident, oldest first.
    pub fn incidents(&self) -> Result<Vec<crate::incidents::Incident>, StoreError> {
        incidents::all(&self.conn).map_err(sqlite_err(&self.path))
    }

    /// Remembers an alert episode as not an incident.
    pub fn dismiss_alert(&self, fingerprint: &str, start: f64) -> Result<(), StoreError> {
        incidents::dismiss(&self.conn, fingerprint, start).map_err(sqlite_err(&self.path))
    }

    /// The alert episodes dismissed: fingerprint and start.
    pub fn dismissed_alerts(&self) -> Result<Vec<(String, f64)>, StoreError> {
        incidents::dismissed(&self.conn).map_err(sqlite_err(&self.path))
    }

    /// The findings marked as expected.
    pub fn expected_findings(&self) -> Result<Vec<crate::analysis::Expected>, StoreError> {
        reports::expected(&self.conn).map_err(sqlite_err(&self.path))
    }

    /// Every opportunity stage change, oldest first.
    pub fn stage_changes(&self) -> Result<Vec<reports::StageChange>, StoreError> {
        reports::stage_changes(&self.conn).map_err(sqlite_err(&self.path))
    }

    pub fn panel_values(&self, meeting: i64) -> Result<Vec<crate::change::PanelValue>, StoreError> {
        meeting_runs::panel_values(&self.conn, meeting).map_err(sqlite_err(&self.path))
    }

    /// Whether another kaizen is running a meeting on this database right now.
    pub fn meeting_running_elsewhere(&self) -> Result<bool, StoreError> {
        match &self.lock {
            Some(lock) => lock
                .held_elsewhere()
                .map_err(|err| StoreError::Io(self.path.clone(), err)),
            None => Ok(false),
        }
    }

    fn claim_meeting(&mut self) -> Result<(), StoreError> {
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
        if let Some(lock) = &mut self.lock {
            lock.release();
        }
    }
}

fn roster_name(change: &RosterChange) -> String {
    match change {
        RosterChange::Add { name, .. } | RosterChange::Remove { name } => name.clone(),
        RosterChange::Rename { old, .. } => old.clone(),
    }
}

fn sqlite_err(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + use<> {
    let path = path.to_path_buf();
    move |err| StoreError::Sqlite(path.clone(), err)
}

/// Switches to WAL. SQLite answers "locked" at once, without waiting, when two connections
/// switch a brand-new file at the same moment, so this waits and tries again a few times.
fn enable_wal(conn: &Connection) -> rusqlite::Result<()> {
    let mut attempts = 0;
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && attempts < 100 =>
            {
                attempts += 1;
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

/// Refuses an existing non-empty file that does not start with SQLite's header, before
/// SQLite gets a chance to write anything into it.
fn refuse_foreign_file(path: &Path) -> Result<(), StoreError> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(StoreError::Io(path.to_path_buf(), err)),
    };
    let mut header = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut header)
        .map_err(|err| StoreError::Io(path.to_path_buf(), err))?;
    if header.is_empty() || header.as_slice() == SQLITE_HEADER {
        Ok(())
    } else {
        Err(StoreError::NotADatabase(path.to_path_buf()))
    }
}

/// Refuses a database that could be read but not saved to: the file, or the folder SQLite
/// writes its journal (`-wal`, `-shm`) into, or the whole file system, read-only. Found
/// out at the first save, it would cost the meeting typed into the screen since.
fn refuse_read_only(path: &Path) -> Result<(), StoreError> {
    use nix::errno::Errno;
    use nix::unistd::{AccessFlags, access};
    let folder = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) if !parent.is_dir() => return Err(StoreError::NoFolder(path.to_path_buf())),
        Some(parent) => parent.to_path_buf(),
        None => PathBuf::from("."),
    };
    let read_only = |what: &'static str, fix: String| StoreError::ReadOnly {
        path: path.to_path_buf(),
        what,
        fix,
    };
    let quoted = |p: &Path| crate::text::clean(&p.display().to_string()).into_owned();
    let writable = |p: &Path| match access(p, AccessFlags::W_OK) {
        Ok(()) => Ok(true),
        Err(Errno::EROFS) => Err(read_only(
            "the file system",
            "Remount it read-write".to_string(),
        )),
        Err(Errno::ENOENT) => Ok(true),
        Err(_) => Ok(false),
    };
    if !writable(&folder)? {
        return Err(read_only(
            "its folder",
            format!("Make the folder writable (chmod u+w '{}')", quoted(&folder)),
        ));
    }
    if path.exists() && !writable(path)? {
        return Err(read_only(
            "the file",
            format!("Make it writable (chmod u+w '{}')", quoted(path)),
        ));
    }
    Ok(())
}

/// A file's device and inode number, or `None` when there is no such file.
fn file_identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    if path.as_os_str() == ":memory:" {
        return None;
    }
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}
