//! Home screen and agenda preview: choosing a cycle, reading its agenda, starting its
//! meeting or going back to an unfinished one.

use super::dialog::Dialog;
use super::{AgendaView, Focus, Model, Screen};
use crate::change::Change;
use crate::command::Command;
use crate::effect::Effect;
use crate::meeting::Meeting;

impl Model {
    pub(super) fn run_home(&mut self, command: Command) -> Vec<Effect> {
        let last = self.cycles.len().saturating_sub(1);
        match command {
            Command::Up => self.home_selected = self.home_selected.saturating_sub(1),
            Command::Down => self.home_selected = (self.home_selected + 1).min(last),
            Command::Top => self.home_selected = 0,
            Command::Bottom => self.home_selected = last,
            Command::Open if self.selected_cycle().is_some() => {
                self.screen = Screen::Agenda(AgendaView::new(self.home_selected));
            }
            Command::StartMeeting => {
                self.ask_to_start(self.home_selected);
                // Fresh items before deciding whether the meeting opens with Follow-ups.
                return vec![Effect::LoadActions];
            }
            Command::OpenActionList => {
                self.open_action_list();
                return vec![Effect::LoadActions];
            }
            Command::OpenRoster => self.open_roster(),
            Command::OpenQuadrant => return self.open_quadrant(),
            Command::OpenHistory => return self.open_history(),
            Command::OpenScorecard => return self.open_scorecard(self.home_selected),
            Command::OpenLessons => return self.open_lessons(),
            Command::ContinueMeeting => match &self.unfinished {
                Some(unfinished) => {
                    self.dialog = Some(Dialog::Resume(Box::new(unfinished.clone())));
                }
                None => self.say("No unfinished meeting: s starts one"),
            },
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn run_agenda(&mut self, command: Command) -> Vec<Effect> {
        let page = self.viewport.1.saturating_sub(8).max(1);
        let Screen::Agenda(view) = &mut self.screen else {
            return Vec::new();
        };
        let cycle = view.cycle;
        view.scroll = match command {
            Command::Up => view.scroll.saturating_sub(1),
            Command::Down => view.scroll.saturating_add(1),
            Command::PageUp => view.scroll.saturating_sub(page),
            Command::PageDown => view.scroll.saturating_add(page),
            Command::Top => 0,
            Command::Bottom => u16::MAX,
            _ => view.scroll,
        };
        match command {
            Command::Back => self.screen = Screen::Home,
            Command::StartMeeting => {
                self.ask_to_start(cycle);
                return vec![Effect::LoadActions];
            }
            _ => self.clamp_scroll(),
        }
        Vec::new()
    }

    pub(super) fn clamp_scroll(&mut self) {
        let viewport = self.viewport;
        let followups = self.has_open_actions();
        if let Screen::Agenda(view) = &mut self.screen
            && let Some(cycle) = self.cycles.get(view.cycle)
        {
            view.scroll = view
                .scroll
                .min(crate::ui::agenda::max_scroll(cycle, viewport, followups));
        }
    }

    /// `s` asks first: a meeting started by accident would count as held.
    fn ask_to_start(&mut self, index: usize) {
        if self.refuse_while_unfinished() {
            return;
        }
        self.dialog = Some(Dialog::ConfirmStart(index));
    }

    /// True (and says so) when an unfinished meeting must be resumed or ended first.
    fn refuse_while_unfinished(&mut self) -> bool {
        let Some(unfinished) = &self.unfinished else {
            return false;
        };
        let name = unfinished.meeting.cycle_name.clone();
        self.say(format!(
            "The {name} meeting was never ended: c resumes or ends it first"
        ));
        true
    }

    /// Starts a meeting of the cycle at `index`: its first section's clock starts at once
    /// (unless the settings say otherwise) and the whole meeting is stored.
    pub(super) fn start_meeting(&mut self, index: usize) -> Vec<Effect> {
        if self.refuse_while_unfinished() {
            return Vec::new();
        }
        let Some(cycle) = self.cycles.get(index) else {
            return Vec::new();
        };
        let cycle_key = cycle.key.clone();
        let mut meeting = Meeting::new(cycle, self.now, self.has_open_actions(), &self.people);
        meeting.facilitator = self.settings.facilitator.clone();
        meeting.id = Some(self.provisional_id());
        meeting.go_to(0, self.now, self.settings.auto_start);
        let change = Change::StartMeeting(Box::new(meeting.clone()));
        self.open_meeting(meeting, false);
        // Sections that prioritize show the opportunities.
        let mut effects = vec![
            Effect::Persist(change),
            Effect::LoadOpportunities,
            Effect::LoadPanelHistory(cycle_key),
        ];
        effects.extend(self.refresh_panels(false));
        // Items closed in the tracker since are done before the Follow-ups read them.
        if self.tracker != super::Tracking::Off {
            effects.push(Effect::SyncTracker);
        }
        effects
    }

    /// Puts a meeting on screen with its current section's notes in the editor.
    pub(super) fn open_meeting(&mut self, meeting: Meeting, read_only: bool) {
        self.notes.load(&meeting.current_run().notes);
        self.open_session(meeting, read_only);
        self.focus = Focus::Clock;
        self.screen = Screen::Meeting;
        self.toast = None;
    }
}
