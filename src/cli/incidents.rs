//! `kaizen incidents`: list them for scripts, or add one by hand.

mod output;

use super::IncidentsCommand;
use crate::incidents::Incident;
use crate::store::Store;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

pub fn run(
    store: &mut Store,
    command: Option<IncidentsCommand>,
    since: Option<NaiveDate>,
    (json, csv): (bool, bool),
    now: DateTime<FixedOffset>,
) -> Result<String, String> {
    if let Some(IncidentsCommand::Add {
        title,
        start,
        end,
        severity,
        service,
    }) = command
    {
        let mut incident = Incident::new(&title, at(&start, "--start", now)?, now);
        incident.ended_at = end
            .as_deref()
            .map(|end| at(end, "--end", now))
            .transpose()?;
        incident.severity = severity;
        incident.service = service;
        if let Some(problem) = incident.problem() {
            return Err(problem);
        }
        let id = store.save_incident(&incident).map_err(|e| e.to_string())?;
        return Ok(format!("Added incident {id}.\n"));
    }
    let all = store.incidents().map_err(|e| e.to_string())?;
    let chosen: Vec<Incident> = all
        .into_iter()
        .filter(|i| since.is_none_or(|day| i.started_at.date_naive() >= day))
        .collect();
    match (json, csv) {
        (true, _) => output::json(&chosen),
        (_, true) => output::csv(&chosen, now),
        _ => Ok(output::table(&chosen, now)),
    }
}

/// "2026-11-20 14:05" in the local offset of `now`: a moment that has happened, within ten
/// years (an incident is recorded after the fact; anything else is a typo).
fn at(text: &str, flag: &str, now: DateTime<FixedOffset>) -> Result<DateTime<FixedOffset>, String> {
    let moment = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M")
        .ok()
        .and_then(|local| now.offset().from_local_datetime(&local).single())
        .ok_or_else(|| {
            format!("{flag} \"{text}\" is not a time: write it as \"2026-11-20 14:05\"")
        })?;
    let earliest = now - chrono::Duration::days(3653);
    // A minute's grace: "now" typed by hand is the current minute.
    if moment > now + chrono::Duration::minutes(1) {
        return Err(format!(
            "{flag} \"{text}\" is in the future (it is {} now): give when it happened",
            now.format("%Y-%m-%d %H:%M")
        ));
    }
    if moment < earliest {
        return Err(format!(
            "{flag} \"{text}\" is more than ten years ago: check the year"
        ));
    }
    Ok(moment)
}
