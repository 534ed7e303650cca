//! A meeting's end and its return: ending it, leaving it resumable, resuming or ending an
//! unfinished one, rating it, and following one that another kaizen runs.

use super::dialog::{Dialog, Unfinished};
use super::{Model, Screen};
use crate::change::Change;
use crate::command::Command;
use crate::effect::Effect;
use crate::meeting::Meeting;
use crossterm::event::{KeyCode, KeyEvent};

impl Model {
    pub(super) fn answer_dialog(&mut self, command: Command) -> Vec<Effect> {
        let Some(dialog) = self.dialog.take() else {
            return Vec::new();
        };
        match (dialog, command) {
            (Dialog::ConfirmStart(index), Command::Confirm) => self.start_meeting(index),
            (Dialog::ConfirmEnd, Command::Confirm) => self.end_meeting(),
            (Dialog::ConfirmLeave, Command::Confirm) => self.leave(),
            (Dialog::ConfirmTakeOver, Command::Confirm) => self.take_over(),
            (Dialog::Resume(unfinished), Command::Confirm) => self.resume(*unfinished),
            (Dialog::Resume(unfinished), Command::EndUnfinished) => {
                self.end_unfinished(*unfinished)
            }
            (Dialog::Resume(_), Command::Cancel) => {
                self.pending_start = None;
                Vec::new()
            }
            (
                Dialog::ConfirmStart(_)
                | Dialog::ConfirmEnd
                | Dialog::ConfirmLeave
                | Dialog::ConfirmTakeOver,
                Command::Cancel,
            ) => Vec::new(),
            (dialog, _) => {
                self.dialog = Some(dialog);
                Vec::new()
            }
        }
    }

    fn end_meeting(&mut self) -> Vec<Effect> {
        let mut effects = self.save_notes();
        let current = self.meeting().map_or(0, |m| m.current);
        effects.extend(self.panel_values(current));
        self.remember_values();
        let Some(meeting) = self.session.as_mut().map(|s| &mut s.meeting) else {
            return effects;
        };
        meeting.end(self.now);
        let (id, current, timer, visited) = (
            meeting.id,
            meeting.current,
            meeting.current_run().timer,
            meeting.current_run().visited,
        );
        self.last_held
            .insert(meeting.cycle_key.clone(), meeting.held_on);
        self.unfinished = None;
        self.screen = Screen::Summary;
        if let Some(id) = id {
            effects.push(Effect::Persist(Change::SaveSection {
                meeting: id,
                position: current,
                timer,
                visited,
            }));
            effects.push(Effect::Persist(Change::EndMeeting {
                meeting: id,
                ended_at: self.now,
            }));
            effects.extend(self.queue_publication(id));
        }
        self.report = None;
        effects.extend(self.write_report());
        effects
    }

    /// Leaves kaizen with the meeting still open: its clock keeps running, as the meeting
    /// goes on in the room, and the next start offers to resume it.
    fn leave(&mut self) -> Vec<Effect> {
        let mut effects = self.save_notes();
        effects.push(Effect::Persist(Change::LeaveMeeting));
        effects.push(Effect::Quit);
        effects
    }

    pub(super) fn prepared(&self, mut meeting: Meeting) -> Meeting {
        let cycle = self.cycles.iter().find(|c| c.key == meeting.cycle_key);
        meeting.prepare_resumed(cycle, self.now);
        meeting
    }

    fn resume(&mut self, unfinished: Unfinished) -> Vec<Effect> {
        let meeting = self.prepared(unfinished.meeting);
        let history = Effect::LoadPanelHistory(meeting.cycle_key.clone());
        self.unfinished = None;
        self.pending_start = None;
        if unfinished.elsewhere {
            // Read again now: what was done there since this kaizen started is shown, and
            // from here on each change is announced.
            let reload = meeting.id.map(Effect::ReloadMeeting);
            self.open_meeting(meeting, true);
            let mut effects = vec![Effect::LoadOpportunities, history];
            effects.extend(reload);
            effects.extend(self.refresh_panels(false));
            return effects;
        }
        self.run_here(meeting, unfinished.decided, Change::ResumeMeeting)
    }

    /// Runs `meeting` in this kaizen, its clock going on from what was saved: `claim` takes
    /// it in the store (resuming an unfinished one, or taking one over).
    pub(super) fn run_here(
        &mut self,
        meeting: Meeting,
        decided: std::collections::HashSet<i64>,
        claim: Change,
    ) -> Vec<Effect> {
        let history = Effect::LoadPanelHistory(meeting.cycle_key.clone());
        self.open_meeting(meeting, false);
        if let Some(session) = &mut self.session {
            session.decided = decided;
        }
        self.select_next_undecided(None);
        let mut effects = vec![Effect::Persist(claim), Effect::LoadOpportunities, history];
        effects.extend(self.refresh_panels(false));
        effects
    }

    fn end_unfinished(&mut self, unfinished: Unfinished) -> Vec<Effect> {
        if unfinished.elsewhere {
            self.say("It is running in another kaizen: end it there");
            self.dialog = Some(Dialog::Resume(Box::new(unfinished)));
            return Vec::new();
        }
        let meeting = self.prepared(unfinished.meeting);
        self.open_meeting(meeting, false);
        let mut effects = vec![Effect::Persist(Change::ResumeMeeting)];
        effects.extend(self.end_meeting());
        effects
    }

    pub(super) fn run_summary(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Back => {
                self.close_meeting();
                let mut effects = vec![Effect::LoadActions];
                // Its rating is in: the meeting goes to its targets now.
                effects.extend(self.publish_due(true));
                // `kaizen start CYCLE` had to wait for the unfinished meeting: start it now.
                if let Some(key) = self.pending_start.take()
                    && let Some(index) = self.cycles.iter().position(|c| c.key == key)
                {
                    effects.extend(self.start_meeting(index));
                }
                return effects;
            }
            Command::Quit => return vec![Effect::Quit],
            Command::Publish => {
                if let Some(id) = self.meeting().and_then(|m| m.id) {
                    return self.publish_meeting(id);
                }
            }
            Command::Up | Command::Down | Command::PageUp | Command::PageDown => {
                let page = i32::from(self.viewport.1 / 2).max(1);
                let by = match command {
                    Command::Up => -1,
                    Command::Down => 1,
                    Command::PageUp => -page,
                    _ => page,
                };
                if let Some(report) = &mut self.report {
                    report.scroll_by(by);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// On the summary, 1-9 rate the meeting and 0 means 10.
    pub(super) fn rating_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let KeyCode::Char(c) = key.code else {
            return Vec::new();
        };
        let Some(digit) = c.to_digit(10) else {
            return Vec::new();
        };
        if self.read_only() {
            self.say("Read-only: rate it in the kaizen that ran it");
            return Vec::new();
        }
        let rating = if digit == 0 { 10 } else { digit as u8 };
        let Some(meeting) = self.session.as_mut().map(|s| &mut s.meeting) else {
            return Vec::new();
        };
        meeting.rating = Some(rating);
        let Some(id) = meeting.id else {
            return Vec::new();
        };
        // The report says the rating: written again with it.
        let mut effects = vec![Effect::Persist(Change::Rate {
            meeting: id,
            rating: Some(rating),
        })];
        effects.extend(self.write_report());
        effects
    }

    /// This meeting's panel values become "last time" for the next meeting of its cycle.
    fn remember_values(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let meeting = &session.meeting;
        let mut values = std::collections::HashMap::new();
        for (run, states) in meeting.sections.iter().zip(&session.panel_states) {
            for (panel, state) in run.panels.iter().zip(states) {
                for saved in super::meeting_panels::recorded(&run.title, panel, state) {
                    if let Some(value) = saved.value {
                        values.insert((saved.section, saved.panel, saved.series), value);
                    }
                }
            }
        }
        if !values.is_empty() {
            let previous = crate::meeting::PreviousMeeting {
                held_on: meeting.held_on,
                values,
            };
            self.previous_values
                .insert(meeting.cycle_key.clone(), previous);
        }
    }

    pub(super) fn meeting_reloaded(&mut self, meeting: Meeting) -> Vec<Effect> {
        if !self.read_only() || self.screen != Screen::Meeting {
            return Vec::new();
        }
        let meeting = self.prepared(meeting);
        self.notes.load(&meeting.current_run().notes);
        let sections = meeting.sections.len();
        if meeting.ended_at.is_some() {
            self.last_held
                .insert(meeting.cycle_key.clone(), meeting.held_on);
            self.screen = Screen::Summary;
        }
        match &mut self.session {
            // The same meeting, moved on: what its panels show is kept.
            Some(session) if session.panel_states.len() == sections => session.meeting = meeting,
            _ => self.open_session(meeting, true),
        }
        self.dirty = true;
        Vec::new()
    }
}
