//! Due dates as people type them: "2026-12-04", "fri", "next fri", "+3d", "+2w", "in 2 weeks",
//! "today", "tomorrow", "next week", "next month", "end of month". Relative to a "today" the
//! caller gives.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

pub const DUE_FORMS: &str = "use a date (2026-12-04), a weekday (fri, next fri), a count (+3d, +2w, in 2 \
     weeks), today, tomorrow, next week, next month or end of month";

/// How far from today a due date may be, either way: a date further off is a typo.
pub const REACH_YEARS: u32 = 10;

/// The date, when it is within [`REACH_YEARS`] of today.
fn within_reach(date: NaiveDate, text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let months = chrono::Months::new(REACH_YEARS * 12);
    let inside = today
        .checked_sub_months(months)
        .is_none_or(|from| date >= from)
        && today.checked_add_months(months).is_none_or(|to| date <= to);
    if inside {
        Ok(date)
    } else {
        Err(too_far(text, today))
    }
}

fn too_far(text: &str, today: NaiveDate) -> String {
    format!(
        "\"{}\" is more than {REACH_YEARS} years from today ({today}): give a due date within \
         {REACH_YEARS} years",
        text.trim()
    )
}

/// Reads a due date; the error says which forms work.
pub fn parse_due(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let typed = text.trim().to_ascii_lowercase();
    let refuse = || {
        format!(
            "\"{}\" is not a due date kaizen understands: {DUE_FORMS}",
            text.trim()
        )
    };
    if let Ok(date) = NaiveDate::parse_from_str(&typed, "%Y-%m-%d") {
        return within_reach(date, text, today);
    }
    match typed.as_str() {
        "today" => return Ok(today),
        "tomorrow" => return today.checked_add_days(Days::new(1)).ok_or_else(refuse),
        // The Monday that starts next week.
        "next week" => {
            let to_monday = 7 - u64::from(today.weekday().num_days_from_monday());
            return today
                .checked_add_days(Days::new(to_monday))
                .ok_or_else(refuse);
        }
        "next month" => return today.checked_add_months(Months::new(1)).ok_or_else(refuse),
        "end of month" | "end of the month" => {
            let first = today.with_day(1).ok_or_else(refuse)?;
            return first
                .checked_add_months(Months::new(1))
                .and_then(|next| next.pred_opt())
                .ok_or_else(refuse);
        }
        _ => {}
    }
    // "next fri": that day of next week (the week from next Monday), where "fri" is the
    // next Friday to come.
    if let Some(day) = typed.strip_prefix("next ")
        && let Ok(weekday) = day.trim().parse::<Weekday>()
    {
        let to_monday = 7 - u64::from(today.weekday().num_days_from_monday());
        let into_week = u64::from(weekday.num_days_from_monday());
        return today
            .checked_add_days(Days::new(to_monday + into_week))
            .ok_or_else(refuse);
    }
    // "in 3 days", "in 2 weeks", "in a week".
    if let Some(count) = typed.strip_prefix("in ") {
        let mut words = count.split_whitespace();
        let (Some(number), Some(unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(refuse());
        };
        let number: u64 = match number {
            "a" | "one" => 1,
            number => number.parse().map_err(|_| refuse())?,
        };
        let days = match unit {
            "day" | "days" => Some(number),
            "week" | "weeks" => number.checked_mul(7),
            _ => return Err(refuse()),
        };
        let date = days.and_then(|days| today.checked_add_days(Days::new(days)));
        return within_reach(date.ok_or_else(|| too_far(text, today))?, text, today);
    }
    if let Some(count) = typed.strip_prefix('+') {
        // The unit is the last character, whatever its width ("+3é" is refused, not split
        // inside the "é").
        let (number, unit) = count
            .strip_suffix('d')
            .map(|n| (n, 'd'))
            .or_else(|| count.strip_suffix('w').map(|n| (n, 'w')))
            .ok_or_else(refuse)?;
        let number: u64 = number.parse().map_err(|_| refuse())?;
        let days = match unit {
            'd' => Some(number),
            'w' => number.checked_mul(7),
            _ => return Err(refuse()),
        };
        let date = days.and_then(|days| today.checked_add_days(Days::new(days)));
        return within_reach(date.ok_or_else(|| too_far(text, today))?, text, today);
    }
    if let Ok(weekday) = typed.parse::<Weekday>() {
        // The next such day after today: "fri" on a Friday means a week from now.
        let ahead =
            (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
        let ahead = if ahead == 0 { 7 } else { ahead };
        return today
            .checked_add_days(Days::new(u64::from(ahead)))
            .ok_or_else(refuse);
    }
    Err(refuse())
}
