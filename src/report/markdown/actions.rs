//! The action item sections of the Markdown report: items made and decided in the meeting,
//! and the follow-up assignments left open, by owner.

use super::Writer;
use super::escape::inline;
use crate::report::Report;
use std::fmt::Write;

pub(super) fn actions(report: &Report, out: &mut Writer) {
    out.line("### Made in this meeting");
    out.blank();
    if report.actions_made.is_empty() {
        out.line("_None._");
    }
    for item in &report.actions_made {
        let mut line = format!(
            "- [{}] **{}** · {} · due {}",
            if item.status == crate::actions::Status::Done {
                "x"
            } else {
                " "
            },
            inline(&item.title),
            inline(&item.owner),
            item.due_on.format("%a %-d %b %Y")
        );
        if let Some(section) = &item.section {
            let _ = write!(line, " · from {}", inline(section));
        }
        if let Some(opportunity) = item.opportunity_id {
            let _ = write!(line, " · carries out opportunity #{opportunity}");
        }
        out.line(line);
    }
    out.blank();
    out.line("### Decided about earlier items");
    out.blank();
    if report.decisions.is_empty() {
        out.line("_None._");
    }
    for decision in &report.decisions {
        let what = match decision.event.as_str() {
            "done" => "done",
            "carried" => "carried over",
            "reassigned" => "reassigned",
            "rescheduled" => "rescheduled",
            "dropped" => "dropped",
            other => other,
        };
        let mut line = format!(
            "- {what}: **{}** · {}",
            inline(&decision.item.title),
            inline(&decision.item.owner)
        );
        if let Some(detail) = &decision.detail {
            let _ = write!(line, " ({})", inline(detail));
        }
        out.line(line);
    }
    out.blank();
}

pub(super) fn assignments(report: &Report, out: &mut Writer) {
    if report.open_after.is_empty() {
        out.line("_Nothing was left open._");
        out.blank();
        return;
    }
    let end = report.ended_at.unwrap_or(report.started_at).date_naive();
    let mut owner = None;
    for item in &report.open_after {
        if owner != Some(item.owner.to_lowercase()) {
            if owner.is_some() {
                out.blank();
            }
            owner = Some(item.owner.to_lowercase());
            out.line(format!("### {}", inline(&item.owner)));
            out.blank();
        }
        let mut line = format!(
            "- [ ] {} · due {}",
            inline(&item.title),
            item.due_on.format("%a %-d %b %Y")
        );
        if item.due_on < end {
            line.push_str(" · **late**");
        }
        if item.carried > 0 {
            let _ = write!(line, " · carried over {}×", item.carried);
        }
        out.line(line);
    }
    out.blank();
}
