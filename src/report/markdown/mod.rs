//! The report as Markdown: headings, tables and lists that read well as plain text and render
//! in a wiki. Text people typed is escaped so it shows exactly as written, and every metric
//! value has a footnote with its query and time range.

mod actions;
mod escape;
pub use escape::inline;
mod incidents;
mod metrics;
mod opportunities;
mod period;

use super::parts::Part;
use super::{Report, SectionRecord};
use crate::text::clean_multiline;
use actions::{actions, assignments};
use escape::{block_line, cell};
use incidents::incidents;
use metrics::{costs, findings, metrics_table, scorecard};
use opportunities::{lessons, opportunities, plan};
use period::period;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let mut out = Writer::default();
    header(report, &mut out);
    agenda(report, &mut out);
    checklist(report, &mut out);
    for output in &report.outputs {
        out.line(format!("## {}", inline(&output.heading)));
        out.blank();
        out.heading = output.heading.clone();
        for part in &output.parts {
            part_of(report, part, output.parts.len() > 1, &mut out);
        }
    }
    footnotes(&mut out);
    out.text
}

/// The text being written, and the footnotes collected on the way.
#[derive(Default)]
struct Writer {
    text: String,
    notes: Vec<String>,
    /// The output heading being written.
    heading: String,
    /// Sections whose notes were quoted under an output already, and under which heading:
    /// a second output that names them points there instead of quoting them again.
    quoted: Vec<(String, String)>,
}

impl Writer {
    fn line(&mut self, line: impl AsRef<str>) {
        self.text.push_str(line.as_ref());
        self.text.push('\n');
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }

    /// Adds a footnote; returns its marker.
    fn footnote(&mut self, text: String) -> String {
        self.notes.push(text);
        format!("[^{}]", self.notes.len())
    }
}

fn header(report: &Report, out: &mut Writer) {
    out.line(format!(
        "# {} review · {}",
        inline(&report.cycle_name),
        report.held_on.format("%a %-d %b %Y")
    ));
    out.blank();
    let planned: i64 = report.sections.iter().map(|s| s.planned_secs).sum();
    let spent: i64 = report.sections.iter().filter_map(|s| s.actual_secs).sum();
    let held = match report.ended_at {
        Some(end) => format!(
            "{}–{} ({} spent of {} planned)",
            report.started_at.format("%H:%M"),
            end.format("%H:%M"),
            minutes(spent),
            minutes(planned)
        ),
        None => format!(
            "from {}, not ended yet ({} planned)",
            report.started_at.format("%H:%M"),
            minutes(planned)
        ),
    };
    out.line(format!("- **Held:** {held}"));
    out.line(format!(
        "- **Facilitator:** {}",
        report
            .facilitator
            .as_deref()
            .map_or("not recorded".to_string(), inline)
    ));
    let names = |present: bool| {
        report
            .attendance
            .iter()
            .filter(|a| a.present == present)
            .map(|a| inline(&a.name))
            .collect::<Vec<_>>()
    };
    let (here, away) = (names(true), names(false));
    let mut attendance = if report.attendance.is_empty() {
        "not taken (no one on the roster)".to_string()
    } else if here.is_empty() {
        "nobody marked present".to_string()
    } else {
        here.join(", ")
    };
    if !away.is_empty() {
        let _ = write!(attendance, "; absent: {}", away.join(", "));
    }
    out.line(format!("- **Attendance:** {attendance}"));
    out.line(format!(
        "- **Rating:** {}",
        report
            .rating
            .map_or("not rated".to_string(), |r| format!("{r}/10"))
    ));
    if let Some(previous) = &report.previous_meeting {
        out.line(format!(
            "- **Compared with:** the review of {}",
            previous.held_on.format("%a %-d %b %Y")
        ));
    }
    out.blank();
}

fn agenda(report: &Report, out: &mut Writer) {
    out.line("## Agenda");
    out.blank();
    out.line("| # | Section | Planned | Actual |");
    out.line("|---:|---|---:|---:|");
    for (number, section) in report.sections.iter().enumerate() {
        out.line(format!(
            "| {} | {} | {} | {} |",
            number + 1,
            cell(&section.title),
            minutes(section.planned_secs),
            section.actual_secs.map_or("skipped".into(), minutes)
        ));
    }
    out.blank();
    for (number, section) in report.sections.iter().enumerate() {
        out.line(format!("### {}. {}", number + 1, inline(&section.title)));
        out.blank();
        notes(&section.notes, out);
    }
}

/// The improvement checklist as the meeting left it: a task list per category. A meeting
/// that ticked nothing (or was held before kaizen kept ticks) has no section, rather than
/// one saying nothing was checked.
fn checklist(report: &Report, out: &mut Writer) {
    let items: usize = report.checklist.iter().map(|g| g.items.len()).sum();
    let checked: usize = report
        .checklist
        .iter()
        .flat_map(|g| &g.items)
        .filter(|i| i.checked)
        .count();
    if checked == 0 {
        return;
    }
    out.line("## Improvement checklist");
    out.blank();
    out.line(format!("{checked} of {items} checked."));
    out.blank();
    for group in &report.checklist {
        out.line(format!("### {}", inline(&group.category)));
        out.blank();
        for item in &group.items {
            let mark = if item.checked { "x" } else { " " };
            out.line(format!("- [{mark}] {}", inline(&item.item)));
        }
        out.blank();
    }
}

fn notes(notes: &str, out: &mut Writer) {
    let notes = clean_multiline(notes);
    if notes.trim().is_empty() {
        out.line("_No notes._");
    } else {
        for line in notes.trim_end().lines() {
            out.line(format!("> {}", block_line(line)).trim_end());
        }
    }
    out.blank();
}

fn part_of(report: &Report, part: &Part, several: bool, out: &mut Writer) {
    match part {
        Part::Metrics => {
            let shown_elsewhere: Vec<&str> = report
                .outputs
                .iter()
                .flat_map(|o| &o.parts)
                .filter_map(|p| match p {
                    Part::SectionMetrics(section) => Some(section.as_str()),
                    _ => None,
                })
                .collect();
            let sections: Vec<&SectionRecord> = report
                .sections
                .iter()
                .filter(|s| !s.metrics.is_empty() && !shown_elsewhere.contains(&s.title.as_str()))
                .collect();
            if sections.is_empty() {
                out.line("_No metric values were recorded._");
                out.blank();
            }
            for section in sections {
                out.line(format!("### {}", inline(&section.title)));
                out.blank();
                metrics_table(report, &section.metrics, out);
            }
        }
        Part::SectionMetrics(title) => {
            if several {
                out.line(format!("### {}", inline(title)));
                out.blank();
            }
            match report.sections.iter().find(|s| &s.title == title) {
                Some(section) if !section.metrics.is_empty() => {
                    metrics_table(report, &section.metrics, out)
                }
                _ => {
                    out.line("_No metric values were recorded in this section._");
                    out.blank();
                }
            }
        }
        Part::SectionNotes(title) => {
            if several {
                out.line(format!("### From {}", inline(title)));
                out.blank();
            }
            if let Some((_, heading)) = out.quoted.iter().find(|(s, _)| s == title) {
                let line = format!(
                    "_The notes of {} are under {} above._",
                    inline(title),
                    inline(heading)
                );
                out.line(line);
                out.blank();
                return;
            }
            out.quoted.push((title.clone(), out.heading.clone()));
            let text = report
                .sections
                .iter()
                .find(|s| &s.title == title)
                .map_or("", |s| s.notes.as_str());
            notes(text, out);
        }
        Part::Opportunities => opportunities(report, several, out),
        Part::Plan => plan(report, several, out),
        Part::Findings => findings(report, several, out),
        Part::Costs => costs(report, several, out),
        Part::Actions => actions(report, out),
        Part::Assignments => assignments(report, out),
        Part::Rollup => match &report.rollup {
            Some(rollup) => period(rollup, out),
            None => {
                out.line("_No shorter reviews to summarise._");
                out.blank();
            }
        },
        Part::Incidents => incidents(report, several, out),
        Part::Scorecard => scorecard(report, several, out),
        Part::Lessons => {
            if several {
                out.line("### Lessons of the period");
                out.blank();
            }
            lessons(report, out)
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn footnotes(out: &mut Writer) {
    if out.notes.is_empty() {
        return;
    }
    let notes = std::mem::take(&mut out.notes);
    for (number, note) in notes.iter().enumerate() {
        out.line(format!("[^{}]: {note}", number + 1));
    }
}

/// "31 min", "4 min 10 s", "2 h 05 min".
fn minutes(secs: i64) -> String {
    let secs = secs.max(0);
    match (secs / 3600, secs / 60 % 60, secs % 60) {
        (0, m, 0) => format!("{m} min"),
        (0, 0, s) => format!("{s} s"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, m, _) => format!("{h} h {m:02} min"),
    }
}

/// Eight-level bars for a trend of at least three values.
fn sparkline(values: &[f64]) -> String {
    if values.len() < 3 {
        return "—".into();
    }
    crate::text::bars(values)
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
