//! Who runs the meeting when several facilitators share a PostgreSQL store: the kaizen
//! running it keeps its hold every few seconds; one that lost it (taken over) goes on
//! watching; a watching kaizen follows each change as the store announces it, and may take
//! the meeting over (`T`, asks first), for instance when the one running it has gone.

use super::Model;
use super::dialog::Dialog;
use crate::change::Change;
use crate::effect::Effect;

/// How often the running kaizen renews its hold (the lease lasts longer: a missed renewal
/// or two loses nothing).
const KEEP_EVERY_SECS: i64 = 3;

impl Model {
    /// While this kaizen runs a meeting: its hold renewed every few seconds.
    pub(super) fn keep_due(&mut self) -> Vec<Effect> {
        let Some(id) = self.running_meeting().and_then(|m| m.id) else {
            return Vec::new();
        };
        let due = self
            .kept_at
            .is_none_or(|at| (self.now - at).num_seconds() >= KEEP_EVERY_SECS);
        if !due {
            return Vec::new();
        }
        self.kept_at = Some(self.now);
        vec![Effect::KeepMeeting(id)]
    }

    /// Another kaizen took the meeting over: this one watches it from now on.
    pub(super) fn meeting_taken_over(&mut self, by: Option<String>) -> Vec<Effect> {
        let mut effects = self.save_notes();
        if let Some(session) = &mut self.session {
            session.read_only = true;
        }
        self.say(format!(
            "{} took the meeting over: this kaizen watches it now",
            by.as_deref().unwrap_or("Another kaizen")
        ));
        effects.extend(self.meeting().and_then(|m| m.id).map(Effect::ReloadMeeting));
        effects
    }

    /// The store announced a change: a watched meeting is read again at once.
    pub(super) fn store_changed(&mut self) -> Vec<Effect> {
        match self.session.as_ref().filter(|s| s.read_only) {
            Some(session) => session
                .meeting
                .id
                .map(Effect::ReloadMeeting)
                .into_iter()
                .collect(),
            None => Vec::new(),
        }
    }

    /// `T` while watching: asks before taking the meeting over.
    pub(super) fn ask_take_over(&mut self) -> Vec<Effect> {
        if !self.read_only() || self.meeting().is_none_or(|m| m.ended_at.is_some()) {
            self.say("Nothing to take over: T works while watching a meeting another kaizen runs");
            return Vec::new();
        }
        self.dialog = Some(Dialog::ConfirmTakeOver);
        Vec::new()
    }

    /// Takes the watched meeting over: its clock goes on from what the store holds.
    pub(super) fn take_over(&mut self) -> Vec<Effect> {
        let Some((meeting, decided)) = self
            .session
            .as_ref()
            .map(|s| (s.meeting.clone(), s.decided.clone()))
        else {
            return Vec::new();
        };
        let meeting = self.prepared(meeting);
        self.kept_at = None;
        let effects = self.run_here(meeting, decided, Change::TakeOverMeeting);
        self.say("The meeting is yours: the other kaizen now only watches");
        effects
    }
}
