//! Improvement opportunities: ideas moving through the process's five stages (identify,
//! analyze & prioritize, plan & execute, measure & validate, document & share), scored on
//! impact and effort so the room can triage them on a quadrant.

pub mod dependencies;
pub mod fields;

use crate::cycles::Category;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Where an opportunity was spotted (the process's four sources).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    MetricsAnalysis,
    UserFeedback,
    IncidentAnalysis,
    Benchmarking,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    Low,
    Medium,
    High,
}

/// Where an opportunity stands, in the order of the process.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Identified,
    Analyzed,
    Planned,
    InProgress,
    Measuring,
    Validated,
    Documented,
    Dropped,
}

impl Status {
    pub const FLOW: [Status; 7] = [
        Status::Identified,
        Status::Analyzed,
        Status::Planned,
        Status::InProgress,
        Status::Measuring,
        Status::Validated,
        Status::Documented,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::Identified => "identified",
            Status::Analyzed => "analyzed",
            Status::Planned => "planned",
            Status::InProgress => "in progress",
            Status::Measuring => "measuring",
            Status::Validated => "validated",
            Status::Documented => "documented",
            Status::Dropped => "dropped",
        }
    }

    /// The stage before, if any (none before the first, nor for a dropped one).
    pub fn previous(self) -> Option<Status> {
        let at = Status::FLOW.iter().position(|s| *s == self)?;
        Status::FLOW.get(at.checked_sub(1)?).copied()
    }

    /// The next stage of the process, if any.
    pub fn next(self) -> Option<Status> {
        let at = Status::FLOW.iter().position(|s| *s == self)?;
        Status::FLOW.get(at + 1).copied()
    }
}

/// The four quadrants of impact against effort.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High impact, low effort.
    QuickWins,
    /// High impact, high effort.
    Strategic,
    /// Low impact, low effort.
    NiceToHaves,
    /// Low impact, high effort.
    Avoid,
}

/// Impact and effort are scored 1-5; 3 and above count as high.
pub const HIGH_FROM: u8 = 3;

impl Quadrant {
    pub fn of(impact: u8, effort: u8) -> Quadrant {
        match (impact >= HIGH_FROM, effort >= HIGH_FROM) {
            (true, false) => Quadrant::QuickWins,
            (true, true) => Quadrant::Strategic,
            (false, false) => Quadrant::NiceToHaves,
            (false, true) => Quadrant::Avoid,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Quadrant::QuickWins => "quick wins",
            Quadrant::Strategic => "strategic",
            Quadrant::NiceToHaves => "nice-to-haves",
            Quadrant::Avoid => "avoid",
        }
    }
}

/// A measured value kept as evidence: typed in, or captured from a metric panel's query.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evidence {
    pub value: Option<f64>,
    pub note: String,
    /// The PromQL it came from, when captured from a panel.
    pub query: Option<String>,
    pub at: Option<DateTime<FixedOffset>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub text: String,
    pub done: bool,
}

/// One improvement opportunity with every field the process names, by stage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Opportunity {
    pub id: i64,
    // Identify
    pub title: String,
    pub description: String,
    pub category: Option<Category>,
    pub source: Option<Source>,
    pub current_state: String,
    pub target_state: String,
    pub expected_benefit: String,
    // Analyze & prioritize
    pub impact: u8,
    pub effort: u8,
    pub risk: Option<Risk>,
    pub depends_on: Vec<i64>,
    pub confidence: Option<u8>,
    // Plan & execute
    pub tasks: Vec<Task>,
    pub owner: Option<String>,
    pub start_on: Option<NaiveDate>,
    pub target_on: Option<NaiveDate>,
    pub success_criteria: String,
    // Measure & validate
    pub before: Evidence,
    pub after: Evidence,
    pub user_feedback: String,
    pub cost: String,
    // Document & share
    pub what_changed: String,
    pub why_changed: String,
    pub results: String,
    pub lessons: String,
    pub status: Status,
    pub drop_reason: Option<String>,
    pub meeting_id: Option<i64>,
    pub section: Option<String>,
    pub created_at: DateTime<FixedOffset>,
}

impl Opportunity {
    /// A new idea with just a title (details later), scored in the middle.
    pub fn titled(title: &str, at: DateTime<FixedOffset>) -> Opportunity {
        Opportunity {
            id: 0,
            title: title.trim().to_string(),
            description: String::new(),
            category: None,
            source: None,
            current_state: String::new(),
            target_state: String::new(),
            expected_benefit: String::new(),
            impact: HIGH_FROM,
            effort: HIGH_FROM,
            risk: None,
            depends_on: Vec::new(),
            confidence: None,
            tasks: Vec::new(),
            owner: None,
            start_on: None,
            target_on: None,
            success_criteria: String::new(),
            before: Evidence::default(),
            after: Evidence::default(),
            user_feedback: String::new(),
            cost: String::new(),
            what_changed: String::new(),
            why_changed: String::new(),
            results: String::new(),
            lessons: String::new(),
            status: Status::Identified,
            drop_reason: None,
            meeting_id: None,
            section: None,
            created_at: at,
        }
    }

    pub fn quadrant(&self) -> Quadrant {
        Quadrant::of(self.impact, self.effort)
    }

    /// Order within a quadrant: most impact for least effort first.
    pub fn score(&self) -> f64 {
        f64::from(self.impact) / f64::from(self.effort.max(1))
    }

    /// What must be filled in before moving to `to`; empty when it may move.
    pub fn missing_for(&self, to: Status) -> Vec<&'static str> {
        let blank = |text: &str| text.trim().is_empty();
        let mut missing = Vec::new();
        if to >= Status::Analyzed && to != Status::Dropped {
            if blank(&self.current_state) {
                missing.push("current state");
            }
            if blank(&self.target_state) {
                missing.push("target state");
            }
            if self.risk.is_none() {
                missing.push("risk");
            }
        }
        if to >= Status::Planned && to != Status::Dropped {
            if self.owner.is_none() {
                missing.push("owner");
            }
            if self.target_on.is_none() {
                missing.push("target date");
            }
            if blank(&self.success_criteria) {
                missing.push("success criteria");
            }
        }
        if to >= Status::Validated && to != Status::Dropped {
            if self.before.value.is_none() {
                missing.push("metric before");
            }
            if self.after.value.is_none() {
                missing.push("metric after");
            }
        }
        if to == Status::Documented {
            if blank(&self.what_changed) {
                missing.push("what changed");
            }
            if blank(&self.results) {
                missing.push("results achieved");
            }
            if blank(&self.lessons) {
                missing.push("lessons learned");
            }
        }
        missing
    }
}

/// One status change: when, to what, and a note (a drop reason).
pub type StatusChange = (DateTime<FixedOffset>, Status, Option<String>);

/// An enum's name as stored and typed ("in_progress", "quick_wins").
pub fn name_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The enum a stored or typed name stands for.
pub fn parse_name<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).ok()
}
