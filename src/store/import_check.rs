//! Checking an import document against `import_spec`, before the database is opened: every
//! value of the kind kaizen writes in its column, and every position inside its meeting. Says
//! the first problem by table, row and column; never writes anything.

use super::import_spec::{Kind, Presence, SPEC};
use crate::text::{fit, unsafe_char};
use chrono::{DateTime, NaiveDate};
use serde_json::{Map, Value as Json};
use std::collections::HashMap;

/// Checks one row of `table` against [`SPEC`]: the first problem, named by table, row and
/// column, with what was expected. Columns the spec does not know are left to the writer,
/// which refuses them by name.
pub fn check_row(
    table: &str,
    at: usize,
    row: &Map<String, Json>,
    cycles: &[&str],
) -> Result<(), String> {
    let Some((_, columns)) = SPEC.iter().find(|(name, _)| *name == table) else {
        return Ok(());
    };
    for column in *columns {
        let here = || format!("tables.{table}[{at}].{}", column.name);
        match row.get(column.name) {
            None if column.presence == Presence::Required => {
                return Err(format!(
                    "{}: missing; it must be {}",
                    here(),
                    expected(column.kind, cycles)
                ));
            }
            None => {}
            Some(Json::Null) if column.presence == Presence::Nullable => {}
            Some(value) => {
                check_value(column.kind, value, cycles)
                    .map_err(|why| format!("{}: {why}", here()))?;
            }
        }
    }
    Ok(())
}

/// A value as the message shows it: JSON (control characters escaped), cleaned and cut.
fn shown(value: &Json) -> String {
    fit(&value.to_string(), 60)
}

fn check_value(kind: Kind, value: &Json, cycles: &[&str]) -> Result<(), String> {
    let refuse = || {
        Err(format!(
            "{} is not {}",
            shown(value),
            expected(kind, cycles)
        ))
    };
    let text = value.as_str();
    let whole = value.as_i64();
    let fits = match kind {
        Kind::Id | Kind::Ref(_) => whole.is_some_and(|n| n >= 1),
        Kind::Int(min, max, _) => whole.is_some_and(|n| (min..=max).contains(&n)),
        Kind::Finite => value.as_f64().is_some_and(f64::is_finite),
        Kind::AnyReal => value.is_number() || tagged_real(value),
        Kind::OneOf(words) => text.is_some_and(|t| words.contains(&t)),
        Kind::Cycle => text.is_some_and(|t| cycles.contains(&t)),
        Kind::Time => text.is_some_and(|t| {
            DateTime::parse_from_rfc3339(t).is_ok()
                || DateTime::parse_from_str(t, "%F %T%.f%:z").is_ok()
        }),
        Kind::Date => {
            text.is_some_and(|t| t.len() == 10 && NaiveDate::parse_from_str(t, "%F").is_ok())
        }
        Kind::Line | Kind::Title | Kind::Lines => {
            let Some(t) = text else { return refuse() };
            // As much as kaizen itself ever writes in one field (a section's notes).
            if t.len() > crate::meeting::NOTES_LIMIT {
                return Err(format!(
                    "holds {} KiB of text: kaizen keeps at most {} KiB in one field (a section's \
                     notes); cut it, or keep the rest elsewhere and link to it",
                    t.len().div_ceil(1024),
                    crate::meeting::NOTES_LIMIT / 1024
                ));
            }
            plain(value, t, kind == Kind::Lines, cycles, kind)?;
            kind != Kind::Title || !t.trim().is_empty()
        }
        Kind::Tasks => {
            let tasks =
                text.and_then(|t| serde_json::from_str::<Vec<crate::opportunities::Task>>(t).ok());
            let Some(tasks) = tasks else { return refuse() };
            for task in &tasks {
                plain(value, &task.text, false, cycles, kind)?;
            }
            true
        }
        Kind::TextList => {
            let items = text.and_then(|t| serde_json::from_str::<Vec<String>>(t).ok());
            let Some(items) = items else { return refuse() };
            for item in &items {
                plain(value, item, false, cycles, kind)?;
            }
            true
        }
    };
    if fits { Ok(()) } else { refuse() }
}

/// Refuses text holding a control character or a bidirectional override.
fn plain(
    value: &Json,
    text: &str,
    multiline: bool,
    cycles: &[&str],
    kind: Kind,
) -> Result<(), String> {
    match unsafe_char(text, multiline) {
        None => Ok(()),
        Some(c) => Err(format!(
            "{} holds a control character (U+{:04X}); it must be {}",
            shown(value),
            u32::from(c),
            expected(kind, cycles)
        )),
    }
}

fn tagged_real(value: &Json) -> bool {
    value.as_object().is_some_and(|tagged| {
        tagged.len() == 1
            && tagged
                .get("real")
                .and_then(Json::as_str)
                .is_some_and(|r| ["+Inf", "-Inf", "NaN"].contains(&r))
    })
}

/// What a kind of column holds, as the end of "... is not ...".
fn expected(kind: Kind, cycles: &[&str]) -> String {
    match kind {
        Kind::Id => "a row id (a whole number from 1)".into(),
        Kind::Ref(table) => format!("the id of a row of {table} (a whole number from 1)"),
        Kind::Line => "one line of text without control characters".into(),
        Kind::Title => "one line of text, not blank, without control characters".into(),
        Kind::Lines => "text without control characters (newlines and tabs are kept)".into(),
        Kind::Time => "a time with offset like 2026-11-30T09:00:00+01:00".into(),
        Kind::Date => "a date like 2026-11-30".into(),
        Kind::Finite => "a finite number".into(),
        Kind::AnyReal => {
            "a number, or {\"real\": \"+Inf\"}, {\"real\": \"-Inf\"} or {\"real\": \"NaN\"}".into()
        }
        Kind::Int(min, max, unit) => {
            let unit = if unit.is_empty() {
                String::new()
            } else {
                format!(" of {unit}")
            };
            if max == i64::MAX {
                format!("a whole number{unit} from {min}")
            } else {
                format!("a whole number{unit} from {min} to {max}")
            }
        }
        Kind::OneOf(words) => format!("one of {}", words.join(", ")),
        Kind::Cycle => format!(
            "the key of a cycle kaizen knows ({}); add the cycle's template first",
            cycles.join(", ")
        ),
        Kind::Tasks => {
            "a JSON list of tasks like [{\"text\": \"measure\", \"done\": false}], one line each"
                .into()
        }
        Kind::TextList => "a JSON list of one-line texts like [\"a\", \"b\"]".into(),
    }
}

/// Positions point inside their meeting, as kaizen numbers them: sections and attendees
/// from 0 with no gaps, panel values and the current section at one of its sections. Rows are
/// noted as they are read, and checked once all are in.
#[derive(Default)]
pub struct Positions {
    sections: HashMap<i64, i64>,
    attendees: HashMap<i64, i64>,
    /// (table, row, meeting, position) of every row that points at a position.
    pointing: Vec<(&'static str, usize, i64, i64)>,
}

impl Positions {
    pub fn note(&mut self, table: &'static str, at: usize, row: &Map<String, Json>) {
        let int = |column: &str| row.get(column).and_then(Json::as_i64);
        match table {
            "section_runs" | "attendees" => {
                let counts = if table == "attendees" {
                    &mut self.attendees
                } else {
                    &mut self.sections
                };
                if let Some(meeting) = int("meeting_id") {
                    *counts.entry(meeting).or_default() += 1;
                }
            }
            _ => {}
        }
        match table {
            "section_runs" | "attendees" | "panel_values" | "meeting_findings" => {
                let meeting = int("meeting_id").unwrap_or(0);
                self.pointing
                    .push((table, at, meeting, int("position").unwrap_or(0)));
            }
            // A meeting recorded without its sections (held before kaizen ran it) stays at 0.
            "meetings" => match int("current_position").unwrap_or(0) {
                0 => {}
                current => {
                    let meeting = int("id").unwrap_or(0);
                    self.pointing.push(("meetings", at, meeting, current));
                }
            },
            _ => {}
        }
    }

    /// The first position that points outside its meeting, in the order the rows came.
    pub fn check(&self) -> Result<(), String> {
        for &(table, at, meeting, position) in &self.pointing {
            let (counts, what, column) = match table {
                "attendees" => (&self.attendees, "attendee", "position"),
                "meetings" => (&self.sections, "section", "current_position"),
                _ => (&self.sections, "section", "position"),
            };
            within(counts, meeting, position, what)
                .map_err(|why| format!("tables.{table}[{at}].{column}: {why}"))?;
        }
        Ok(())
    }
}

fn within(
    counts: &HashMap<i64, i64>,
    meeting: i64,
    position: i64,
    what: &str,
) -> Result<(), String> {
    let n = counts.get(&meeting).copied().unwrap_or(0);
    if position < n {
        Ok(())
    } else if n == 0 {
        Err(format!(
            "{position} is past the last {what} of meeting {meeting}, which has no {what}s in \
             the file"
        ))
    } else {
        Err(format!(
            "{position} is past the last {what} of meeting {meeting} (its {what}s are 0 to {})",
            n - 1
        ))
    }
}
