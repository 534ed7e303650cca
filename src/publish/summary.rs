//! The short summary a chat gets of a meeting: cycle, date, rating, the metrics off goal, the
//! action items made (owner, due date), and where the full report is.

use crate::report::Report;
use std::fmt::Write;

/// The summary as Slack-format text: `*bold*`, and `&`, `<`, `>` escaped as Slack asks, so a
/// title can neither format nor link nor mention.
pub fn chat(report: &Report, link: Option<&str>) -> String {
    let mut text = format!(
        "*{} review · {}*",
        escape(&report.cycle_name),
        report.held_on.format("%a %-d %b %Y")
    );
    match report.rating {
        Some(rating) => {
            let _ = write!(text, " · rated {rating}/5");
        }
        None => text.push_str(" · not rated"),
    }
    text.push('\n');
    let off: Vec<String> = report
        .sections
        .iter()
        .flat_map(|s| &s.metrics)
        .filter(|m| matches!(m.goal_status.as_deref(), Some("amber" | "red")))
        .map(|m| {
            let name = match &m.name {
                Some(name) if !name.is_empty() => format!("{}: {name}", m.panel),
                _ => m.panel.clone(),
            };
            format!(
                "{} {} ({})",
                escape(&name),
                escape(&m.shown),
                m.goal_status.as_deref().unwrap_or_default()
            )
        })
        .collect();
    let judged = report
        .sections
        .iter()
        .flat_map(|s| &s.metrics)
        .any(|m| m.goal_status.is_some());
    match (off.is_empty(), judged) {
        (false, _) => {
            let _ = writeln!(text, "Off goal: {}", off.join(", "));
        }
        (true, true) => text.push_str("Every metric with a goal is within it\n"),
        (true, false) => {}
    }
    if report.actions_made.is_empty() {
        text.push_str("No action items made\n");
    } else {
        let _ = writeln!(text, "Action items ({}):", report.actions_made.len());
        for item in &report.actions_made {
            let _ = writeln!(
                text,
                "• {} — {}, due {}",
                escape(&item.title),
                escape(&item.owner),
                item.due_on.format("%a %-d %b")
            );
        }
    }
    if let Some(link) = link {
        let _ = write!(text, "Full report: {}", escape(link));
    }
    text.trim_end().to_string()
}

/// Text from outside, cleaned of control characters and escaped for Slack.
fn escape(text: &str) -> String {
    crate::text::clean(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
