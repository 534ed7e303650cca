//! Effects: side effects the model asks for; only the runtime performs them.

use crate::change::Change;
use crate::metrics::QueryRequest;
use crate::model::panel_state::{PanelKey, PanelRequest};

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Write one change to the store, in its own transaction.
    Persist(Change),
    /// Run a panel's queries; the answer comes back as `Msg::PanelLoaded`.
    Fetch {
        key: PanelKey,
        generation: u64,
        request: PanelRequest,
    },
    /// Run an opportunity's metric query now, to measure it; the answer comes back as
    /// `Msg::Measured`.
    Measure {
        opportunity: i64,
        /// The `[sources.NAME]` the query runs on, when a SQL panel gave it.
        sql: Option<String>,
        request: QueryRequest,
    },
    /// Read every action item again (another kaizen or the command line may have changed
    /// them); the answer is `Msg::ActionsLoaded`.
    LoadActions,
    /// Read every opportunity again; the answer is `Msg::OpportunitiesLoaded`.
    LoadOpportunities,
    /// Read an opportunity's status history; the answer is `Msg::OpportunityHistory`.
    LoadOpportunityHistory(i64),
    /// Gather a meeting's report; with `write`, also save it as Markdown in the reports
    /// folder. The answer is `Msg::ReportReady`.
    WriteReport { meeting: i64, write: bool },
    /// Scan a section's queries for anomalies, off the UI loop; the answer is
    /// `Msg::Scanned`.
    Scan {
        section: usize,
        generation: u64,
        targets: Vec<crate::analysis::job::Target>,
        settings: crate::analysis::Settings,
    },
    /// Read what a cycle's panels showed at its meetings; the answer is `Msg::PanelHistory`.
    LoadPanelHistory(String),
    /// Read every value a cycle's meetings saved, for its scorecard; the answer is
    /// `Msg::ScorecardLoaded`.
    LoadScorecard(String),
    /// Renew this kaizen's hold on the meeting it runs; one taken over answers
    /// `Msg::MeetingTakenOver`.
    KeepMeeting(i64),
    /// Read the lessons library; the answer is `Msg::LessonsLoaded`.
    LoadLessons,
    /// Push an action item to the tracker; the answer is `Msg::TrackerPushed`.
    PushAction(i64),
    /// Read back pushed items' issues; the answer is `Msg::TrackerSynced`.
    SyncTracker,
    /// Publish a meeting, or what waits to be; the answer is `Msg::Published`.
    Publish(crate::publish::run::Ask),
    /// Read the incidents and dismissed alerts; the answer is `Msg::IncidentsLoaded`.
    LoadIncidents,
    /// Ask Prometheus which alerts fired over `window` (unix seconds), each episode with its
    /// own start and end; the answer is `Msg::AlertsLoaded`.
    FindAlerts { generation: u64, window: (f64, f64) },
    /// Read the findings marked as expected; the answer is `Msg::ExpectedLoaded`.
    LoadExpected,
    /// Read the list of meetings; the answer is `Msg::HistoryLoaded`.
    LoadHistory,
    /// Try the changes waiting to be saved again, in order; the answer is their answers and
    /// `Msg::SavesWaiting`.
    RetrySaves,
    /// Give the terminal back and stop until continued; the runtime's to act on, as `Quit`.
    Suspend,
    /// Check the database file is still the one opened; a failure comes back as
    /// `Msg::ReadFailed` (what: the database).
    CheckDatabase,
    /// Ring the terminal bell.
    Bell,
    /// Read a meeting again (another kaizen is running it).
    ReloadMeeting(i64),
    /// Leave the app (after everything before it was performed).
    Quit,
}
