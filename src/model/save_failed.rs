//! What to do when the store refuses a change for good: something made on screen that was
//! never stored is taken back, a meeting that could not start goes back home, and the reason
//! is said where every message is.

use super::Model;
use crate::change::{Change, is_provisional};
use crate::effect::Effect;

impl Model {
    pub(super) fn save_failed(&mut self, change: Change, error: String) -> Vec<Effect> {
        self.dirty = true;
        // A measure that was never stored links nothing: the next item made must not be
        // taken for it.
        if matches!(
            &change,
            Change::CreateAction { .. } | Change::SaveOpportunity(..)
        ) {
            self.pending_measure = None;
        }
        self.save_error = Some(error.clone());
        match change {
            Change::TakeOverMeeting => {
                // The meeting goes on where it runs; this kaizen goes back to watching it.
                if let Some(session) = &mut self.session {
                    session.read_only = true;
                }
                self.say(format!("Could not take the meeting over: {error}"));
            }
            Change::StartMeeting(_) | Change::ResumeMeeting => {
                // Without the store, or with another kaizen running it, this meeting cannot
                // be run here: nothing happened yet, so going back home loses nothing.
                self.close_meeting();
                self.say(format!("Could not start the meeting: {error}"));
            }
            // Something new that was never stored must not stay on screen as if it were:
            // it would wait for an id forever, and take the next one's.
            Change::SaveOpportunity(new, _) if is_provisional(new.id) => {
                self.opportunities.retain(|o| o.id != new.id);
                self.say(format!(
                    "Not saved, so not added: \"{}\": {error}",
                    new.title
                ));
            }
            Change::SaveIncident(new) if is_provisional(new.id) => {
                self.incidents.retain(|i| i.id != new.id);
                self.open_new_incident = false;
                self.say(format!(
                    "Not saved, so not added: \"{}\": {error}",
                    new.title
                ));
            }
            Change::CreateAction { id, new, .. } => {
                self.actions.retain(|a| a.id != id);
                self.say(format!(
                    "Not saved, so not added: \"{}\": {error}",
                    new.title
                ));
            }
            _ => self.say(format!("Not saved: {error}")),
        }
        Vec::new()
    }
}
