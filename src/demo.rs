//! The built-in demo: a private in-memory database with a plausible history, so a new user
//! sees kaizen at work without a server or any setup. Nothing is written to disk.

use crate::cycles::{Cadence, Cycle, Months};
use crate::metrics;
use crate::model::panels::request_for;
use crate::store::{Store, StoreError};
use chrono::Duration;
use chrono::{Days, NaiveDate};
use std::collections::HashMap;

/// How far back the demo's history of held meetings reaches.
const HISTORY_DAYS: u64 = 400;

/// Records every scheduled review of the past `HISTORY_DAYS` before `today` as held.
pub fn seed_history(store: &Store, cycles: &[Cycle], today: NaiveDate) -> Result<(), StoreError> {
    let start = today
        .checked_sub_days(Days::new(HISTORY_DAYS))
        .unwrap_or(today);
    for day in start.iter_days().take_while(|day| *day < today) {
        for cycle in cycles.iter().filter(|c| c.cadence.falls_on(day)) {
            let started = format!("{day}T09:00:00");
            let ended = format!("{day}T09:{:02}:00", cycle.duration_minutes.min(59));
            store.record_held(&cycle.key, day, &started, &ended)?;
        }
    }
    Ok(())
}

/// What the demo's panels "showed" at each cycle's previous meeting, so that its stat panels
/// have a change to show: the same synthetic series, one cycle earlier.
pub fn previous_values(
    cycles: &[Cycle],
    now: chrono::DateTime<chrono::FixedOffset>,
) -> crate::model::panels::PreviousValues {
    let mut all = HashMap::new();
    for cycle in cycles {
        let back = match cycle.cadence {
            Cadence::Weekly(_) => Duration::days(7),
            Cadence::MonthDay {
                months: Months::Every,
                ..
            } => Duration::days(28),
            Cadence::MonthDay {
                months: Months::QuarterStart,
                ..
            } => Duration::days(91),
            Cadence::MonthDay {
                months: Months::Only(_),
                ..
            } => Duration::days(364),
        };
        let mut values = HashMap::new();
        for section in &cycle.sections {
            for panel in &section.panels {
                let request = request_for(panel, now - back);
                let value = metrics::demo::answer(&request)
                    .ok()
                    .and_then(|data| data.series.first()?.last());
                if let Some(value) = value {
                    values.insert((section.title.clone(), panel.title.clone()), value);
                }
            }
        }
        let previous = crate::model::panels::PreviousMeeting {
            held_on: (now - back).date_naive(),
            values,
        };
        all.insert(cycle.key.clone(), previous);
    }
    all
}
