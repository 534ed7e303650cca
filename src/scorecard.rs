//! The scorecard: every stat panel of a cycle as a row (one per series it saved), with its
//! value at each of the cycle's last 13 meetings as saved, the change week over week, month
//! over month and year over year where the meetings reach back that far, whether the newest
//! value is on goal, and which way the values are heading. Built from saved values only, so
//! it shows what the room saw, never a value asked again today.

use crate::change::PanelValue;
use crate::cycles::Cycle;
use crate::cycles::panel::{Goal, PanelKind, Status};
use crate::metrics::units::Unit;
use chrono::NaiveDate;
use std::collections::HashMap;

/// How many meetings a scorecard shows.
pub const MEETINGS: usize = 13;

/// The periods a change is given over, with how far a meeting may be from the exact day
/// back and still stand for it (meetings move: a holiday, a Monday off).
pub const PERIODS: [Period; 3] = [
    Period {
        label: "WoW",
        days: 7,
        slack: 3,
    },
    Period {
        label: "MoM",
        days: 30,
        slack: 7,
    },
    Period {
        label: "YoY",
        days: 365,
        slack: 21,
    },
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub label: &'static str,
    pub days: i64,
    pub slack: i64,
}

/// Which way a row's values are heading over the meetings shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Rising,
    Falling,
    Flat,
    /// Fewer than three values: no trend to speak of.
    TooFew,
}

/// One series of one stat panel across the meetings.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub section: String,
    pub panel: String,
    /// The series' name as the screen showed it; empty for a panel's one value.
    pub series: String,
    pub unit: Unit,
    pub goal: Option<Goal>,
    /// The value at each meeting of [`Scorecard::meetings`], oldest first; `None` where the
    /// meeting saw no data (or did not show the panel).
    pub values: Vec<Option<f64>>,
    /// The change over each of [`PERIODS`], where the meetings reach.
    pub changes: [Option<f64>; 3],
    pub status: Option<Status>,
    pub trend: Trend,
}

impl Row {
    /// The newest meeting's value.
    pub fn latest(&self) -> Option<f64> {
        self.values.last().copied().flatten()
    }

    /// "p95 latency" or "Throughput: api".
    pub fn title(&self) -> String {
        if self.series.is_empty() {
            self.panel.clone()
        } else {
            format!("{}: {}", self.panel, self.series)
        }
    }

    /// Whether the trend is for the better (`None` without a goal, or without a trend).
    pub fn improving(&self) -> Option<bool> {
        let goal = self.goal?;
        match self.trend {
            Trend::Rising => Some(goal.improved(1.0)),
            Trend::Falling => Some(goal.improved(-1.0)),
            Trend::Flat | Trend::TooFew => None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scorecard {
    /// The days of the meetings shown, oldest first (at most [`MEETINGS`]).
    pub meetings: Vec<NaiveDate>,
    pub rows: Vec<Row>,
}

/// The scorecard of `cycle` from every value its meetings saved (as the store gives them:
/// by meeting, oldest first). Rows follow the template's order of stat panels, each panel's
/// series in the order first saved.
pub fn build(cycle: &Cycle, saved: &[(i64, PanelValue)]) -> Scorecard {
    // Each meeting once, in the order held, with its day.
    let mut all: Vec<(i64, NaiveDate)> = Vec::new();
    // Each series' values by meeting, looked up once per cell (years of meetings stay cheap).
    type Key<'a> = (&'a str, &'a str, &'a str);
    let mut by_series: HashMap<Key, (String, HashMap<i64, f64>)> = HashMap::new();
    let mut order: Vec<Key> = Vec::new();
    for (meeting, value) in saved {
        if all.last().map(|(id, _)| id) != Some(meeting) {
            all.push((*meeting, value.fetched_at.date_naive()));
        }
        let key = (
            value.section.as_str(),
            value.panel.as_str(),
            value.series.as_str(),
        );
        let entry = by_series.entry(key).or_insert_with(|| {
            order.push(key);
            (value.name.clone(), HashMap::new())
        });
        if let Some(number) = value.value.filter(|v| v.is_finite()) {
            entry.1.insert(*meeting, number);
        }
    }
    let shown = &all[all.len().saturating_sub(MEETINGS)..];
    let mut rows = Vec::new();
    for section in &cycle.sections {
        for panel in section.panels.iter().filter(|p| p.kind == PanelKind::Stat) {
            let mine = order
                .iter()
                .filter(|(s, p, _)| *s == section.title && *p == panel.title);
            for key in mine {
                let (name, values_of) = &by_series[key];
                let values: Vec<Option<f64>> = shown
                    .iter()
                    .map(|(id, _)| values_of.get(id).copied())
                    .collect();
                let dated: Vec<(NaiveDate, f64)> = all
                    .iter()
                    .filter_map(|(id, day)| Some((*day, *values_of.get(id)?)))
                    .collect();
                let latest = values.last().copied().flatten();
                rows.push(Row {
                    section: section.title.clone(),
                    panel: panel.title.clone(),
                    series: name.clone(),
                    unit: panel.unit,
                    goal: panel.goal,
                    changes: PERIODS.map(|period| change_over(&dated, shown, period)),
                    status: latest.and_then(|v| panel.goal.and_then(|g| g.status(v))),
                    trend: trend(&values),
                    values,
                });
            }
        }
    }
    Scorecard {
        meetings: shown.iter().map(|(_, day)| *day).collect(),
        rows,
    }
}

/// The grid as text, the same cells the screen shows: a header and a row per series, every
/// meeting and every change given (a report has no width to fit).
pub fn grid(card: &Scorecard) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec!["Metric".to_string(), "Goal".to_string()];
    header.extend(
        card.meetings
            .iter()
            .map(|day| day.format("%-d %b %Y").to_string()),
    );
    header.extend(PERIODS.iter().map(|p| p.label.to_string()));
    header.extend(["Status".to_string(), "Trend".to_string()]);
    let rows = card
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![row.title(), row.goal_text()];
            cells.extend(row.values.iter().map(|v| row.value_text(*v)));
            cells.extend((0..PERIODS.len()).map(|i| row.change_text(i)));
            cells.extend([row.status_text().to_string(), row.trend_text().to_string()]);
            cells
        })
        .collect();
    (header, rows)
}

/// The newest meeting's value less the value of the meeting nearest `period` before it
/// (within its slack); `None` when the newest meeting has no value or none stands for then.
fn change_over(
    dated: &[(NaiveDate, f64)],
    shown: &[(i64, NaiveDate)],
    period: Period,
) -> Option<f64> {
    let newest_day = shown.last()?.1;
    let &(day, value) = dated.last()?;
    if day != newest_day {
        return None;
    }
    let target = day - chrono::Duration::days(period.days);
    let (_, then) = dated
        .iter()
        .filter(|(when, _)| (*when - target).num_days().abs() <= period.slack)
        .min_by_key(|(when, _)| (*when - target).num_days().abs())?;
    Some(value - then)
}

/// The least-squares line through the values over the meetings: flat when it moves less
/// across them than twice the values' scatter about it (week-to-week noise), so a steady
/// slide of 0.05 pp in uptime is a trend and a noisy flat line is not.
pub fn trend(values: &[Option<f64>]) -> Trend {
    let points: Vec<(f64, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((i as f64, (*v)?)))
        .collect();
    if points.len() < 3 {
        return Trend::TooFew;
    }
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let covariance: f64 = points
        .iter()
        .map(|(x, y)| (x - mean_x) * (y - mean_y))
        .sum();
    let variance: f64 = points.iter().map(|(x, _)| (x - mean_x).powi(2)).sum();
    let slope = covariance / variance;
    let span = points.last().map_or(0.0, |p| p.0) - points[0].0;
    let scatter = (points
        .iter()
        .map(|(x, y)| (y - (mean_y + slope * (x - mean_x))).powi(2))
        .sum::<f64>()
        / (n - 2.0))
        .sqrt();
    let typical = points.iter().map(|p| p.1.abs()).sum::<f64>() / n;
    let moved = slope * span;
    // Rounding alone never makes a trend: a millionth of the values' size is nothing.
    if moved.abs() <= (2.0 * scatter).max(1e-6 * typical) {
        Trend::Flat
    } else if moved > 0.0 {
        Trend::Rising
    } else {
        Trend::Falling
    }
}

/// The words of a row's cells, the same on screen and in the report.
impl Row {
    /// "< 1.00%" (lower is better) or "> 99.9%"; "—" without a goal.
    pub fn goal_text(&self) -> String {
        use crate::cycles::panel::Better;
        match self.goal {
            Some(goal) => {
                let amber = crate::metrics::units::format(goal.amber, self.unit);
                match goal.better {
                    Better::Lower => format!("< {amber}"),
                    Better::Higher => format!("> {amber}"),
                }
            }
            None => "—".into(),
        }
    }

    /// A value in the row's unit; "–" for no data (never 0).
    pub fn value_text(&self, value: Option<f64>) -> String {
        value.map_or_else(
            || "–".into(),
            |v| crate::metrics::units::format(v, self.unit),
        )
    }

    /// The change over `PERIODS[index]` in the newest value's scale ("-0.03 ms" beside
    /// "97.8 ms"), "–" where the meetings do not reach.
    pub fn change_text(&self, index: usize) -> String {
        match (self.changes.get(index).copied().flatten(), self.latest()) {
            (Some(delta), Some(value)) => {
                crate::metrics::units::format_delta_beside(delta, self.unit, value)
            }
            _ => "–".into(),
        }
    }

    /// Whether the change over `PERIODS[index]` is for the better (`None` without a goal or a
    /// change).
    pub fn change_improved(&self, index: usize) -> Option<bool> {
        let delta = self.changes.get(index).copied().flatten()?;
        (delta != 0.0).then_some(self.goal?.improved(delta))
    }

    /// "✓ on goal", "⚠ amber", "✖ off goal"; "—" without a goal or a value.
    pub fn status_text(&self) -> &'static str {
        match self.status {
            Some(Status::Green) => "✓ on goal",
            Some(Status::Amber) => "⚠ amber",
            Some(Status::Red) => "✖ off goal",
            None => "—",
        }
    }

    /// "↗ worse", "↘ better", "→ flat", "↗ rising" (no goal), "—" (too few values).
    pub fn trend_text(&self) -> &'static str {
        match (self.trend, self.improving()) {
            (Trend::Rising, Some(true)) => "↗ better",
            (Trend::Rising, Some(false)) => "↗ worse",
            (Trend::Rising, None) => "↗ rising",
            (Trend::Falling, Some(true)) => "↘ better",
            (Trend::Falling, Some(false)) => "↘ worse",
            (Trend::Falling, None) => "↘ falling",
            (Trend::Flat, _) => "→ flat",
            (Trend::TooFew, _) => "—",
        }
    }
}
