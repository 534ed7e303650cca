//! The lessons library: what the team learned, in one searchable place. A documented (or
//! validated) opportunity gives what changed, its results and its lessons; a reviewed
//! incident gives its contributing factors, what went well and what prevents it again.
//! Pure: the CLI, the `L` screen and the reports read it alike.

use crate::actions::ActionItem;
use crate::incidents::{Incident, Measure};
use crate::opportunities::{Opportunity, Status};
use chrono::NaiveDate;
use serde::Serialize;

/// Where a lesson was learned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Origin {
    Opportunity(i64),
    Incident(i64),
}

/// One lesson, with its parts as (heading, text).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lesson {
    pub origin: Origin,
    pub title: String,
    /// performance, cost, quality, security (opportunities that say).
    pub category: Option<String>,
    /// When it was learned: an opportunity's start (or when it was raised), an incident's.
    pub on: NaiveDate,
    pub parts: Vec<(String, String)>,
}

impl Lesson {
    /// "opportunity 14", "incident 3".
    pub fn reference(&self) -> String {
        match self.origin {
            Origin::Opportunity(id) => format!("opportunity {id}"),
            Origin::Incident(id) => format!("incident {id}"),
        }
    }

    /// Whether every word of `text` is in its title or one of its parts (any case).
    pub fn matches(&self, text: &str) -> bool {
        let haystack = std::iter::once(self.title.as_str())
            .chain(self.parts.iter().map(|(_, text)| text.as_str()))
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase();
        text.split_whitespace()
            .all(|word| haystack.contains(&word.to_lowercase()))
    }
}

/// Every lesson, newest first: opportunities validated or documented with something
/// written under Document & share, and incidents with factors, what went well or measures.
pub fn library(
    opportunities: &[Opportunity],
    incidents: &[Incident],
    actions: &[ActionItem],
) -> Vec<Lesson> {
    let mut lessons = of_opportunities(opportunities);
    lessons.extend(of_incidents(incidents, opportunities, actions));
    lessons.sort_by(|a, b| b.on.cmp(&a.on).then(a.title.cmp(&b.title)));
    lessons
}

/// The lessons of validated or documented opportunities that say something.
pub fn of_opportunities(opportunities: &[Opportunity]) -> Vec<Lesson> {
    opportunities
        .iter()
        .filter(|o| matches!(o.status, Status::Validated | Status::Documented))
        .filter_map(|o| {
            let parts = written(&[
                ("What changed", &o.what_changed),
                ("Why", &o.why_changed),
                ("Results", &o.results),
                ("Lessons", &o.lessons),
            ]);
            (!parts.is_empty()).then(|| Lesson {
                origin: Origin::Opportunity(o.id),
                title: o.title.clone(),
                category: o.category.map(|c| c.name().to_lowercase()),
                on: o.start_on.unwrap_or(o.created_at.date_naive()),
                parts,
            })
        })
        .collect()
}

/// The lessons of incidents with factors, what went well or measures; a measure is named
/// by its item's or opportunity's title.
pub fn of_incidents(
    incidents: &[Incident],
    opportunities: &[Opportunity],
    actions: &[ActionItem],
) -> Vec<Lesson> {
    incidents
        .iter()
        .filter_map(|incident| {
            let prevention: Vec<String> = incident
                .measures
                .iter()
                .map(|measure| match measure {
                    Measure::Action(id) => actions
                        .iter()
                        .find(|a| a.id == *id)
                        .map_or(format!("action item {id}"), |a| a.title.clone()),
                    Measure::Opportunity(id) => opportunities
                        .iter()
                        .find(|o| o.id == *id)
                        .map_or(format!("opportunity {id}"), |o| o.title.clone()),
                })
                .collect();
            let factors = incident.factors.join("; ");
            let prevention = prevention.join("; ");
            let parts = written(&[
                ("Contributing factors", &factors),
                ("What went well", &incident.went_well),
                ("Prevention", &prevention),
            ]);
            (!parts.is_empty()).then(|| Lesson {
                origin: Origin::Incident(incident.id),
                title: incident.title.clone(),
                category: None,
                on: incident.started_at.date_naive(),
                parts,
            })
        })
        .collect()
}

/// The lessons with every word of `text` and of `category` (when given).
pub fn search<'a>(
    lessons: &'a [Lesson],
    text: Option<&str>,
    category: Option<&str>,
) -> Vec<&'a Lesson> {
    lessons
        .iter()
        .filter(|l| text.is_none_or(|text| l.matches(text)))
        .filter(|l| {
            category.is_none_or(|c| {
                l.category
                    .as_deref()
                    .is_some_and(|own| own.eq_ignore_ascii_case(c))
            })
        })
        .collect()
}

fn written(parts: &[(&str, &String)]) -> Vec<(String, String)> {
    parts
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(heading, text)| (heading.to_string(), text.trim().to_string()))
        .collect()
}

/// The lessons as a Markdown page: what `kaizen lessons` prints and the library's index.
pub fn markdown(lessons: &[&Lesson]) -> String {
    let mut out = String::new();
    for lesson in lessons {
        out.push_str(&format!(
            "## {} ({}, {}{})\n\n",
            lesson.title,
            lesson.reference(),
            lesson.on,
            lesson
                .category
                .as_ref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default()
        ));
        for (heading, text) in &lesson.parts {
            out.push_str(&format!("**{heading}:** {text}\n\n"));
        }
    }
    out
}
