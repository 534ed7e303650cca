//! The app's whole state and its one way to change: [`Model::update`]. Pure: no clock, no
//! IO, no terminal. The runtime passes the time in and performs the effects that come out.

pub mod action_form;
pub mod action_list;
mod agenda;
pub mod checklist;
pub mod dialog;
pub mod drawn;
mod end_and_resume;
mod evidence;
pub mod followups;
pub mod history;
mod holding;
mod home;
pub mod incident_detail;
pub mod incident_review;
mod keys;
pub mod lessons;
pub mod meeting_panels;
mod mode;
pub mod notes;
pub mod opportunity_detail;
pub mod panel_state;
mod paste;
mod provisional;
mod publishing;
pub mod quadrant;
mod quadrant_cells;
pub mod report_view;
pub mod roster;
mod save_failed;
mod scan;
pub mod scorecard;
pub use scan::ScanState;
mod reads;
mod runner;
pub mod session;

pub use agenda::AgendaView;

use crate::config::MeetingSettings;
use crate::cycles::Cycle;
use crate::effect::Effect;
use crate::keymap::Keymap;
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

/// What the `[tracker]` does with action items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tracking {
    /// No tracker: `T` says how to set one up.
    #[default]
    Off,
    /// Items go when pushed (`T`, `kaizen actions push`).
    OnRequest,
    /// Every new item goes as soon as the store has given it its id (`auto = true`).
    Auto,
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
    Opportunity(Box<opportunity_detail::DetailView>),
    /// Past meetings, newest first.
    History(Box<history::HistoryView>),
    /// One incident, filled in during the Incident Review.
    Incident(Box<incident_detail::IncidentView>),
    /// A past meeting's report (the list to go back to kept beside it).
    Report(Box<history::HistoryView>),
    /// A cycle's stat panels across its meetings.
    Scorecard(Box<scorecard::ScorecardView>),
    /// The lessons library, from home.
    Lessons(Box<lessons::LessonsView>),
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
    /// The improvement checklist over the section.
    Checklist {
        selected: usize,
    },
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
    /// The meeting on screen (running, watched, or just ended) and what belongs to it.
    pub session: Option<session::MeetingSession>,
    /// The highest generation any closed session's requests used: the next one counts on
    /// from there, so late answers to a closed meeting's requests are never taken.
    past_generation: u64,
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
    /// Where ended meetings are published (the config's `[publish]`); empty: nowhere.
    pub publish_targets: Vec<crate::publish::Target>,
    /// Whether a meeting is queued for them when it ends.
    pub publish_on_end: bool,
    /// Whether a `[tracker]` takes action items as issues, and when.
    pub tracker: Tracking,
    /// When this kaizen last renewed its hold on the meeting it runs.
    kept_at: Option<DateTime<FixedOffset>>,
    /// The store announces each change (PostgreSQL), so a watched meeting is not polled.
    pub live_updates: bool,
    /// When waiting publications were last looked at.
    publish_checked_at: Option<DateTime<FixedOffset>>,
    /// Draw without colour (`NO_COLOR` is set): emphasis only.
    /// `--theme` / `theme` in the config: high contrast for projectors.
    pub theme: crate::ui::theme::Theme,
    pub plain: bool,
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
    /// The incident added last opens its detail once stored.
    open_new_incident: bool,
    /// The incident whose prevention measure is being made (linked once it has an id).
    pending_measure: Option<i64>,
    /// The team roster: who can own an action item.
    pub people: Vec<String>,
    /// Handles of roster people who have one ("Ana" -> "ana").
    pub handles: HashMap<String, String>,
    /// Email addresses of roster people who have one ("Ana" -> "ana@example.com").
    pub emails: HashMap<String, String>,
    /// Every improvement opportunity, kept in step with the store.
    pub opportunities: Vec<crate::opportunities::Opportunity>,
    /// Counts the messages that may have changed what the model holds (not the clock's
    /// ticks or metric answers), so what is derived from it is made again only then.
    revision: u64,
    /// The quadrant's cells as last sorted: drawing is pure, this only remembers.
    quadrant_cells: std::cell::RefCell<quadrant_cells::QuadrantCells>,
    /// Panels as last drawn, copied while nothing they show changed.
    pub drawn_panels: drawn::DrawnPanels,
    /// Every action item, kept in step with the store as decisions are made.
    pub actions: Vec<crate::actions::ActionItem>,
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
            session: None,
            past_generation: 0,
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
            publish_targets: Vec::new(),
            publish_on_end: true,
            tracker: Tracking::Off,
            publish_checked_at: None,
            kept_at: None,
            live_updates: false,
            plain: false,
            theme: Default::default(),
            anomalies: crate::analysis::Settings::default(),
            expected: Vec::new(),
            panel_history: HashMap::new(),
            incidents: Vec::new(),
            dismissed_alerts: Vec::new(),
            open_new_incident: false,
            pending_measure: None,
            people: Vec::new(),
            actions: Vec::new(),
            handles: HashMap::new(),
            emails: HashMap::new(),
            opportunities: Vec::new(),
            revision: 0,
            quadrant_cells: Default::default(),
            drawn_panels: Default::default(),
            cancelled_form: None,
            list_before_edit: None,
            previous_values: HashMap::new(),
            report: None,
            provisional: 0,
            keymap,
            dirty: true,
        }
    }

    /// The keys in use: the table with the config's `[keys]` over it.
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
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
        if !leaves_rows_alone(&msg) {
            self.revision += 1;
        }
        match msg {
            Msg::Tick => {
                let mut effects = self.tick();
                effects.extend(self.keep_due());
                effects.extend(self.database_check_due());
                effects.extend(self.retry_due());
                effects.extend(self.publish_due(false));
                effects
            }
            Msg::SavesWaiting(count) => self.saves_waiting(count),
            Msg::MeetingTakenOver(by) => self.meeting_taken_over(by),
            Msg::StoreChanged => self.store_changed(),
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
                    // A meeting key pressed while watching: said why nothing happens.
                    None if mode == crate::command::Mode::Watching => {
                        self.say(
                            "Read-only: this meeting is being run from another kaizen (T takes it over)",
                        );
                        Vec::new()
                    }
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
            Msg::ActionSaved(item) => {
                match self.actions.iter_mut().find(|a| a.id == item.id) {
                    Some(copy) => *copy = *item,
                    None => self.actions.push(*item),
                }
                self.dirty = true;
                Vec::new()
            }
            Msg::ActionStored(landed) => {
                self.landed(landed);
                let mut effects = self.link_measure(crate::incidents::Measure::Action(landed.id));
                if self.tracker == Tracking::Auto {
                    effects.push(Effect::PushAction(landed.id));
                }
                effects
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
            Msg::ScorecardLoaded { cycle, values } => self.scorecard_loaded(&cycle, &values),
            Msg::LessonsLoaded(lessons) => self.lessons_loaded(lessons),
            Msg::Published(result) => self.published(result),
            Msg::TrackerPushed(result) => {
                self.say(result.unwrap_or_else(|why| format!("Not pushed: {why}")));
                Vec::new()
            }
            Msg::TrackerSynced(result) => self.tracker_synced(result),
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
        // Said from an answer that changes nothing else (a publishing), it is still drawn.
        self.dirty = true;
        self.toast = Some(Toast {
            text: text.into(),
            until: self.now + Duration::seconds(5),
        });
    }
}

/// Messages that change no opportunity, action item or meeting row: the clock, metric answers,
/// the saving count and a resize. Every other message counts as a change (see `revision`).
fn leaves_rows_alone(msg: &Msg) -> bool {
    matches!(
        msg,
        Msg::Tick
            | Msg::Resize(..)
            | Msg::SavesWaiting(_)
            | Msg::PanelLoaded { .. }
            | Msg::Measured { .. }
            | Msg::Scanned { .. }
            | Msg::AlertsLoaded { .. }
            | Msg::ExpectedLoaded(_)
            | Msg::PanelHistory(_)
            | Msg::ScorecardLoaded { .. }
            | Msg::LessonsLoaded(_)
            | Msg::Published(_)
            | Msg::TrackerPushed(_)
    )
}
