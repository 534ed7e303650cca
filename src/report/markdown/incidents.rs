//! The incident section of the Markdown report: the period's incidents and downtime.

use super::escape::cell;
use super::{Writer, count};
use crate::report::Report;

/// The incident summary table: when, how long, how found, what prevents it again.
pub(super) fn incidents(report: &Report, several: bool, out: &mut Writer) {
    if several {
        out.line("### Incidents");
        out.blank();
    }
    if report.incidents.is_empty() {
        out.line("_No incidents in the period._");
        out.blank();
        return;
    }
    let end = report.ended_at.unwrap_or(report.started_at);
    let lasted: Vec<_> = report.incidents.iter().map(|i| i.lasted(end)).collect();
    // Only outages are downtime; errors and slowness are incidents, not minutes down.
    let down: i64 = report
        .incidents
        .iter()
        .zip(&lasted)
        .filter(|(incident, _)| incident.outage)
        .filter_map(|(_, l)| l.minutes())
        .sum();
    let going = lasted.iter().filter(|l| l.minutes().is_none()).count();
    let going = match going {
        0 => String::new(),
        n => format!(
            "; {} still going when the meeting ended",
            count(n, "incident", "incidents")
        ),
    };
    out.line(format!(
        "{} in the period, {} down in all{going}.",
        count(report.incidents.len(), "incident", "incidents"),
        crate::incidents::minutes_text(down)
    ));
    out.blank();
    out.line("| Started | Incident | Severity | Lasted | Detected after | Contributing factors | Prevention measures |");
    out.line("|---|---|---|---:|---:|---|---:|");
    for incident in &report.incidents {
        out.line(format!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            incident.started_at.format("%a %-d %b %H:%M"),
            match incident.outage {
                true => format!("{} (outage)", cell(&incident.title)),
                false => cell(&incident.title),
            },
            cell(&incident.severity),
            incident.lasted(end).text(),
            incident
                .minutes_to_detect()
                .map_or("—".into(), |m| format!("{m} min")),
            if incident.factors.is_empty() {
                "—".to_string()
            } else {
                cell(&incident.factors.join("; "))
            },
            incident.measures.len()
        ));
    }
    out.blank();
}
