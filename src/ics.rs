//! The schedule as iCalendar (RFC 5545) for calendar apps: one all-day event per review (the
//! templates say which day, not which hour), marked free so it does not block the day.

use crate::cycles::Cycle;
use crate::schedule::Review;
use chrono::{DateTime, Days, Utc};

/// The calendar of `reviews`; `stamp` is when it was made (each event's DTSTAMP).
pub fn calendar(cycles: &[Cycle], reviews: &[Review], stamp: DateTime<Utc>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//kaizen//continuous-improvement reviews//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "X-WR-CALNAME:Continuous-improvement reviews".to_string(),
    ];
    for review in reviews {
        let Some(cycle) = cycles.iter().find(|c| c.key == review.cycle) else {
            continue;
        };
        let next_day = review.date + Days::new(1);
        let agenda: Vec<String> = cycle
            .sections
            .iter()
            .map(|s| format!("{} ({} min)", s.title, s.minutes))
            .collect();
        let mut description = format!("{}. Agenda: {}.", cycle.frequency, agenda.join(", "));
        if !cycle.outputs.is_empty() {
            description.push_str(&format!(" Outputs: {}.", cycle.outputs.join(", ")));
        }
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!(
                "UID:{}-{}@kaizen",
                review.date.format("%Y%m%d"),
                review.cycle
            ),
            format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")),
            format!("DTSTART;VALUE=DATE:{}", review.date.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", next_day.format("%Y%m%d")),
            format!(
                "SUMMARY:{}",
                text(&format!("{} review ({})", cycle.name, cycle.duration_label))
            ),
            format!("DESCRIPTION:{}", text(&description)),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ]);
    }
    lines.push("END:VCALENDAR".to_string());
    lines.iter().map(|line| fold(line)).collect()
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped; other control
/// characters left out.
fn text(value: &str) -> String {
    let mut out = String::new();
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no physical line passes 75 octets (never inside a
/// character), each ending in CRLF.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let size = c.len_utf8();
        if width + size > 75 {
            out.push_str("\r\n ");
            // The space that marks a continuation counts toward the next line's 75.
            width = 1;
        }
        out.push(c);
        width += size;
    }
    out.push_str("\r\n");
    out
}
