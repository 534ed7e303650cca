//! The metric sections of the Markdown report: the values table with its footnotes and
//! forecasts, what the scans listed, costs, and trends across a period.

use super::escape::{cell, code, inline};
use super::{Writer, sparkline};
use crate::report::{MetricRecord, Report};
use chrono::Datelike;

pub(super) fn metrics_table(report: &Report, metrics: &[MetricRecord], out: &mut Writer) {
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
pub(super) fn metric_footnote(metric: &MetricRecord, out: &mut Writer) -> String {
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
pub(super) fn metric_row(metric: &MetricRecord, marker: &str, out: &mut Writer) {
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

/// What the scans listed, each with its panel and series, in the room's words.
pub(super) fn findings(report: &Report, several: bool, out: &mut Writer) {
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
pub(super) fn costs(report: &Report, several: bool, out: &mut Writer) {
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
    let trends: Vec<&crate::report::rollup::Trend> = report
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

/// Metrics across the period's meetings, one row per panel (or series).
pub(super) fn trend_table(trends: &[&crate::report::rollup::Trend], out: &mut Writer) {
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

/// The scorecard: every stat panel across the cycle's last meetings, as on screen.
pub(super) fn scorecard(report: &Report, several: bool, out: &mut Writer) {
    if several {
        out.line("### Scorecard");
        out.blank();
    }
    let Some(grid) = report.scorecard.as_ref().filter(|g| !g.rows.is_empty()) else {
        out.line("_No stat panel has a saved value yet._");
        out.blank();
        return;
    };
    let cells = |row: &[String]| {
        let inner: Vec<String> = row.iter().map(|text| cell(text)).collect();
        format!("| {} |", inner.join(" | "))
    };
    out.line(cells(&grid.header));
    // The metric's name and goal left, the numbers right, status and trend left.
    let numbers = grid.header.len().saturating_sub(4);
    let mut rule = vec!["---"; 2];
    rule.extend(std::iter::repeat_n("---:", numbers));
    rule.extend(["---", "---"]);
    out.line(format!("|{}|", rule.join("|")));
    for row in &grid.rows {
        out.line(cells(row));
    }
    out.blank();
}
