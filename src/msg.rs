//! Messages: everything that happens to the app, fed to `Model::update` by the runtime.

use crate::change::Change;
use crate::meeting::Meeting;
use crate::metrics::{FetchError, QueryData};
use crate::model::panel_state::PanelKey;
use crossterm::event::KeyEvent;

#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste), as one piece.
    Paste(String),
    /// The terminal's size in columns and rows (also sent once at start).
    Resize(u16, u16),
    /// The clock moved on; the model reads the time from `now`.
    Tick,
    /// The terminal went away or a signal asked us to stop: save and exit now.
    Shutdown,
    /// SIGTSTP from outside: as Ctrl-Z, the notes are saved and the terminal given back.
    Suspend,
    /// Start a meeting of this cycle (from `kaizen start CYCLE`).
    StartMeeting(String),
    /// The store saved a new meeting: its provisional id and the stored one.
    MeetingStored(Landed),
    /// The store saved a new action item.
    ActionStored(Landed),
    /// An action item as the store has it after a change to it landed: it replaces the
    /// screen's copy (the store is the one source of truth for rows).
    ActionSaved(Box<crate::actions::ActionItem>),
    /// Every action item, fresh from the store.
    ActionsLoaded(Vec<crate::actions::ActionItem>),
    /// Every opportunity, fresh from the store.
    OpportunitiesLoaded(Vec<crate::opportunities::Opportunity>),
    /// The store saved a new opportunity.
    OpportunitySaved(Landed),
    /// An opportunity's status changes, fresh from the store.
    OpportunityHistory(i64, Vec<crate::opportunities::StatusChange>),
    /// A change could not be saved; the model says so and keeps working.
    SaveFailed {
        change: Box<Change>,
        error: String,
    },
    /// How many changes are waiting to be saved (the database was locked, busy or full); 0
    /// when the last of them landed.
    SavesWaiting(usize),
    /// Several answers at once (the waiting changes that landed, in order).
    Several(Vec<Msg>),
    /// A panel's query came back (or failed).
    PanelLoaded {
        key: PanelKey,
        generation: u64,
        result: Result<Box<crate::model::panel_state::PanelAnswer>, FetchError>,
    },
    /// An opportunity's metric query came back (or failed).
    Measured {
        opportunity: i64,
        result: Result<QueryData, FetchError>,
    },
    /// A meeting's report as Markdown, and where it was written (`None`: not asked to).
    ReportReady {
        meeting: i64,
        text: String,
        written: Option<Result<std::path::PathBuf, String>>,
    },
    /// A section's scan is done (answers to an older generation are dropped).
    Scanned {
        section: usize,
        generation: u64,
        outcome: Box<crate::analysis::job::Outcome>,
    },
    /// What a cycle's panels showed at each of its meetings, oldest meeting first.
    PanelHistory(Vec<(i64, crate::change::PanelValue)>),
    /// What pushing an action item did ("Pushed … as ops/infra#12"), or why not.
    TrackerPushed(Result<String, String>),
    /// The titles of items done because their issues were closed, or why the sync failed.
    TrackerSynced(Result<Vec<String>, String>),
    /// What publishing did, meeting by meeting and target by target.
    Published(Result<crate::publish::run::Published, String>),
    /// Another kaizen took over the meeting this one ran (by name, when the store says).
    MeetingTakenOver(Option<String>),
    /// The store announced a change made by any kaizen (PostgreSQL's NOTIFY).
    StoreChanged,
    /// The lessons library, newest first.
    LessonsLoaded(Vec<crate::lessons::Lesson>),
    /// Every value a cycle's meetings saved, for its scorecard, oldest meeting first.
    ScorecardLoaded {
        cycle: String,
        values: Vec<(i64, crate::change::PanelValue)>,
    },
    /// Every incident, and the alert episodes dismissed (fingerprint, start).
    IncidentsLoaded {
        incidents: Vec<crate::incidents::Incident>,
        dismissed: Vec<(String, f64)>,
    },
    /// The store saved a new incident.
    IncidentSaved(Landed),
    /// The alerts that fired over the review period (or why they could not be read).
    AlertsLoaded {
        generation: u64,
        result: Result<Vec<crate::incidents::episodes::Episode>, FetchError>,
    },
    /// The findings marked as expected.
    ExpectedLoaded(Vec<crate::analysis::Expected>),
    /// Every meeting, newest first.
    HistoryLoaded(Vec<crate::store::reports::MeetingRow>),
    /// A fresh copy of a meeting run by another kaizen (for the read-only view).
    MeetingReloaded(Box<Meeting>),
    /// A read of the store failed; the screen that waited for it says so.
    ReadFailed {
        what: Read,
        error: String,
    },
}

/// What the store was asked to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Read {
    Actions,
    Opportunities,
    OpportunityHistory,
    PanelHistory,
    Incidents,
    Expected,
    History,
    Lessons,
    Meeting,
    /// The whole file, checked in the background at start.
    Database,
}

impl Read {
    /// Names what could not be read, for "Could not read …".
    pub fn describe(self) -> &'static str {
        match self {
            Read::Actions => "the action items",
            Read::Opportunities => "the opportunities",
            Read::OpportunityHistory => "the opportunity's history",
            Read::PanelHistory => "what the panels showed at earlier meetings",
            Read::Incidents => "the incidents",
            Read::Expected => "the findings marked expected",
            Read::History => "the meetings",
            Read::Lessons => "the lessons library",
            Read::Meeting => "the meeting",
            Read::Database => "the database",
        }
    }
}

/// A row made on screen has landed in the store: the provisional id it was shown under
/// (see [`crate::change::is_provisional`]) and the id the store gave it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Landed {
    pub provisional: i64,
    pub id: i64,
}
