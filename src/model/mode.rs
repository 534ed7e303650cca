//! Which bindings apply now: the mode, derived in one place from the screen, the focus and
//! any dialog, and what the running meeting allows.

use super::dialog::Dialog;
use super::{Focus, Model, Screen};
use crate::command::Mode;
use crate::meeting::Meeting;

impl Model {
    /// Which bindings apply now.
    pub fn mode(&self) -> Mode {
        if self.help_open {
            Mode::Help
        } else {
            self.mode_beneath_help()
        }
    }

    /// The one place a mode is derived from the screen, focus and dialog.
    fn mode_beneath_help(&self) -> Mode {
        match (&self.dialog, &self.screen, &self.focus) {
            (Some(_), ..) => self.mode_of_dialog(),
            (None, _, Focus::Question(_)) => Mode::Question,
            (None, _, Focus::NewAction(_)) => Mode::ActionForm,
            (None, Screen::Actions(_), _) => Mode::ActionList,
            (None, Screen::Meeting, Focus::ActionList(_)) => Mode::ActionList,
            (None, Screen::Roster(view), _) if view.input.is_some() => Mode::RosterInput,
            (None, Screen::Roster(_), _) => Mode::Roster,
            (None, Screen::Quadrant(view), _) if view.input.is_some() => Mode::QuadrantInput,
            (None, Screen::Quadrant(_), _) => Mode::Quadrant,
            (None, Screen::Opportunity(view), _) if view.input.is_some() => Mode::DetailInput,
            (None, Screen::Incident(view), _) if view.input.is_some() => Mode::IncidentInput,
            (None, Screen::Incident(_), _) => Mode::IncidentDetail,
            (None, Screen::Opportunity(_), _) => Mode::Detail,
            (None, Screen::Home, _) => Mode::Home,
            (None, Screen::Agenda(_), _) => Mode::Agenda,
            (None, Screen::Summary, _) => Mode::Summary,
            (None, Screen::History(_), _) => Mode::History,
            (None, Screen::Report(_), _) => Mode::Report,
            (None, Screen::Scorecard(_), _) => Mode::Scorecard,
            (None, Screen::Lessons(view), _) if view.typing.is_some() => Mode::LessonsSearch,
            (None, Screen::Lessons(_), _) => Mode::Lessons,
            (None, Screen::Meeting, _) if self.read_only() => Mode::Watching,
            (None, Screen::Meeting, Focus::Clock) if self.in_followups() => Mode::FollowUps,
            (None, Screen::Meeting, Focus::Clock) => Mode::Meeting,
            (None, Screen::Meeting, Focus::Notes) => Mode::Notes,
            (None, Screen::Meeting, Focus::Attendance { .. }) => Mode::Attendance,
            (None, Screen::Meeting, Focus::NewAttendee(_)) => Mode::NameInput,
            (None, Screen::Meeting, Focus::Jump) => Mode::Jump,
            (None, Screen::Meeting, Focus::Panels { .. }) => Mode::Panels,
            (None, Screen::Meeting, Focus::Zoom { .. }) => Mode::Zoom,
            (None, Screen::Meeting, Focus::Findings { .. }) => Mode::Findings,
            (None, Screen::Meeting, Focus::Incidents { .. }) => Mode::Incidents,
            (None, Screen::Meeting, Focus::NewIncident(_)) => Mode::IncidentTitle,
            (None, Screen::Meeting, Focus::Checklist { .. }) => Mode::Checklist,
        }
    }

    /// The meeting this kaizen is running, while it runs (not ended, not only watched).
    pub fn running_meeting(&self) -> Option<&Meeting> {
        self.meeting()
            .filter(|m| m.ended_at.is_none() && !self.read_only())
    }

    /// The meeting goes on under this screen: the meeting itself, or the quadrant and an
    /// opportunity's detail opened from it (its clock ticks and rings there too).
    pub fn meeting_on_screen(&self) -> bool {
        match self.screen {
            Screen::Meeting => true,
            Screen::Quadrant(_)
            | Screen::Opportunity(_)
            | Screen::Incident(_)
            | Screen::Scorecard(_) => self.running_meeting().is_some(),
            _ => false,
        }
    }

    pub(super) fn in_followups(&self) -> bool {
        self.meeting().is_some_and(|m| m.in_followups())
    }

    /// The mode under the help overlay, whose keys the help lists: typing modes show the
    /// keys of what they type into.
    pub fn mode_under_help(&self) -> Mode {
        match self.mode_beneath_help() {
            Mode::Question | Mode::Notes | Mode::NameInput | Mode::Jump | Mode::IncidentTitle => {
                Mode::Meeting
            }
            Mode::RosterInput => Mode::Roster,
            Mode::QuadrantInput => Mode::Quadrant,
            Mode::DetailInput => Mode::Detail,
            Mode::IncidentInput => Mode::IncidentDetail,
            Mode::LessonsSearch => Mode::Lessons,
            mode => mode,
        }
    }

    pub(super) fn mode_of_dialog(&self) -> Mode {
        match self.dialog {
            Some(Dialog::Resume(_)) => Mode::Resume,
            _ => Mode::Confirm,
        }
    }
}
