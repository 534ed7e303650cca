//! The opportunity sections of the Markdown report: those raised or moved on in the meeting,
//! the improvement plan by quadrant, and the lessons of those validated since the last review.

use super::escape::inline;
use super::{Writer, capitalized};
use crate::opportunities::Quadrant;
use crate::report::{OpportunityRecord, Report};
use std::fmt::Write;

pub(super) fn opportunities(report: &Report, several: bool, out: &mut Writer) {
    if report.opportunities.is_empty() {
        if several {
            out.line("### Opportunities");
            out.blank();
        }
        out.line("_No opportunities were raised or moved on in this meeting._");
        out.blank();
        return;
    }
    opportunity_list(
        &report.opportunities,
        several.then_some("Opportunities"),
        out,
    );
}

/// Every opportunity still being worked on when the meeting ended, by quadrant.
pub(super) fn plan(report: &Report, several: bool, out: &mut Writer) {
    if report.plan.is_empty() {
        if several {
            out.line("### Improvement plan");
            out.blank();
        }
        out.line("_No opportunities are being worked on._");
        out.blank();
        return;
    }
    opportunity_list(&report.plan, several.then_some("Plan"), out);
}

/// Opportunities by quadrant, each heading prefixed (beside other parts) with what it lists.
pub(super) fn opportunity_list(list: &[OpportunityRecord], prefix: Option<&str>, out: &mut Writer) {
    for quadrant in [
        Quadrant::QuickWins,
        Quadrant::Strategic,
        Quadrant::NiceToHaves,
        Quadrant::Avoid,
    ] {
        let here: Vec<_> = list.iter().filter(|o| o.quadrant == quadrant).collect();
        if here.is_empty() {
            continue;
        }
        out.line(match prefix {
            Some(prefix) => format!("### {prefix}: {}", quadrant.label()),
            None => format!("### {}", capitalized(quadrant.label())),
        });
        out.blank();
        for o in here {
            let mut line = format!(
                "- **#{} {}** (impact {}, effort {}) · {}",
                o.id,
                inline(&o.title),
                o.impact,
                o.effort,
                o.status.label()
            );
            if let Some(owner) = &o.owner {
                let _ = write!(line, " · {}", inline(owner));
            }
            if let Some(target) = o.target_on {
                let _ = write!(line, " · by {}", target.format("%-d %b %Y"));
            }
            if o.raised_here {
                line.push_str(" · raised in this meeting");
            }
            for (at, status, note) in &o.stage_changes {
                let _ = write!(
                    line,
                    " · moved to {} at {}",
                    status.label(),
                    at.format("%H:%M")
                );
                if let Some(note) = note {
                    let _ = write!(line, " ({})", inline(note));
                }
            }
            out.line(line);
        }
        out.blank();
    }
}

pub(super) fn lessons(report: &Report, out: &mut Writer) {
    if report.lessons.is_empty() && report.incident_lessons.is_empty() {
        out.line(
            "_No opportunity was validated and no incident reviewed since the previous review._",
        );
        out.blank();
        return;
    }
    for lesson in &report.lessons {
        let mut line = format!(
            "- **#{} {}** ({})",
            lesson.id,
            inline(&lesson.title),
            lesson.status.label()
        );
        if let (Some(before), Some(after)) = (lesson.before, lesson.after) {
            let _ = write!(line, ": {before} → {after}");
        }
        out.line(line);
        if !lesson.results.trim().is_empty() {
            out.line(format!("  - Results: {}", inline(&lesson.results)));
        }
        if !lesson.lessons.trim().is_empty() {
            out.line(format!("  - Lessons: {}", inline(&lesson.lessons)));
        }
    }
    for lesson in &report.incident_lessons {
        out.line(format!(
            "- **{}** ({}, started {})",
            inline(&lesson.title),
            lesson.reference(),
            lesson.on
        ));
        for (heading, text) in &lesson.parts {
            out.line(format!("  - {heading}: {}", inline(text)));
        }
    }
    out.blank();
}
