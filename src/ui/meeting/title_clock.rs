//! The meeting's and the current section's clocks, for the title bar.

use super::section::clock_style;
use crate::meeting::Meeting;
use crate::text::fit;
use crate::ui::clock::duration;
use crate::ui::theme;
use chrono::{DateTime, FixedOffset};
use ratatui::text::Span;

/// The meeting clock for the title bar: elapsed of budget, projected end, ahead or behind.
pub fn meeting_clock(meeting: &Meeting, now: DateTime<FixedOffset>) -> Vec<Span<'static>> {
    let behind = meeting.behind_secs(now);
    let (pace, style) = match behind.div_euclid(60) {
        _ if behind.abs() < 60 => ("on time".to_string(), theme::good()),
        minutes if behind > 0 => (format!("{minutes} min behind"), theme::bad()),
        _ => (format!("{} min ahead", (-behind) / 60), theme::good()),
    };
    vec![
        Span::raw(format!(
            "{} of {}",
            duration(meeting.elapsed_secs(now)),
            duration(meeting.budget_secs())
        )),
        Span::styled(" · ends ", theme::dim()),
        Span::raw(meeting.projected_end(now).format("%H:%M").to_string()),
        Span::styled(" · ", theme::dim()),
        Span::styled(pace, style),
    ]
}

/// The current section's clock for the title bar of screens opened from the meeting.
pub fn section_clock(meeting: &Meeting, now: DateTime<FixedOffset>) -> Vec<Span<'static>> {
    let run = meeting.current_run();
    let remaining = run.timer.remaining_secs(now);
    let left = if remaining >= 0 {
        format!("{} left", duration(remaining))
    } else {
        format!("{} over", duration(-remaining))
    };
    vec![
        Span::raw(format!("{} ", fit(&run.title, 24))),
        Span::styled(left, clock_style(remaining, run.timer.is_running())),
        Span::styled(" · ends ", theme::dim()),
        Span::raw(meeting.projected_end(now).format("%H:%M").to_string()),
    ]
}
