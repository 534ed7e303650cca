//! Writing one change in its own transaction.

use super::{Applied, Store, StoreError, action_items, db_err, meeting_runs, reports};
use crate::change::{Change, RosterChange};

impl Store {
    /// Writes one change in its own transaction; on PostgreSQL, every kaizen watching is
    /// told (NOTIFY), so a watched meeting follows without polling.
    pub fn apply(&mut self, change: &Change) -> Result<Applied, StoreError> {
        let applied = self.apply_one(change)?;
        if self.db.dialect() == super::db::Dialect::Postgres {
            // The change is in; a watcher not told reloads on its next notice.
            let _ = self.db.execute_batch("NOTIFY kaizen_changes");
        }
        Ok(applied)
    }

    fn apply_one(&mut self, change: &Change) -> Result<Applied, StoreError> {
        let fail = db_err(&self.path);
        match change {
            Change::StartMeeting(meeting) => {
                self.claim_meeting()?;
                let tx = self.db.transaction().map_err(&fail)?;
                let id = meeting_runs::insert(&tx, self.team, meeting).map_err(&fail)?;
                tx.commit().map_err(&fail)?;
                return Ok(Applied::MeetingCreated(id));
            }
            Change::SavePanelValues {
                meeting,
                position,
                values,
            } => {
                let tx = self.db.transaction().map_err(&fail)?;
                meeting_runs::save_panel_values(&tx, *meeting, *position, values).map_err(&fail)?;
                tx.commit().map_err(&fail)?;
            }
            Change::SaveFindings {
                meeting,
                position,
                findings,
            } => {
                let tx = self.db.transaction().map_err(&fail)?;
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
                let tx = self.db.transaction().map_err(&fail)?;
                let owner_id = action_items::person_id(&tx, self.team, owner, *add_owner)
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
            Change::UndismissAlert { fingerprint, start } => {
                self.undismiss_alert(fingerprint, *start)?
            }
            Change::MarkExpected(expected) => {
                reports::mark_expected(&self.db, self.team, expected).map_err(db_err(&self.path))?
            }
            Change::Roster(change) => {
                let done = match change {
                    RosterChange::Add(person) => {
                        action_items::add_person(&self.db, self.team, person).map(|()| true)
                    }
                    RosterChange::Edit { old, person } => {
                        action_items::edit_person(&self.db, self.team, old, person)
                    }
                    RosterChange::Remove { name } => {
                        action_items::remove_person(&self.db, self.team, name)
                    }
                }
                .map_err(&fail)?;
                if !done {
                    return Err(StoreError::PersonBusy(roster_name(change)));
                }
            }
            Change::ResumeMeeting => self.claim_meeting()?,
            Change::TakeOverMeeting => self.claim_meeting_as(true)?,
            Change::LeaveMeeting => self.release_meeting(),
            Change::SaveSection {
                meeting,
                position,
                timer,
                visited,
            } => meeting_runs::save_section(&self.db, *meeting, *position, timer, *visited)
                .map_err(&fail)?,
            Change::SaveNotes {
                meeting,
                position,
                notes,
            } => meeting_runs::save_notes(&self.db, *meeting, *position, notes).map_err(&fail)?,
            Change::SetCurrent { meeting, position } => {
                meeting_runs::set_current(&self.db, *meeting, *position).map_err(&fail)?
            }
            Change::SaveAttendee {
                meeting,
                position,
                name,
                present,
            } => meeting_runs::save_attendee(&self.db, *meeting, *position, name, *present)
                .map_err(&fail)?,
            Change::Tick {
                meeting,
                category,
                item,
                ticked,
            } => {
                meeting_runs::tick(&self.db, *meeting, (category, item), *ticked).map_err(&fail)?
            }
            Change::EndMeeting { meeting, ended_at } => {
                meeting_runs::end(&self.db, *meeting, *ended_at).map_err(&fail)?;
                self.release_meeting();
            }
            Change::Rate { meeting, rating } => {
                meeting_runs::rate(&self.db, *meeting, *rating).map_err(&fail)?
            }
            Change::QueuePublications { meeting, targets } => {
                super::publications::queue(&self.db, *meeting, targets).map_err(&fail)?
            }
        }
        Ok(Applied::Done)
    }
}

fn roster_name(change: &RosterChange) -> String {
    match change {
        RosterChange::Add(person) => person.name.clone(),
        RosterChange::Remove { name } => name.clone(),
        RosterChange::Edit { old, .. } => old.clone(),
    }
}
