//! Due dates as people type them: "2026-12-04", "fri", "+3d", "+2w", "today", "tomorrow",
//! "next week", "next month". Relative to a "today" the caller gives.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

pub const DUE_FORMS: &str = "use a date (2026-12-04), a weekday (fri), a count (+3d, +2w), today, tomorrow, \
     next week or next month";

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
        return Ok(date);
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
        _ => {}
    }
    if let Some(count) = typed.strip_prefix('+') {
        let (number, unit) = count.split_at(count.len().saturating_sub(1));
        let number: u64 = number.parse().map_err(|_| refuse())?;
        let days = match unit {
            "d" => number,
            "w" => number * 7,
            _ => return Err(refuse()),
        };
        return today.checked_add_days(Days::new(days)).ok_or_else(refuse);
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
