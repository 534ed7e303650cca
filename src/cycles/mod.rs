//! Review cycles as data: the templates' shape, their loading and validation, and cadences.
//!
//! Nothing here touches the terminal; errors are returned for `main` to print before the
//! terminal is taken over.

mod cadence;
mod catalog;
pub mod panel;
mod template;

pub use cadence::{Cadence, Months, Ordinal};
pub use catalog::{BUILTIN_TEMPLATES, CatalogError, load_cycles, load_file, load_team_cycles};
pub use template::{TemplateError, parse_template};

use std::fmt;

/// One review cycle (weekly, monthly, ...) as its template describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Cycle {
    /// The template's file stem (`weekly`): the name stored with meetings and used on the CLI.
    pub key: String,
    pub name: String,
    /// The process document's own words for when it happens ("Every Monday morning").
    pub frequency: String,
    pub cadence: Cadence,
    pub duration_minutes: u32,
    /// How people say the length ("1 day" for the annual review's 360 minutes).
    pub duration_label: String,
    pub participants: Vec<String>,
    pub outputs: Vec<String>,
    /// Which parts of the meeting record each output shows, in the order of `outputs`.
    pub report: Vec<(String, Vec<crate::report::parts::Part>)>,
    pub sections: Vec<Section>,
    pub categories: Vec<CategoryItems>,
    /// Minutes for the Follow-ups step that opens a meeting when action items are open.
    pub followups_minutes: u32,
    /// The section those minutes come from (its index), so a meeting with open action items
    /// still fits `duration_minutes`.
    pub followups_from: usize,
    pub origin: Origin,
}

/// One step of a meeting's plan: the Follow-ups step or an agenda section, with its minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step<'a> {
    pub title: &'a str,
    pub minutes: u32,
    /// Minutes this section gives to the Follow-ups step.
    pub gives: u32,
    /// The Follow-ups step itself.
    pub followups: bool,
}

/// One timeboxed agenda section.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: String,
    pub minutes: u32,
    pub talking_points: Vec<String>,
    /// Live metric panels shown while the section runs.
    pub panels: Vec<panel::Panel>,
    /// The room triages improvement opportunities here: the section shows the quadrant's
    /// counts and what this meeting raised.
    pub prioritize: bool,
    /// What the section scans for anomalies: its panels when `scan = true`, and `[[scans]]`.
    pub scan: Vec<panel::Panel>,
    /// The section reviews the period's incidents and the alerts that fired.
    pub incidents: bool,
}

/// The improvement-category checklist items that belong to a cycle's cadence: one of the
/// process's four categories, or one a team adds in its template (`reliability`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryItems {
    /// As written in the template's `[categories]`: `performance`, `reliability`.
    pub key: String,
    pub items: Vec<String>,
}

impl CategoryItems {
    /// One word, for tight columns: "Performance", "Reliability".
    pub fn name(&self) -> String {
        match self.known() {
            Some(category) => category.name().to_string(),
            None => words_of(&self.key),
        }
    }

    /// The heading: the process document's for its four, else the key in words.
    pub fn label(&self) -> String {
        match self.known() {
            Some(category) => category.label().to_string(),
            None => words_of(&self.key),
        }
    }

    fn known(&self) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(&self.key))
    }
}

/// `on_call_health` as "On call health".
fn words_of(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// The four improvement categories of the process.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Performance,
    Cost,
    Quality,
    Security,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Performance,
        Category::Cost,
        Category::Quality,
        Category::Security,
    ];

    /// One word, for tight columns.
    pub fn name(self) -> &'static str {
        match self {
            Category::Performance => "Performance",
            Category::Cost => "Cost",
            Category::Quality => "Quality",
            Category::Security => "Security",
        }
    }

    /// The process document's heading.
    pub fn label(self) -> &'static str {
        match self {
            Category::Performance => "Performance optimization",
            Category::Cost => "Cost optimization",
            Category::Quality => "Quality improvement",
            Category::Security => "Security enhancement",
        }
    }
}

/// Where a cycle's template came from, so messages and `kaizen cycles` can say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(std::path::PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn => f.write_str("built-in"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

impl Cycle {
    /// The meeting's plan: with `followups` (action items are open), the Follow-ups step
    /// first, its minutes taken from the section that covers follow-ups; then the agenda.
    /// Every screen that shows a plan, and the meeting itself, use this one.
    pub fn steps(&self, followups: bool) -> Vec<Step<'_>> {
        // What the section can give and keep a minute (a template that names the section
        // is refused when it cannot give them all); a one-minute section gives nothing, and
        // then the step comes on top.
        let room = self
            .sections
            .get(self.followups_from)
            .map_or(0, |s| s.minutes.saturating_sub(1));
        let given = if followups {
            self.followups_minutes.min(room)
        } else {
            0
        };
        let first = followups.then_some(Step {
            title: crate::meeting::FOLLOW_UPS,
            minutes: if given > 0 {
                given
            } else {
                self.followups_minutes
            },
            gives: 0,
            followups: true,
        });
        first
            .into_iter()
            .chain(self.sections.iter().enumerate().map(|(index, section)| {
                let gives = if index == self.followups_from {
                    given
                } else {
                    0
                };
                Step {
                    title: &section.title,
                    minutes: section.minutes - gives,
                    gives,
                    followups: false,
                }
            }))
            .collect()
    }

    /// Short length for tables: "30 min", "2 h", "6 h".
    pub fn length_short(&self) -> String {
        format_minutes(self.duration_minutes)
    }
}

/// Formats a number of minutes the way people say it: "10 min", "2 h", "1 h 30 min".
pub fn format_minutes(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}
