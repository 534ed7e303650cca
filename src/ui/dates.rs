//! How dates read on screen: "Mon 30 Nov", with the year only when it is not this year.

use chrono::NaiveDate;

pub fn short(date: NaiveDate, today: NaiveDate) -> String {
    use chrono::Datelike;
    if date.year() == today.year() {
        date.format("%a %-d %b").to_string()
    } else {
        date.format("%a %-d %b %Y").to_string()
    }
}

/// "30 Nov", or "1 Dec 2025" when not this year: for narrow columns.
pub fn compact(date: NaiveDate, today: NaiveDate) -> String {
    use chrono::Datelike;
    if date.year() == today.year() {
        date.format("%-d %b").to_string()
    } else {
        date.format("%-d %b %Y").to_string()
    }
}

/// "today", "tomorrow", "in 9 days", "in 5 weeks".
pub fn relative(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        days @ 2..=27 => format!("in {days} days"),
        days if days > 27 => format!("in {} weeks", days / 7),
        days if days >= -27 => format!("{} days ago", -days),
        days => format!("{} weeks ago", -days / 7),
    }
}

/// A window in words: "7 days", "1 hour", "90 minutes".
pub fn span_words(span: std::time::Duration) -> String {
    let seconds = span.as_secs();
    let (count, unit) = match seconds {
        s if s >= 86_400 && s % 86_400 == 0 => (s / 86_400, "day"),
        s if s >= 3600 && s % 3600 == 0 => (s / 3600, "hour"),
        s if s >= 60 && s % 60 == 0 => (s / 60, "minute"),
        s => (s, "second"),
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural}")
}
