//! The built-in demo: a private in-memory database with a plausible history, so a new user
//! sees kaizen at work without a server or any setup. Nothing is written to disk.

use crate::cycles::Cycle;
use crate::store::{Store, StoreError};
use chrono::{Days, NaiveDate};

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
