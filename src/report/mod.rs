//! A meeting's report: the record of what it made and decided, gathered from the store and
//! written as Markdown (to paste into a wiki or commit to a repository) or JSON (for tools).

pub mod file;
mod gather;
pub mod markdown;
pub mod parts;
pub mod rollup;

pub use gather::gather;

use crate::actions::ActionItem;
use crate::opportunities::{Quadrant, Status};
use chrono::{DateTime, FixedOffset, NaiveDate};
use parts::Part;
use serde::Serialize;

/// The shape of the JSON report; raised when a field changes meaning or goes away.
pub const REPORT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub version: u32,
    pub meeting_id: i64,
    pub cycle: String,
    pub cycle_name: String,
    pub held_on: NaiveDate,
    pub started_at: DateTime<FixedOffset>,
    pub ended_at: Option<DateTime<FixedOffset>>,
    pub facilitator: Option<String>,
    pub rating: Option<u8>,
    pub attendance: Vec<Attendance>,
    /// Every agenda section in order, with its time, notes and metric values.
    pub sections: Vec<SectionRecord>,
    /// The headings of the report after the agenda, each with the parts shown under it.
    pub outputs: Vec<Output>,
    /// The cycle's previous meeting, which changes are measured against.
    pub previous_meeting: Option<PreviousMeeting>,
    /// Action items made in this meeting.
    pub actions_made: Vec<ActionItem>,
    /// What this meeting decided about earlier items: done, carried, reassigned, ...
    pub decisions: Vec<Decision>,
    /// Every item still open when the meeting ended: the follow-up assignments.
    pub open_after: Vec<ActionItem>,
    /// Opportunities raised in this meeting or moved to another stage during it.
    pub opportunities: Vec<OpportunityRecord>,
    /// Every opportunity still being worked on when the meeting ended (not documented or
    /// dropped): the improvement plan, as it stood then.
    pub plan: Vec<OpportunityRecord>,
    /// What the sections' scans listed, in agenda order, most significant first.
    pub findings: Vec<crate::change::FindingRecord>,
    /// Opportunities validated or documented since the cycle's previous meeting.
    pub lessons: Vec<Lesson>,
    /// What the period's incidents taught: their factors, what went well, prevention.
    pub incident_lessons: Vec<crate::lessons::Lesson>,
    /// For the larger reviews: what the shorter ones of the period found and did.
    pub rollup: Option<rollup::Rollup>,
    /// Incidents that started since the cycle's previous meeting (or in the last 30 days).
    pub incidents: Vec<crate::incidents::Incident>,
    /// The improvement checklist: each category's items and whether the meeting ticked them.
    pub checklist: Vec<ChecklistGroup>,
    /// The cycle's stat panels across its last meetings up to this one, as the scorecard
    /// screen shows them; `None` when no output of the cycle shows it.
    pub scorecard: Option<ScorecardGrid>,
}

/// The scorecard as cells of text: a header and a row per series (see `crate::scorecard`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScorecardGrid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// One category of the improvement checklist, as the meeting left it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChecklistGroup {
    pub category: String,
    pub items: Vec<ChecklistItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    pub item: String,
    pub checked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attendance {
    pub name: String,
    pub present: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PreviousMeeting {
    pub id: i64,
    pub held_on: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SectionRecord {
    pub title: String,
    /// The template's timebox.
    pub planned_secs: i64,
    /// Time actually spent; `None` when the section was never entered.
    pub actual_secs: Option<i64>,
    pub notes: String,
    pub metrics: Vec<MetricRecord>,
}

/// One metric panel's value when its section ended, with everything to trace it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MetricRecord {
    pub panel: String,
    /// The series' labels (`{job="api"}`); empty for a panel's one value.
    pub series: String,
    /// What the screen called the series (its legend), for a panel with named series.
    pub name: Option<String>,
    /// `None` when the panel had no data (or the value was not a number): never 0.
    pub value: Option<f64>,
    /// The value in the panel's unit ("99.95%", "312 ms").
    pub shown: String,
    pub previous: Option<f64>,
    /// The change since the previous meeting, in the panel's unit ("+12 ms").
    pub change: Option<String>,
    /// Whether the change is for the better, when the panel has a goal.
    pub improved: Option<bool>,
    /// green, amber or red against the panel's goal.
    pub goal_status: Option<String>,
    /// The goal in words ("lower is better: amber from 300 ms, red from 500 ms").
    pub goal: Option<String>,
    /// This value and those of the cycle's earlier meetings, oldest first (up to 8).
    pub trend: Vec<f64>,
    pub query: String,
    pub range_start: DateTime<FixedOffset>,
    pub range_end: DateTime<FixedOffset>,
    pub fetched_at: DateTime<FixedOffset>,
    /// Where the series is heading, as the panel said it (panels that forecast).
    pub forecast: Option<String>,
    /// Whether the panel's unit is money (for the budget parts).
    pub currency: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decision {
    pub item: ActionItem,
    /// done, carried, reassigned, rescheduled or dropped.
    pub event: String,
    pub detail: Option<String>,
    pub at: DateTime<FixedOffset>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OpportunityRecord {
    pub id: i64,
    pub title: String,
    pub quadrant: Quadrant,
    pub impact: u8,
    pub effort: u8,
    pub status: Status,
    pub owner: Option<String>,
    pub target_on: Option<NaiveDate>,
    pub raised_here: bool,
    /// Stage changes during the meeting: when, to what, and the note (a drop reason).
    pub stage_changes: Vec<(DateTime<FixedOffset>, Status, Option<String>)>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lesson {
    pub id: i64,
    pub title: String,
    pub status: Status,
    pub results: String,
    pub lessons: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

/// One heading after the agenda and what it shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Output {
    pub heading: String,
    pub parts: Vec<Part>,
}

impl Report {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
