//! The app's whole state and its one way to change: [`Model::update`]. Pure: no clock, no
//! IO, no terminal. The runtime passes the time in and performs the effects that come out.

pub mod action_form;
pub mod action_list;
mod agenda;
pub mod board;
pub mod detail;
pub mod dialog;
mod evidence;
pub mod followups;
pub mod history;
mod home;
pub mod incident_detail;
pub mod incident_review;
mod lifecycle;
pub mod notes;
pub mod panels;
mod paste;
mod provisional;
pub mod quadrant;
pub mod report_view;
pub mod roster;
mod scan;
pub use scan::ScanState;
mod reads;
mod runner;

pub use agenda::AgendaView;

use crate::command::{Command, Mode};
use crate::config::MeetingSettings;
use crate::cycles::Cycle;
use crate::effect::Effect;
use crate::keymap::Keymap;
use crate::meeting::Meeting;
use crate::msg::Msg;
use crate::schedule::CycleStatus;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use dialog::{Dialog, Unfinished};
use notes::NotesEditor;
use ratatui_textarea::TextArea;
use std::collections::HashMap;
use std::time::Instant;

/// The time as the runtime read it: a monotonic instant for durations, the wall clock for
/// dates and for what is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    pub mono: Instant,
    pub wall: DateTime<FixedOffset>,
}

/// Which screen is showing.
#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    Home,
    Agenda(AgendaView),
    Meeting,
    /// The end-of-meeting summary, asking for a rating.
    Summary,
    /// Every action item, from the home screen.
    Actions(action_list::ActionList),
    /// The team roster.
    Roster(Box<roster::RosterView>),
    /// The impact/effort quadrant of opportunities.
    Quadrant(Box<quadrant::QuadrantView>),
    /// One opportunity, every field.
    Opportunity(Box<detail::DetailView>),
    /// Past meetings, newest first.
    History(Box<history::HistoryView>),
    /// One incident, filled in during the Incident Review.
    Incident(Box<incident_detail::IncidentView>),
    /// A past meeting's report (the list to go back to kept beside it).
    Report(Box<history::HistoryView>),
}

/// What takes keys on the meeting screen.
#[derive(Default)]
pub enum Focus {
    #[default]
    Clock,
    Notes,
    Attendance {
        selected: usize,
    },
    NewAttendee(Box<TextArea<'static>>),
    Jump,
    /// Choosing a metric panel.
    Panels {
        selected: usize,
    },
    /// One panel full screen.
    Zoom {
        selected: usize,
    },
    /// Making an action item.
    NewAction(Box<action_form::ActionForm>),
    /// A question about an open item in the Follow-ups step.
    Question(Box<followups::Question>),
    /// The action list over the section.
    ActionList(action_list::ActionList),
    /// What the section's scan found; `open` shows the selected one in full.
    Findings {
        selected: usize,
        open: bool,
    },
    /// The Incident Review's lists: the period's incidents, or the alerts that fired.
    Incidents {
        selected: usize,
        list: incident_review::IncidentList,
    },
    /// The title of an incident added by hand.
    NewIncident(Box<TextArea<'static>>),
}

/// A short message in the footer that goes away by itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub until: DateTime<FixedOffset>,
}

pub struct Model {
    pub cycles: Vec<Cycle>,
    /// The latest date each cycle was held, by cycle key.
    pub last_held: HashMap<String, NaiveDate>,
    /// The wall clock at the last message; screens draw clocks from it.
    pub now: DateTime<FixedOffset>,
    /// The local calendar date of `now`.
    pub today: NaiveDate,
    pub screen: Screen,
    /// The selected row on the home screen (kept while reading an agenda).
    pub home_selected: usize,
    pub help_open: bool,
    /// How far the help is scrolled down, in lines (the view keeps it in range).
    pub help_scroll: u16,
    /// Terminal size in columns and rows.
    pub viewport: (u16, u16),
    /// Where the database lives, shown in the title bar ("demo" for the demo).
    pub store_label: String,
    pub settings: MeetingSettings,
    /// The meeting on screen (running, watched, or just ended).
    pub meeting: Option<Meeting>,
    /// The meeting runs in another kaizen: this one only shows it.
    pub read_only: bool,
    /// A meeting that was never ended, waiting for the facilitator to resume or end it.
    pub unfinished: Option<Unfinished>,
    pub dialog: Option<Dialog>,
    pub focus: Focus,
    pub notes: NotesEditor,
    pub toast: Option<Toast>,
    /// The last change that could not be saved, shown until a later one succeeds.
    pub save_error: Option<String>,
    /// The last read of the store that failed, shown until that read succeeds.
    pub read_error: Option<(crate::msg::Read, String)>,
    /// When the database file was last checked to still be the one opened.
    database_checked_at: Option<DateTime<FixedOffset>>,
    /// Changes waiting to be saved (the database locked, busy or full), tried again at
    /// `retry_at`, each wait longer than the last up to a few seconds.
    pub saves_waiting: usize,
    retry_at: Option<DateTime<FixedOffset>>,
    retry_secs: i64,
    /// `q` was pressed once with changes waiting: a second press quits anyway.
    quit_warned: bool,
    /// A meeting asked for on the command line, waiting for an unfinished one to be ended.
    pub pending_start: Option<String>,
    /// The built-in demo: nothing is saved, and the screens say so.
    pub demo: bool,
    /// What each panel of the meeting's sections shows, by section then panel.
    pub panel_states: Vec<Vec<panels::PanelState>>,
    /// Each section's anomaly scan, by section.
    pub scan_states: Vec<ScanState>,
    /// The anomaly detectors' thresholds (`[anomalies]` in the config).
    pub anomalies: crate::analysis::Settings,
    /// Findings the room marked as expected.
    pub expected: Vec<crate::analysis::Expected>,
    /// What each panel showed at the cycle's earlier meetings: (section, panel) to values,
    /// oldest first.
    pub panel_history: HashMap<(String, String, String), Vec<f64>>,
    /// Every incident, kept in step with the store.
    pub incidents: Vec<crate::incidents::Incident>,
    /// Alert episodes dismissed as not incidents: fingerprint and start.
    pub dismissed_alerts: Vec<(String, f64)>,
    /// The alerts that fired over the review period.
    pub alerts: incident_review::AlertsState,
    /// The incident added last opens its detail once stored.
    open_new_incident: bool,
    /// The incident whose prevention measure is being made (linked once it has an id).
    pending_measure: Option<i64>,
    /// The team roster: who can own an action item.
    pub people: Vec<String>,
    /// Handles of roster people who have one ("Ana" -> "ana").
    pub handles: HashMap<String, String>,
    /// Every improvement opportunity, kept in step with the store.
    pub opportunities: Vec<crate::opportunities::Opportunity>,
    /// Every action item, kept in step with the store as decisions are made.
    pub actions: Vec<crate::actions::ActionItem>,
    /// Items decided in this meeting's Follow-ups (still listed, marked decided).
    pub decided: std::collections::HashSet<i64>,
    /// The selected row in the Follow-ups list.
    pub followup_selected: usize,
    /// The action item form last put away with Esc, for `u`.
    pub cancelled_form: Option<Box<action_form::ActionForm>>,
    /// The action list (in a meeting) to return to after editing an item.
    list_before_edit: Option<action_list::ActionList>,
    /// The report of the meeting just ended (or opened from the history).
    pub report: Option<report_view::ReportView>,
    /// What panels showed at each cycle's previous meeting: cycle key, then (section, panel).
    pub previous_values: crate::meeting::PreviousValues,
    /// The last provisional id given to a row made on screen (see `change::is_provisional`).
    provisional: i64,
    keymap: Keymap,
    dirty: bool,
}

impl Model {
    pub fn new(
        cycles: Vec<Cycle>,
        last_held: HashMap<String, NaiveDate>,
        now: Now,
        keymap: Keymap,
    ) -> Model {
        Model {
            cycles,
            last_held,
            now: now.wall,
            today: now.wall.date_naive(),
            screen: Screen::Home,
            home_selected: 0,
            help_open: false,
            help_scroll: 0,
            viewport: (80, 24),
            store_label: String::new(),
            settings: MeetingSettings::default(),
            meeting: None,
            read_only: false,
            unfinished: None,
            dialog: None,
            focus: Focus::Clock,
            notes: NotesEditor::default(),
            toast: None,
            save_error: None,
            read_error: None,
            database_checked_at: None,
            saves_waiting: 0,
            retry_at: None,
            retry_secs: 1,
            quit_warned: false,
            pending_start: None,
            demo: false,
            panel_states: Vec::new(),
            scan_states: Vec::new(),
            anomalies: crate::analysis::Settings::default(),
            expected: Vec::new(),
            panel_history: HashMap::new(),
            incidents: Vec::new(),
            dismissed_alerts: Vec::new(),
            alerts: incident_review::AlertsState::default(),
            open_new_incident: false,
            pending_measure: None,
            people: Vec::new(),
            actions: Vec::new(),
            handles: HashMap::new(),
            opportunities: Vec::new(),
            decided: std::collections::HashSet::new(),
            followup_selected: 0,
            cancelled_form: None,
            list_before_edit: None,
            previous_values: HashMap::new(),
            report: None,
            provisional: 0,
            keymap,
            dirty: true,
        }
    }

    /// Tells the model about a meeting left unfinished; it asks what to do with it.
    pub fn offer_resume(&mut self, unfinished: Unfinished) {
        self.dialog = Some(Dialog::Resume(Box::new(unfinished.clone())));
        self.unfinished = Some(unfinished);
        self.dirty = true;
    }

    /// The only way the state changes.
    pub fn update(&mut self, msg: Msg, now: Now) -> Vec<Effect> {
        self.observe_time(now.wall);
        self.read_succeeded(&msg);
        match msg {
            Msg::Tick => {
                let mut effects = self.tick();
                effects.extend(self.database_check_due());
                effects.extend(self.retry_due());
                effects
            }
            Msg::SavesWaiting(count) => self.saves_waiting(count),
            Msg::Several(answers) => answers
                .into_iter()
                .flat_map(|answer| self.update(answer, now))
                .collect(),
            Msg::Shutdown => {
                let mut effects = self.save_notes();
                effects.push(Effect::Quit);
                effects
            }
            Msg::Suspend => self.suspend(),
            Msg::Resize(columns, rows) => {
                self.viewport = (columns, rows);
                self.clamp_scroll();
                self.dirty = true;
                Vec::new()
            }
            Msg::Key(key) => {
                self.dirty = true;
                // A message answers the last key; the next key moves on from it.
                self.toast = None;
                let mode = self.mode();
                match self.keymap.lookup(mode, &key) {
                    Some(command) => {
                        let effects = self.run(command);
                        self.warn_before_losing_saves(effects)
                    }
                    None if mode.takes_text() => self.type_key(mode, key),
                    None => Vec::new(),
                }
            }
            Msg::Paste(text) => {
                self.paste(&text);
                Vec::new()
            }
            Msg::StartMeeting(key) => {
                self.dirty = true;
                match self.cycles.iter().position(|c| c.key == key) {
                    // An unfinished meeting is asked about first; this one waits for it.
                    Some(_) if self.unfinished.is_some() => {
                        self.pending_start = Some(key);
                        Vec::new()
                    }
                    Some(index) => self.start_meeting(index),
                    None => Vec::new(),
                }
            }
            Msg::MeetingStored(landed) => {
                self.landed(landed);
                Vec::new()
            }
            Msg::ActionStored(landed) => {
                self.landed(landed);
                self.link_measure(crate::incidents::Measure::Action(landed.id))
            }
            Msg::OpportunitiesLoaded(items) => {
                self.opportunities = items;
                self.dirty = true;
                Vec::new()
            }
            Msg::OpportunityHistory(id, history) => {
                if let Screen::Opportunity(view) = &mut self.screen
                    && view.id == id
                {
                    view.history = history;
                    self.dirty = true;
                }
                Vec::new()
            }
            Msg::OpportunitySaved(landed) => {
                self.landed(landed);
                self.link_measure(crate::incidents::Measure::Opportunity(landed.id))
            }
            Msg::IncidentsLoaded {
                incidents,
                dismissed,
            } => {
                self.incidents = incidents;
                self.dismissed_alerts = dismissed;
                self.dirty = true;
                Vec::new()
            }
            Msg::IncidentSaved(id) => self.incident_saved(id),
            Msg::AlertsLoaded { generation, result } => {
                self.alerts_loaded(generation, result);
                Vec::new()
            }
            Msg::ActionsLoaded(items) => {
                self.actions = items;
                self.dirty = true;
                Vec::new()
            }
            Msg::Measured {
                opportunity,
                result,
            } => {
                self.dirty = true;
                self.measured(opportunity, result)
            }
            Msg::ReportReady {
                meeting,
                text,
                written,
            } => self.report_ready(meeting, text, written),
            Msg::HistoryLoaded(meetings) => self.history_loaded(meetings),
            Msg::PanelHistory(values) => {
                self.panel_history_loaded(values);
                Vec::new()
            }
            Msg::ExpectedLoaded(expected) => {
                self.expected = expected;
                self.dirty = true;
                Vec::new()
            }
            Msg::Scanned {
                section,
                generation,
                outcome,
            } => {
                self.scanned(section, generation, *outcome);
                Vec::new()
            }
            Msg::SaveFailed { change, error } => self.save_failed(*change, error),
            Msg::MeetingReloaded(meeting) => self.meeting_reloaded(*meeting),
            Msg::ReadFailed { what, error } => self.read_failed(what, error),
            Msg::PanelLoaded {
                key,
                generation,
                result,
            } => self.panel_loaded(key, generation, result),
        }
    }

    fn observe_time(&mut self, wall: DateTime<FixedOffset>) {
        self.now = wall;
        let today = wall.date_naive();
        if today != self.today {
            self.today = today;
            self.dirty = true;
        }
        if self.toast.as_ref().is_some_and(|toast| wall >= toast.until) {
            self.toast = None;
            self.dirty = true;
        }
    }

    /// Which bindings apply now.
    pub fn mode(&self) -> Mode {
        if self.help_open {
            return Mode::Help;
        }
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
        }
    }

    /// The meeting this kaizen is running, while it runs (not ended, not only watched).
    pub fn running_meeting(&self) -> Option<&Meeting> {
        self.meeting
            .as_ref()
            .filter(|m| m.ended_at.is_none() && !self.read_only)
    }

    /// The meeting goes on under this screen: the meeting itself, or the quadrant and an
    /// opportunity's detail opened from it (its clock ticks and rings there too).
    pub fn meeting_on_screen(&self) -> bool {
        match self.screen {
            Screen::Meeting => true,
            Screen::Quadrant(_) | Screen::Opportunity(_) | Screen::Incident(_) => {
                self.running_meeting().is_some()
            }
            _ => false,
        }
    }

    fn in_followups(&self) -> bool {
        self.meeting.as_ref().is_some_and(|m| m.in_followups())
    }

    /// The mode under the help overlay, whose keys the help lists.
    pub fn mode_under_help(&self) -> Mode {
        match (&self.dialog, &self.screen, &self.focus) {
            (Some(_), ..) => self.mode_of_dialog(),
            (None, Screen::Meeting, Focus::Attendance { .. }) => Mode::Attendance,
            (None, Screen::Meeting, Focus::Panels { .. }) => Mode::Panels,
            (None, Screen::Meeting, Focus::Zoom { .. }) => Mode::Zoom,
            (None, Screen::Meeting, Focus::Findings { .. }) => Mode::Findings,
            (None, Screen::Meeting, Focus::Incidents { .. }) => Mode::Incidents,
            (None, Screen::Incident(_), _) => Mode::IncidentDetail,
            (None, _, Focus::NewAction(_)) => Mode::ActionForm,
            (None, Screen::Meeting, Focus::ActionList(_)) => Mode::ActionList,
            (None, Screen::Meeting, Focus::Clock) if self.in_followups() => Mode::FollowUps,
            (None, Screen::Actions(_), _) => Mode::ActionList,
            (None, Screen::Roster(_), _) => Mode::Roster,
            (None, Screen::Quadrant(_), _) => Mode::Quadrant,
            (None, Screen::Opportunity(_), _) => Mode::Detail,
            (None, Screen::Home, _) => Mode::Home,
            (None, Screen::Agenda(_), _) => Mode::Agenda,
            (None, Screen::History(_), _) => Mode::History,
            (None, Screen::Report(_), _) => Mode::Report,
            (None, Screen::Meeting, _) => Mode::Meeting,
            (None, Screen::Summary, _) => Mode::Summary,
        }
    }

    fn mode_of_dialog(&self) -> Mode {
        match self.dialog {
            Some(Dialog::Resume(_)) => Mode::Resume,
            _ => Mode::Confirm,
        }
    }

    /// True once after anything visible changed; the runtime draws only then.
    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }

    /// Where a cycle stands today.
    pub fn status(&self, cycle: &Cycle) -> CycleStatus {
        CycleStatus::of(cycle, self.today, self.last_held.get(&cycle.key).copied())
    }

    pub fn selected_cycle(&self) -> Option<&Cycle> {
        self.cycles.get(self.home_selected)
    }

    fn say(&mut self, text: impl Into<String>) {
        self.toast = Some(Toast {
            text: text.into(),
            until: self.now + Duration::seconds(5),
        });
    }

    fn run(&mut self, command: Command) -> Vec<Effect> {
        match (command, self.mode()) {
            (Command::ToggleHelp, _) => {
                self.help_open = !self.help_open;
                self.help_scroll = 0;
                Vec::new()
            }
            (Command::Up | Command::Down | Command::PageUp | Command::PageDown, Mode::Help) => {
                let page = self.viewport.1.saturating_sub(4).max(1);
                let most = crate::ui::help::most_scroll(self.mode_under_help(), self.viewport);
                self.help_scroll = match command {
                    Command::Up => self.help_scroll.saturating_sub(1),
                    Command::Down => self.help_scroll.saturating_add(1),
                    Command::PageUp => self.help_scroll.saturating_sub(page),
                    _ => self.help_scroll.saturating_add(page),
                }
                .min(most);
                Vec::new()
            }
            (Command::Suspend, _) => self.suspend(),
            (Command::Quit, Mode::Help) => {
                self.help_open = false;
                self.quit()
            }
            (_, Mode::Help | Mode::Global) => Vec::new(),
            (_, Mode::Confirm | Mode::Resume) => self.answer_dialog(command),
            (Command::Quit, _) => self.quit(),
            (_, Mode::Home) => self.run_home(command),
            (_, Mode::Agenda) => self.run_agenda(command),
            (_, Mode::Summary) => self.run_summary(command),
            (_, Mode::History) => self.run_history(command),
            (_, Mode::Report) => self.run_report(command),
            (_, Mode::ActionList) => self.run_action_list(command),
            (_, Mode::Roster | Mode::RosterInput) => self.run_roster(command),
            (_, Mode::Quadrant | Mode::QuadrantInput) => self.run_quadrant(command),
            (_, Mode::Detail | Mode::DetailInput) => self.run_detail(command),
            (_, Mode::IncidentDetail | Mode::IncidentInput) => self.run_incident(command),
            (_, Mode::Question | Mode::ActionForm) if self.screen != Screen::Meeting => {
                self.run_meeting(command)
            }
            (_, _) => self.run_meeting(command),
        }
    }

    /// `q`: straight out, unless a meeting is running here (then it asks first).
    /// A key that would quit while changes wait to be saved says what would be lost, once;
    /// the same key again quits anyway.
    fn warn_before_losing_saves(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        if self.saves_waiting == 0 || self.quit_warned || !effects.contains(&Effect::Quit) {
            return effects;
        }
        self.quit_warned = true;
        self.say(format!(
            "{} change(s) are still waiting to be saved: wait and kaizen keeps trying, or q \
             again quits and loses them",
            self.saves_waiting
        ));
        effects.into_iter().filter(|e| *e != Effect::Quit).collect()
    }

    /// Ctrl-Z or SIGTSTP: the notes are saved first (a stopped process may never be
    /// continued), then the runtime gives the terminal back and stops.
    fn suspend(&mut self) -> Vec<Effect> {
        let mut effects = self.save_notes();
        effects.push(Effect::Suspend);
        effects
    }

    fn quit(&mut self) -> Vec<Effect> {
        let running_here = self.meeting_on_screen() && !self.read_only;
        if running_here {
            self.dialog = Some(Dialog::ConfirmLeave);
            return Vec::new();
        }
        vec![Effect::Quit]
    }

    fn type_key(&mut self, mode: Mode, key: crossterm::event::KeyEvent) -> Vec<Effect> {
        match mode {
            Mode::Notes => {
                if self.notes.key(key) {
                    self.copy_notes_into_run();
                }
                Vec::new()
            }
            Mode::NameInput => {
                if let Focus::NewAttendee(input) = &mut self.focus {
                    input.input(key);
                }
                Vec::new()
            }
            Mode::Jump => self.jump_key(key),
            Mode::ActionForm => {
                if let Focus::NewAction(form) = &mut self.focus {
                    form.key(key);
                }
                Vec::new()
            }
            Mode::DetailInput => {
                self.detail_key(key);
                Vec::new()
            }
            Mode::IncidentInput => {
                self.incident_key(key);
                Vec::new()
            }
            Mode::IncidentTitle => {
                self.new_incident_key(key);
                Vec::new()
            }
            Mode::QuadrantInput => {
                self.quadrant_key(key);
                Vec::new()
            }
            Mode::RosterInput => {
                self.roster_key(key);
                Vec::new()
            }
            Mode::Question => {
                if let Focus::Question(question) = &mut self.focus
                    && question.input.input(key)
                {
                    question.problem = None;
                }
                Vec::new()
            }
            Mode::Summary => self.rating_key(key),
            _ => Vec::new(),
        }
    }
}
