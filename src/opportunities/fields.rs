//! The detail view's fields: each read and written as text, so one editor serves them all,
//! with a message naming the field and the fix when a value does not parse.

use super::{Opportunity, Risk, Source, Task, name_of, parse_name};
use crate::actions::due::parse_due;
use crate::cycles::Category;
use chrono::NaiveDate;

/// Every field the detail view shows, by stage, in order.
pub const FIELDS: [(&str, Field); 28] = [
    ("Identify", Field::Title),
    ("Identify", Field::Description),
    ("Identify", Field::Category),
    ("Identify", Field::Source),
    ("Identify", Field::CurrentState),
    ("Identify", Field::TargetState),
    ("Identify", Field::ExpectedBenefit),
    ("Analyze & prioritize", Field::Impact),
    ("Analyze & prioritize", Field::Effort),
    ("Analyze & prioritize", Field::Risk),
    ("Analyze & prioritize", Field::DependsOn),
    ("Analyze & prioritize", Field::Confidence),
    ("Plan & execute", Field::Tasks),
    ("Plan & execute", Field::Owner),
    ("Plan & execute", Field::StartOn),
    ("Plan & execute", Field::TargetOn),
    ("Plan & execute", Field::SuccessCriteria),
    ("Measure & validate", Field::MetricQuery),
    ("Measure & validate", Field::Before),
    ("Measure & validate", Field::BeforeNote),
    ("Measure & validate", Field::After),
    ("Measure & validate", Field::AfterNote),
    ("Measure & validate", Field::UserFeedback),
    ("Measure & validate", Field::Cost),
    ("Document & share", Field::WhatChanged),
    ("Document & share", Field::WhyChanged),
    ("Document & share", Field::Results),
    ("Document & share", Field::Lessons),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Description,
    Category,
    Source,
    CurrentState,
    TargetState,
    ExpectedBenefit,
    Impact,
    Effort,
    Risk,
    DependsOn,
    Confidence,
    Tasks,
    Owner,
    StartOn,
    TargetOn,
    SuccessCriteria,
    MetricQuery,
    Before,
    BeforeNote,
    After,
    AfterNote,
    UserFeedback,
    Cost,
    WhatChanged,
    WhyChanged,
    Results,
    Lessons,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Description => "description",
            Field::Category => "category",
            Field::Source => "source",
            Field::CurrentState => "current state",
            Field::TargetState => "target state",
            Field::ExpectedBenefit => "expected benefit",
            Field::Impact => "impact (1-5)",
            Field::Effort => "effort (1-5)",
            Field::Risk => "risk",
            Field::DependsOn => "depends on (ids)",
            Field::Confidence => "confidence (%)",
            Field::Tasks => "tasks (; between, [x] done)",
            Field::Owner => "owner",
            Field::StartOn => "start",
            Field::TargetOn => "target date",
            Field::SuccessCriteria => "success criteria",
            Field::MetricQuery => "metric query (PromQL)",
            Field::Before => "metric before",
            Field::BeforeNote => "before: evidence",
            Field::After => "metric after",
            Field::AfterNote => "after: evidence",
            Field::UserFeedback => "user feedback",
            Field::Cost => "cost",
            Field::WhatChanged => "what changed",
            Field::WhyChanged => "why changed",
            Field::Results => "results achieved",
            Field::Lessons => "lessons learned",
        }
    }

    /// The field's value as text (what the editor starts from).
    pub fn get(self, o: &Opportunity) -> String {
        let name = |v: Option<String>| v.unwrap_or_default();
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        match self {
            Field::Title => o.title.clone(),
            Field::Description => o.description.clone(),
            Field::Category => name(o.category.map(|c| name_of(&c))),
            Field::Source => name(o.source.map(|s| name_of(&s))),
            Field::CurrentState => o.current_state.clone(),
            Field::TargetState => o.target_state.clone(),
            Field::ExpectedBenefit => o.expected_benefit.clone(),
            Field::Impact => o.impact.to_string(),
            Field::Effort => o.effort.to_string(),
            Field::Risk => name(o.risk.map(|r| name_of(&r))),
            Field::DependsOn => o
                .depends_on
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            Field::Confidence => o.confidence.map(|c| c.to_string()).unwrap_or_default(),
            Field::Tasks => o
                .tasks
                .iter()
                .map(|t| format!("{}{}", if t.done { "[x] " } else { "" }, t.text))
                .collect::<Vec<_>>()
                .join("; "),
            Field::Owner => o.owner.clone().unwrap_or_default(),
            Field::StartOn => date(o.start_on),
            Field::TargetOn => date(o.target_on),
            Field::SuccessCriteria => o.success_criteria.clone(),
            Field::MetricQuery => o.before.query.clone().unwrap_or_default(),
            Field::Before => o.before.value.map(|v| v.to_string()).unwrap_or_default(),
            Field::BeforeNote => o.before.note.clone(),
            Field::After => o.after.value.map(|v| v.to_string()).unwrap_or_default(),
            Field::AfterNote => o.after.note.clone(),
            Field::UserFeedback => o.user_feedback.clone(),
            Field::Cost => o.cost.clone(),
            Field::WhatChanged => o.what_changed.clone(),
            Field::WhyChanged => o.why_changed.clone(),
            Field::Results => o.results.clone(),
            Field::Lessons => o.lessons.clone(),
        }
    }

    /// The field as the detail view shows it: a value to three significant figures, as
    /// panels show numbers (the full value is what editing starts from), and when it was
    /// taken.
    pub fn shown(self, o: &Opportunity) -> String {
        // In the unit the metric query's result is in, as a panel of it would show it.
        let unit = crate::metrics::units::unit_of_query(o.before.query.as_deref().unwrap_or(""));
        let number = |value: f64| crate::metrics::units::format(value, unit);
        let taken = |e: &super::Evidence| match (e.value, e.at) {
            (Some(value), Some(at)) => {
                format!(
                    "{}  (taken {})",
                    number(value),
                    at.format("%-d %b %Y %H:%M")
                )
            }
            (Some(value), None) => number(value),
            (None, _) => String::new(),
        };
        match self {
            Field::Before => taken(&o.before),
            Field::After => taken(&o.after),
            // Words, not the stored names ("metrics analysis"); editing takes either.
            Field::Source | Field::Category | Field::Risk => self.get(o).replace('_', " "),
            _ => self.get(o),
        }
    }

    /// Writes typed text into the field, or says what is wrong and how to fix it.
    pub fn set(self, o: &mut Opportunity, text: &str, today: NaiveDate) -> Result<(), String> {
        let text = text.trim();
        let optional = |t: &str| (!t.is_empty()).then(|| t.to_string());
        let score = |t: &str| match t.parse::<u8>() {
            Ok(n @ 1..=5) => Ok(n),
            _ => Err(format!(
                "{}: \"{t}\" is not a score from 1 to 5",
                self.label()
            )),
        };
        let date = |t: &str| {
            if t.is_empty() {
                return Ok(None);
            }
            parse_due(t, today)
                .map(Some)
                .map_err(|e| format!("{}: {e}", self.label()))
        };
        let number = |t: &str| {
            if t.is_empty() {
                return Ok(None);
            }
            t.parse::<f64>().map(Some).map_err(|_| {
                format!(
                    "{}: \"{t}\" is not a number (e.g. 0.093 or 450)",
                    self.label()
                )
            })
        };
        fn named<T: for<'de> serde::Deserialize<'de>>(
            t: &str,
            label: &str,
            choices: &str,
        ) -> Result<Option<T>, String> {
            if t.is_empty() {
                return Ok(None);
            }
            parse_name(&t.to_lowercase().replace(' ', "_"))
                .map(Some)
                .ok_or_else(|| format!("{label}: \"{t}\" is not one of {choices}"))
        }
        match self {
            Field::Title if text.is_empty() => return Err("title: it cannot be empty".into()),
            Field::Title => o.title = text.to_string(),
            Field::Description => o.description = text.to_string(),
            Field::Category => {
                o.category =
                    named::<Category>(text, "category", "performance, cost, quality, security")?
            }
            Field::Source => {
                o.source = named::<Source>(
                    text,
                    "source",
                    "metrics analysis, user feedback, incident analysis, benchmarking",
                )?
            }
            Field::CurrentState => o.current_state = text.to_string(),
            Field::TargetState => o.target_state = text.to_string(),
            Field::ExpectedBenefit => o.expected_benefit = text.to_string(),
            Field::Impact => o.impact = score(text)?,
            Field::Effort => o.effort = score(text)?,
            Field::Risk => o.risk = named::<Risk>(text, "risk", "low, medium, high")?,
            Field::DependsOn => {
                o.depends_on = text
                    .split([',', ' '])
                    .filter(|t| !t.is_empty())
                    .map(|t| {
                        t.trim_start_matches('#').parse::<i64>().map_err(|_| {
                            format!("depends on: \"{t}\" is not an opportunity id (e.g. 3, 7)")
                        })
                    })
                    .collect::<Result<_, _>>()?
            }
            Field::Confidence if text.is_empty() => o.confidence = None,
            Field::Confidence => match text.trim_end_matches('%').parse::<u8>() {
                Ok(n @ 0..=100) => o.confidence = Some(n),
                _ => return Err(format!("confidence: \"{text}\" is not a percentage 0-100")),
            },
            Field::Tasks => {
                o.tasks = text
                    .split(';')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(|t| match t.strip_prefix("[x]") {
                        Some(done) => Task {
                            text: done.trim().to_string(),
                            done: true,
                        },
                        None => Task {
                            text: t.to_string(),
                            done: false,
                        },
                    })
                    .collect()
            }
            Field::Owner => o.owner = optional(text),
            Field::StartOn => o.start_on = date(text)?,
            Field::TargetOn => o.target_on = date(text)?,
            Field::SuccessCriteria => o.success_criteria = text.to_string(),
            Field::MetricQuery => o.before.query = optional(text),
            // A typed value is no longer the one captured at that time.
            Field::Before => {
                let value = number(text)?;
                if value != o.before.value {
                    o.before.at = None;
                }
                o.before.value = value;
            }
            Field::BeforeNote => o.before.note = text.to_string(),
            Field::After => {
                let value = number(text)?;
                if value != o.after.value {
                    o.after.at = None;
                }
                o.after.value = value;
            }
            Field::AfterNote => o.after.note = text.to_string(),
            Field::UserFeedback => o.user_feedback = text.to_string(),
            Field::Cost => o.cost = text.to_string(),
            Field::WhatChanged => o.what_changed = text.to_string(),
            Field::WhyChanged => o.why_changed = text.to_string(),
            Field::Results => o.results = text.to_string(),
            Field::Lessons => o.lessons = text.to_string(),
        }
        Ok(())
    }
}
