//! The report as Markdown: headings, tables and lists that read well as plain text and render
//! in a wiki. Text people typed is escaped so it shows exactly as written, and every metric
//! value has a footnote with its query and time range.

use super::parts::Part;
use super::{MetricRecord, OpportunityRecord, Report, SectionRecord};
use crate::opportunities::Quadrant;
use crate::text::{clean, clean_multiline};
use chrono::Datelike;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let mut out = Writer::default();
    header(report, &mut out);
    agenda(report, &mut out);
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
    let mut attendance = if here.is_empty() {
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
        Part::Lessons => {
            if several {
                out.line("### Validated since the previous review");
                out.blank();
            }
            lessons(report, out)
        }
    }
}

fn metrics_table(report: &Report, metrics: &[MetricRecord], out: &mut Writer) {
    let since = report
        .previous_meeting
        .as_ref()
        .map_or("Change".to_string(), |p| {
            // A year back, the day alone would read as this year's.
            let day = if p.held_on.year() == report.held_on.year() {
                p.held_on.format("%-d %b")
            } else {
                p.held_on.format("%-d %b %Y")
            };
            format!("Change since {day}")
        });
    out.line(format!("| Metric | Value | {since} | Goal | Trend |"));
    out.line("|---|---:|---:|---|---|");
    let mut rest = metrics;
    while let Some(first) = rest.first() {
        let count = rest.iter().take_while(|m| m.panel == first.panel).count();
        let (panel, after) = rest.split_at(count);
        rest = after;
        // A panel's series, largest first: the top few, then how many more there were.
        let marker = metric_footnote(first, out);
        for (index, metric) in panel.iter().take(SERIES_SHOWN).enumerate() {
            let marker = if index == 0 { marker.as_str() } else { "" };
            metric_row(metric, marker, out);
        }
        if panel.len() > SERIES_SHOWN {
            out.line(format!(
                "| {}: and {} more | | | | |",
                cell(&first.panel),
                panel.len() - SERIES_SHOWN
            ));
        }
    }
    out.blank();
    let forecasts: Vec<&MetricRecord> = metrics.iter().filter(|m| m.forecast.is_some()).collect();
    if !forecasts.is_empty() {
        out.line("Forecasts, along the line through each panel's window:");
        out.blank();
        for metric in forecasts {
            let forecast = metric.forecast.as_deref().unwrap_or_default();
            out.line(format!(
                "- **{}**: {}",
                inline(&metric.panel),
                inline(forecast)
            ));
        }
        out.blank();
    }
}

/// How many of a panel's series its row in the metrics table lists.
const SERIES_SHOWN: usize = 5;

/// The footnote tracing a panel's values: its query, time range and when it was fetched.
fn metric_footnote(metric: &MetricRecord, out: &mut Writer) -> String {
    let when = if metric.range_start == metric.range_end {
        format!(
            "at {} (the latest value)",
            metric.range_end.format("%-d %b %Y %H:%M (UTC%:z)")
        )
    } else {
        format!(
            "over {} – {}",
            metric.range_start.format("%-d %b %Y %H:%M"),
            metric.range_end.format("%-d %b %Y %H:%M (UTC%:z)")
        )
    };
    let goal = metric
        .goal
        .as_ref()
        .map(|goal| format!(" Goal: {}.", inline(goal)))
        .unwrap_or_default();
    out.footnote(format!(
        "{}: {} {when}, fetched {}.{goal}",
        inline(&metric.panel),
        code(&metric.query),
        metric.fetched_at.format("%-d %b %Y %H:%M")
    ))
}

/// One row of the metrics table: a panel's value, or one of its series' (named).
fn metric_row(metric: &MetricRecord, marker: &str, out: &mut Writer) {
    let change = match (&metric.change, metric.improved) {
        (Some(change), Some(true)) if !change.starts_with('±') => format!("{change} (better)"),
        (Some(change), Some(false)) if !change.starts_with('±') => {
            format!("{change} (worse)")
        }
        (Some(change), _) => change.clone(),
        (None, _) => "—".into(),
    };
    let goal = metric.goal_status.as_deref().unwrap_or("—");
    let name = match &metric.name {
        Some(series) => format!("{}: {series}", metric.panel),
        None => metric.panel.clone(),
    };
    out.line(format!(
        "| {} | {}{marker} | {} | {goal} | {} |",
        cell(&name),
        cell(&metric.shown),
        cell(&change),
        sparkline(&metric.trend)
    ));
}

fn opportunities(report: &Report, several: bool, out: &mut Writer) {
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
fn plan(report: &Report, several: bool, out: &mut Writer) {
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
fn opportunity_list(list: &[OpportunityRecord], prefix: Option<&str>, out: &mut Writer) {
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

/// What the scans listed, each with its panel and series, in the room's words.
fn findings(report: &Report, several: bool, out: &mut Writer) {
    if several {
        out.line("### What stood out");
        out.blank();
    }
    if report.findings.is_empty() {
        out.line("_Nothing was listed as standing out._");
        out.blank();
        return;
    }
    for found in &report.findings {
        let name = if found.series == found.panel {
            inline(&found.panel)
        } else {
            format!("{}: {}", inline(&found.panel), inline(&found.series))
        };
        out.line(format!(
            "- **{name}** ({}): {}",
            inline(&found.kind),
            inline(&found.reason)
        ));
    }
    out.blank();
}

/// Money: this meeting's cost panels, then the period's cost trends.
fn costs(report: &Report, several: bool, out: &mut Writer) {
    if several {
        out.line("### Costs");
        out.blank();
    }
    let here: Vec<MetricRecord> = report
        .sections
        .iter()
        .flat_map(|s| &s.metrics)
        .filter(|m| m.currency)
        .cloned()
        .collect();
    let trends: Vec<&super::rollup::Trend> = report
        .rollup
        .as_ref()
        .map(|r| r.trends.iter().filter(|t| t.currency).collect())
        .unwrap_or_default();
    if here.is_empty() && trends.is_empty() {
        out.line("_No cost figures were recorded in this meeting or the period._");
        out.blank();
        return;
    }
    if !here.is_empty() {
        metrics_table(report, &here, out);
    }
    if !trends.is_empty() {
        trend_table(&trends, out);
    }
}

fn actions(report: &Report, out: &mut Writer) {
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

fn assignments(report: &Report, out: &mut Writer) {
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

fn lessons(report: &Report, out: &mut Writer) {
    if report.lessons.is_empty() {
        out.line("_No opportunity was validated since the previous review._");
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
    out.blank();
}

/// The roll-up of the shorter reviews held in the period.
fn period(rollup: &super::rollup::Rollup, out: &mut Writer) {
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

/// The incident summary table: when, how long, how found, what prevents it again.
fn incidents(report: &Report, several: bool, out: &mut Writer) {
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

/// Metrics across the period's meetings, one row per panel (or series).
fn trend_table(trends: &[&super::rollup::Trend], out: &mut Writer) {
    out.line("| Review | Metric | Values, oldest first | Change | Trend |");
    out.line("|---|---|---|---:|---|");
    for trend in trends {
        let values: Vec<f64> = trend.points.iter().map(|(_, v)| *v).collect();
        out.line(format!(
            "| {} · {} | {} | {} | {} | {} |",
            cell(&trend.cycle_name),
            cell(&trend.section),
            cell(&match &trend.series {
                Some(series) => format!("{}: {series}", trend.panel),
                None => trend.panel.clone(),
            }),
            cell(&trend.shown.join(" · ")),
            trend.change.as_deref().map_or("—".into(), cell),
            sparkline(&values)
        ));
    }
    out.blank();
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

/// Text from people in running text: control characters visible, Markdown taken literally.
fn inline(text: &str) -> String {
    let mut out = String::new();
    for c in clean(text).replace(['\n', '\r'], " ").chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text in a table cell (where `|` would end the cell; `inline` escapes it).
fn cell(text: &str) -> String {
    inline(text)
}

/// A line of notes: escaped, its indentation dropped (it would make a code block or a nested
/// list), and a list or heading marker at its start taken literally ("1. " stays "1. ").
fn block_line(line: &str) -> String {
    let escaped = inline(line.trim_start());
    if escaped.starts_with(['-', '+', '=']) {
        return format!("\\{escaped}");
    }
    // "1. first" or "3) x" would start a numbered list: escape the mark, not the number.
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    let rest = &escaped[digits..];
    let marks_a_list = digits > 0
        && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")");
    if marks_a_list {
        format!("{}\\{}", &escaped[..digits], rest)
    } else {
        escaped
    }
}

/// A query as inline code, fenced with more backticks than it contains.
fn code(text: &str) -> String {
    let text = clean(text).replace(['\n', '\r'], " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
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
