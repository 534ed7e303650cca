//! The review calendar: when each cycle is next held, whether it is due, and every review
//! date in a range. Pure functions of a date; the runtime decides what "today" is.

use crate::cycles::Cycle;
use chrono::NaiveDate;
use serde::Serialize;

/// Where one cycle stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CycleStatus {
    /// The latest scheduled review on or before today.
    pub latest: Option<NaiveDate>,
    /// The next scheduled review still to hold: today if today's is not held yet.
    pub next: NaiveDate,
    pub last_held: Option<NaiveDate>,
    /// True when the latest scheduled review has no meeting held on or after it.
    pub due: bool,
}

impl CycleStatus {
    pub fn of(cycle: &Cycle, today: NaiveDate, last_held: Option<NaiveDate>) -> Self {
        let latest = cycle.cadence.latest_on_or_before(today);
        let held_since = |date: NaiveDate| last_held.is_some_and(|held| held >= date);
        // A cycle never held is due on its day, not for every date before kaizen was used.
        let due = match last_held {
            None => latest == Some(today),
            Some(_) => latest.is_some_and(|date| !held_since(date)),
        };
        let upcoming = cycle.cadence.next_on_or_after(today);
        let next = if held_since(upcoming) {
            today.succ_opt().map_or(upcoming, |tomorrow| {
                cycle.cadence.next_on_or_after(tomorrow)
            })
        } else {
            upcoming
        };
        CycleStatus {
            latest,
            next,
            last_held,
            due,
        }
    }

    /// Due, and its scheduled day is today.
    pub fn due_today(&self, today: NaiveDate) -> bool {
        self.due && self.latest == Some(today)
    }

    /// Due from an earlier day and still not held.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.due && self.latest.is_some_and(|date| date < today)
    }
}

/// One review on the calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Review {
    pub date: NaiveDate,
    pub cycle: String,
}

/// Every review from `from` to `until` inclusive, by date; on a day when several fall, the
/// longest review comes first (the annual before the monthly before the weekly).
pub fn reviews_between(cycles: &[Cycle], from: NaiveDate, until: NaiveDate) -> Vec<Review> {
    let mut by_length: Vec<&Cycle> = cycles.iter().collect();
    by_length.sort_by(|a, b| {
        b.duration_minutes
            .cmp(&a.duration_minutes)
            .then_with(|| a.key.cmp(&b.key))
    });
    from.iter_days()
        .take_while(|day| *day <= until)
        .flat_map(|day| {
            by_length
                .iter()
                .filter(move |cycle| cycle.cadence.falls_on(day))
                .map(move |cycle| Review {
                    date: day,
                    cycle: cycle.key.clone(),
                })
        })
        .collect()
}
