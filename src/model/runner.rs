//! Running a meeting: the clock keys, moving between sections, notes, attendance, ending,
//! leaving and resuming. Every change to what must survive a crash becomes a `Persist`.

use super::dialog::Dialog;
use super::{Focus, Model, Screen};
use crate::change::Change;
use crate::command::Command;
use crate::effect::Effect;
use crate::meeting::{Attendee, RebalanceRefusal};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

impl Model {
    pub(super) fn run_meeting(&mut self, command: Command) -> Vec<Effect> {
        if self.read_only() {
            match command {
                Command::Back => self.close_meeting(),
                Command::TakeOver => return self.ask_take_over(),
                _ => self.say(
                    "Read-only: this meeting is being run from another kaizen (T takes it over)",
                ),
            }
            return Vec::new();
        }
        if command == Command::TakeOver {
            return self.ask_take_over();
        }
        // The meeting's movement keys mean the same in its lists and panels: the list closes
        // and the meeting moves.
        if is_movement(command)
            && matches!(
                self.focus,
                Focus::Findings { .. }
                    | Focus::Incidents { .. }
                    | Focus::Checklist { .. }
                    | Focus::Panels { .. }
                    | Focus::Zoom { .. }
            )
        {
            self.focus = Focus::Clock;
        }
        match (&self.focus, command) {
            (Focus::Clock, _)
                if self.mode() == crate::command::Mode::FollowUps
                    && matches!(
                        command,
                        Command::Up
                            | Command::Down
                            | Command::MarkDone
                            | Command::CarryOver
                            | Command::DropItem
                            | Command::Reassign
                            | Command::Reschedule
                    ) =>
            {
                self.run_followups(command)
            }
            (Focus::Clock, _) => self.run_clock(command),
            (Focus::Notes, Command::Back) => {
                self.focus = Focus::Clock;
                self.save_notes()
            }
            (Focus::Attendance { .. }, _) => self.run_attendance(command),
            (Focus::Checklist { .. }, _) => self.run_checklist(command),
            (Focus::NewAttendee(_), Command::Confirm) => self.add_attendee(),
            (Focus::NewAttendee(_), Command::Cancel) => {
                self.focus = Focus::Attendance { selected: 0 };
                Vec::new()
            }
            (Focus::Jump, Command::Cancel) => {
                self.focus = Focus::Clock;
                Vec::new()
            }
            (Focus::Panels { .. } | Focus::Zoom { .. }, _) => self.run_panels(command),
            (Focus::Findings { .. }, _) => self.run_findings(command),
            (Focus::Incidents { .. }, _) => self.run_incident_list(command),
            (Focus::NewIncident(_), Command::Confirm | Command::Cancel) => {
                self.finish_new_incident(command)
            }
            (Focus::Question(_), Command::Confirm) => self.answer_question(),
            (Focus::Question(_), Command::Cancel) => {
                if let Focus::Question(question) = std::mem::take(&mut self.focus) {
                    self.focus = question
                        .back
                        .map_or(Focus::Clock, |list| Focus::ActionList(*list));
                }
                Vec::new()
            }
            (Focus::NewAction(_), Command::Confirm) => self.submit_action_form(),
            (Focus::NewAction(_), Command::Cancel) => {
                self.cancel_action_form();
                Vec::new()
            }
            (Focus::NewAction(_), Command::NextField | Command::PreviousField) => {
                if let Focus::NewAction(form) = &mut self.focus {
                    form.next_field(command == Command::NextField);
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    pub(super) fn run_clock(&mut self, command: Command) -> Vec<Effect> {
        let Some(meeting) = self.session.as_mut().map(|s| &mut s.meeting) else {
            return Vec::new();
        };
        let now = self.now;
        let current = meeting.current;
        let count = meeting.sections.len();
        match command {
            Command::ToggleTimer => {
                meeting.toggle_pause(now);
                self.section_changes(&[current])
            }
            Command::AddMinute => self.adjust(60),
            Command::TakeMinute => self.adjust(-60),
            Command::AddFiveMinutes => self.adjust(300),
            Command::TakeFiveMinutes => self.adjust(-300),
            Command::NextSection if current + 1 < count => self.go_to_section(current + 1),
            Command::NextSection => {
                self.say("This is the last section: e ends the meeting");
                Vec::new()
            }
            Command::PreviousSection if current > 0 => self.go_to_section(current - 1),
            Command::PreviousSection => {
                self.say("This is the first section");
                Vec::new()
            }
            Command::JumpToSection => {
                self.focus = Focus::Jump;
                Vec::new()
            }
            Command::Rebalance => self.rebalance(),
            Command::OpenActionList => {
                self.open_action_list();
                vec![Effect::LoadActions]
            }
            Command::NewActionItem => {
                self.open_action_form();
                Vec::new()
            }
            Command::Undo => {
                self.reopen_action_form();
                Vec::new()
            }
            Command::Refresh => self.refresh_panels(true),
            Command::OpenQuadrant => self.open_quadrant(),
            Command::OpenScorecard => self.open_meeting_scorecard(),
            Command::OpenFindings if meeting.current_run().incidents => {
                self.open_incident_list();
                Vec::new()
            }
            Command::OpenFindings => self.open_findings(),
            Command::ViewPanels if meeting.current_run().panels.is_empty() => {
                self.say("This section has no metric panels");
                Vec::new()
            }
            Command::ViewPanels => {
                self.focus = Focus::Panels { selected: 0 };
                Vec::new()
            }
            Command::EditNotes => {
                self.focus = Focus::Notes;
                Vec::new()
            }
            Command::Attendance => {
                self.focus = Focus::Attendance { selected: 0 };
                Vec::new()
            }
            Command::OpenChecklist => self.open_checklist(),
            Command::EndMeeting => {
                self.dialog = Some(Dialog::ConfirmEnd);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn adjust(&mut self, secs: i64) -> Vec<Effect> {
        let Some(meeting) = self.session.as_mut().map(|s| &mut s.meeting) else {
            return Vec::new();
        };
        meeting.adjust_current(secs);
        let current = meeting.current;
        self.section_changes(&[current])
    }

    fn go_to_section(&mut self, index: usize) -> Vec<Effect> {
        let mut effects = self.save_notes();
        if self.meeting().is_some_and(|m| m.in_followups()) {
            let undecided = self
                .followup_items()
                .iter()
                .filter(|item| !self.decided(item.id))
                .count();
            if undecided > 0 {
                self.say(format!(
                    "{undecided} item(s) left undecided: they stay open for next time"
                ));
            }
        }
        let leaving = self.meeting().map_or(0, |m| m.current);
        effects.extend(self.panel_values(leaving));
        let Some(meeting) = self.session.as_mut().map(|s| &mut s.meeting) else {
            return effects;
        };
        let changed = meeting.go_to(index, self.now, self.settings.auto_start);
        self.notes.load(&meeting.current_run().notes);
        let position = meeting.current;
        effects.extend(self.section_changes(&changed));
        if let Some(meeting) = self.meeting_id() {
            effects.push(Effect::Persist(Change::SetCurrent { meeting, position }));
        }
        effects.extend(self.refresh_panels(false));
        effects
    }

    fn rebalance(&mut self) -> Vec<Effect> {
        let Some(meeting) = self.session.as_mut().map(|s| &mut s.meeting) else {
            return Vec::new();
        };
        let planned = |meeting: &crate::meeting::Meeting| -> i64 {
            meeting.sections.iter().map(|s| s.timer.planned_secs).sum()
        };
        let before = planned(meeting);
        match meeting.rebalance(self.now) {
            Ok((changed, fits)) => {
                // What was actually cut, in whole minutes: the message says what happened.
                let given_back = (before - planned(meeting)) / 60;
                self.say(if fits {
                    format!("Rebalanced: sections to come give back {given_back} min; ends on time")
                } else {
                    "Shortened the sections left to a minute each: still over time".to_string()
                });
                self.section_changes(&changed)
            }
            Err(RebalanceRefusal::OnTime) => {
                self.say("Not behind: nothing to rebalance");
                Vec::new()
            }
            Err(RebalanceRefusal::NothingLeft) => {
                self.say("No sections left to shorten");
                Vec::new()
            }
        }
    }

    fn run_attendance(&mut self, command: Command) -> Vec<Effect> {
        let Focus::Attendance { selected } = self.focus else {
            return Vec::new();
        };
        let Some(meeting) = self.session.as_mut().map(|s| &mut s.meeting) else {
            return Vec::new();
        };
        let last = meeting.attendees.len().saturating_sub(1);
        match command {
            Command::Up => {
                self.focus = Focus::Attendance {
                    selected: selected.saturating_sub(1),
                }
            }
            Command::Down => {
                self.focus = Focus::Attendance {
                    selected: (selected + 1).min(last),
                }
            }
            Command::AddAttendee => {
                let mut input = TextArea::default();
                input.set_placeholder_text("Name");
                self.focus = Focus::NewAttendee(Box::new(input));
            }
            Command::TogglePresent => {
                if let Some(attendee) = meeting.attendees.get_mut(selected) {
                    attendee.present = !attendee.present;
                    return self.attendee_change(selected);
                }
            }
            Command::Back => self.focus = Focus::Clock,
            _ => {}
        }
        Vec::new()
    }

    fn add_attendee(&mut self) -> Vec<Effect> {
        let Focus::NewAttendee(input) = &self.focus else {
            return Vec::new();
        };
        let name = crate::text::clean(input.lines().join(" ").trim()).into_owned();
        if name.is_empty() {
            self.focus = Focus::Attendance { selected: 0 };
            return Vec::new();
        }
        // Someone new in the room joins the roster: next meeting they are on the list, and
        // they can own action items.
        let mut effects = Vec::new();
        if !self.people.iter().any(|p| p.eq_ignore_ascii_case(&name)) {
            self.people.push(name.clone());
            self.people.sort_by_key(|p| p.to_lowercase());
            effects.push(Effect::Persist(Change::Roster(
                crate::change::RosterChange::Add(crate::people::Person::named(&name)),
            )));
        }
        let Some(meeting) = self.session.as_mut().map(|s| &mut s.meeting) else {
            return Vec::new();
        };
        meeting.attendees.push(Attendee {
            name,
            present: true,
        });
        let position = meeting.attendees.len() - 1;
        self.focus = Focus::Attendance { selected: position };
        effects.extend(self.attendee_change(position));
        effects
    }

    fn attendee_change(&self, position: usize) -> Vec<Effect> {
        let (Some(meeting), Some(id)) = (self.meeting(), self.meeting_id()) else {
            return Vec::new();
        };
        let Some(attendee) = meeting.attendees.get(position) else {
            return Vec::new();
        };
        vec![Effect::Persist(Change::SaveAttendee {
            meeting: id,
            position,
            name: attendee.name.clone(),
            present: attendee.present,
        })]
    }

    /// `g` then a digit: jump to that section.
    pub(super) fn jump_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let KeyCode::Char(c) = key.code else {
            return Vec::new();
        };
        let Some(number) = c.to_digit(10) else {
            return Vec::new();
        };
        self.focus = Focus::Clock;
        let count = self.meeting().map_or(0, |m| m.sections.len());
        match number as usize {
            n @ 1.. if n <= count => self.go_to_section(n - 1),
            n => {
                self.say(format!("No section {n}: this agenda has {count}"));
                Vec::new()
            }
        }
    }

    /// Once a second: the clock on screen moves, the bell may ring, typed notes are saved.
    pub(super) fn tick(&mut self) -> Vec<Effect> {
        if !self.meeting_on_screen() {
            return Vec::new();
        }
        self.dirty = true;
        let mut effects = self.refresh_panels(false);
        let Some(session) = &mut self.session else {
            return effects;
        };
        let meeting = &mut session.meeting;
        if session.read_only {
            // A store that announces its changes needs no polling.
            if !self.live_updates {
                effects.extend(meeting.id.map(Effect::ReloadMeeting));
            }
            return effects;
        }
        if meeting.bell_due(self.now) && self.settings.bell {
            effects.push(Effect::Bell);
        }
        effects.extend(self.save_notes());
        effects
    }

    /// Saves the current section's notes if they were typed in since the last save.
    pub(super) fn save_notes(&mut self) -> Vec<Effect> {
        if !self.notes.dirty || self.read_only() {
            return Vec::new();
        }
        let (Some(position), Some(id)) = (self.meeting().map(|m| m.current), self.meeting_id())
        else {
            return Vec::new();
        };
        self.notes.dirty = false;
        vec![Effect::Persist(Change::SaveNotes {
            meeting: id,
            position,
            notes: self.notes.text(),
        })]
    }

    pub(super) fn copy_notes_into_run(&mut self) {
        let text = self.notes.text();
        if let Some(meeting) = self.session.as_mut().map(|s| &mut s.meeting) {
            meeting.set_current_notes(text);
        }
    }

    fn meeting_id(&self) -> Option<i64> {
        self.meeting().and_then(|m| m.id)
    }

    fn section_changes(&self, positions: &[usize]) -> Vec<Effect> {
        let (Some(meeting), Some(id)) = (self.meeting(), self.meeting_id()) else {
            return Vec::new();
        };
        positions
            .iter()
            .filter_map(|&position| {
                let run = meeting.sections.get(position)?;
                Some(Effect::Persist(Change::SaveSection {
                    meeting: id,
                    position,
                    timer: run.timer,
                    visited: run.visited,
                }))
            })
            .collect()
    }

    pub(super) fn close_meeting(&mut self) {
        self.close_session();
        self.focus = Focus::Clock;
        self.screen = Screen::Home;
    }
}

/// Keys that move the meeting along, the same on every meeting screen.
fn is_movement(command: Command) -> bool {
    matches!(
        command,
        Command::NextSection
            | Command::PreviousSection
            | Command::JumpToSection
            | Command::ToggleTimer
            | Command::EndMeeting
            | Command::EditNotes
    )
}
