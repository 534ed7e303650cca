//! `kaizen report`: a meeting's report printed or written to a file, and the list of meetings.

use super::ReportFormat;
use super::emit::emit;
use crate::cycles::Cycle;
use crate::report::{Report, gather, markdown};
use crate::runtime;
use crate::store::Store;
use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;

/// Which meeting: an id, the latest ended one (of a cycle, when not empty), or the latest.
pub enum Which {
    Id(i64),
    Last(Option<String>),
}

/// The report of the chosen meeting in the chosen format.
pub fn report(
    store: &Store,
    cycles: &[Cycle],
    which: Which,
    format: ReportFormat,
    now: DateTime<FixedOffset>,
) -> Result<(Report, String), String> {
    let id = meeting_id(store, cycles, which)?;
    let report = gather(store, id, cycles, now).map_err(|e| e.to_string())?;
    let text = match format {
        ReportFormat::Md => markdown::render(&report),
        ReportFormat::Json => report.to_json() + "\n",
    };
    Ok((report, text))
}

/// The chosen meeting's id, checked to be one the store has.
pub fn meeting_id(store: &Store, cycles: &[Cycle], which: Which) -> Result<i64, String> {
    let id = match which {
        Which::Id(id) => id,
        Which::Last(cycle) => latest(store, cycles, cycle.as_deref())?,
    };
    let known = store.meetings(None).map_err(|e| e.to_string())?;
    if !known.iter().any(|m| m.id == id) {
        return Err(format!(
            "there is no meeting {id}: `kaizen report --list` shows the meetings and their ids"
        ));
    }
    Ok(id)
}

fn latest(store: &Store, cycles: &[Cycle], cycle: Option<&str>) -> Result<i64, String> {
    let cycle = cycle.filter(|c| !c.is_empty());
    if let Some(key) = cycle
        && !cycles.iter().any(|c| c.key == key)
    {
        let keys: Vec<&str> = cycles.iter().map(|c| c.key.as_str()).collect();
        return Err(format!(
            "--last {key}: there is no such cycle; use one of {}",
            keys.join(", ")
        ));
    }
    store
        .meetings(cycle)
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|m| m.ended_at.is_some())
        .map(|m| m.id)
        .ok_or_else(|| match cycle {
            Some(key) => format!("no {key} meeting has ended yet: there is no report to show"),
            None => "no meeting has ended yet: there is no report to show".to_string(),
        })
}

/// Every meeting, newest first: id, date, cycle, and whether it ended.
pub fn list(store: &Store) -> Result<String, String> {
    let meetings = store.meetings(None).map_err(|e| e.to_string())?;
    if meetings.is_empty() {
        return Ok("No meetings yet.\n".into());
    }
    let mut out = String::from("   ID  DATE        CYCLE\n");
    for m in meetings {
        let state = if m.ended_at.is_some() {
            ""
        } else {
            "  (not ended)"
        };
        out.push_str(&format!(
            "{:>5}  {}  {}{state}\n",
            m.id,
            m.held_on,
            crate::text::clean(&m.cycle_name)
        ));
    }
    Ok(out)
}

/// `kaizen report`: the chosen meeting's report, printed or written to `output`.
pub(super) fn run(
    store: &Store,
    cycles: &[Cycle],
    meeting: Option<i64>,
    last: Option<String>,
    format: ReportFormat,
    output: Option<PathBuf>,
) -> Result<(), String> {
    let which = match meeting {
        Some(id) => Which::Id(id),
        None => Which::Last(last),
    };
    let json = format == ReportFormat::Json;
    let (_, text) = report(store, cycles, which, format, runtime::now().wall)?;
    match output {
        Some(path) => {
            crate::report::file::write_file(&path, &text)?;
            emit(&format!("Wrote {}\n", path.display()), false);
        }
        None => emit(&text, json),
    }
    Ok(())
}
