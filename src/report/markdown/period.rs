//! The period section of the Markdown report: the roll-up of the shorter reviews held in it.

use super::escape::inline;
use super::metrics::trend_table;
use super::{Writer, count};

/// The roll-up of the shorter reviews held in the period.
pub(super) fn period(rollup: &crate::report::rollup::Rollup, out: &mut Writer) {
    let span = format!(
        "{} to {}",
        rollup.from.format("%a %-d %b %Y"),
        rollup.to.format("%a %-d %b %Y")
    );
    out.line("### Reviews held");
    out.blank();
    if rollup.meetings.is_empty() {
        out.line(format!("_No shorter review was held from {span}._"));
    } else {
        let held: Vec<String> = rollup
            .meetings
            .iter()
            .map(|m| {
                let rating = m
                    .rating
                    .map(|r| format!(", rated {r}/10"))
                    .unwrap_or_default();
                format!(
                    "{} {}{rating}",
                    inline(&m.cycle_name),
                    m.held_on.format("%a %-d %b")
                )
            })
            .collect();
        out.line(format!(
            "{} from {span}: {}.",
            count(rollup.meetings.len(), "review", "reviews"),
            held.join("; ")
        ));
    }
    out.blank();
    if !rollup.trends.is_empty() {
        out.line("### Metric trends");
        out.blank();
        trend_table(&rollup.trends.iter().collect::<Vec<_>>(), out);
    }
    out.line("### Action items in the period");
    out.blank();
    let rate = rollup
        .completion_rate()
        .map(|r| format!(" ({:.0}%)", r * 100.0))
        .unwrap_or_default();
    out.line(format!(
        "- Due: {}; done by the end of the period: {}{rate}.",
        rollup.actions_due, rollup.actions_due_done
    ));
    out.line(format!(
        "- Made: {} · done: {} · dropped: {} · open at the end: {}.",
        rollup.actions_created, rollup.actions_done, rollup.actions_dropped, rollup.actions_open
    ));
    out.blank();
    out.line("### Opportunities in the period");
    out.blank();
    for (what, list) in [
        ("Opened", &rollup.opportunities_opened),
        ("Validated", &rollup.opportunities_validated),
    ] {
        let names: Vec<String> = list
            .iter()
            .map(|o| format!("#{} {}", o.id, inline(&o.title)))
            .collect();
        let names = if names.is_empty() {
            "none".to_string()
        } else {
            names.join("; ")
        };
        out.line(format!("- {what} ({}): {names}.", list.len()));
    }
    out.blank();
}
