//! One section's scan: what to ask Prometheus for, and, once the answers are in, every series
//! scanned and the findings ranked. Pure: the runtime fetches and runs it off the UI loop.

use super::{Finding, Settings, reason, scan};
use crate::cycles::panel::Panel;
use crate::metrics::{FetchError, QueryData, QueryKind, QueryRequest};
use chrono::{DateTime, FixedOffset};

/// How far back a scan looks: two weeks, so this week can be compared with the last.
pub const WINDOW_SECS: f64 = 14.0 * 86_400.0;

/// Prometheus refuses longer range answers than this many points.
const MOST_POINTS: f64 = 11_000.0;

/// A query to scan and the panel it belongs to (for its unit, goal and legend).
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub panel: Panel,
    pub request: QueryRequest,
}

/// What to ask for: each panel's query over the scan window, at its step (or coarser, to stay
/// under Prometheus's point limit).
pub fn targets(panels: &[Panel], now: DateTime<FixedOffset>) -> Vec<Target> {
    let end = now.timestamp() as f64;
    panels
        .iter()
        .map(|panel| {
            let step = panel
                .step
                .as_secs_f64()
                .max(WINDOW_SECS / MOST_POINTS)
                .max(1.0);
            Target {
                panel: panel.clone(),
                request: QueryRequest {
                    query: panel.query.clone(),
                    kind: QueryKind::Range {
                        start: end - WINDOW_SECS,
                        end,
                        step,
                    },
                },
            }
        })
        .collect()
}

/// One finding with what a screen needs to show and act on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub panel: String,
    /// The series within the panel ("api"), or the panel's title for a single series.
    pub series: String,
    pub query: String,
    pub unit: crate::metrics::units::Unit,
    pub finding: Finding,
    pub reason: String,
    /// The series over the scanned window, thinned to what a screen can draw but with every
    /// point of the stretch that stands out.
    pub points: Vec<(f64, f64)>,
    pub window: (f64, f64),
}

impl Row {
    /// Names this series across scans (to remember it as expected).
    pub fn key(&self) -> String {
        format!("{}\u{1f}{}", self.query, self.series)
    }
}

/// Everything a scan found, most significant first, and what could not be scanned.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    pub rows: Vec<Row>,
    /// Series looked at.
    pub series: usize,
    /// Panel title and why its query failed.
    pub failed: Vec<(String, String)>,
}

/// Scans every answer. `offset` is the meeting's time zone, for the reasons' times.
pub fn analyze(
    answers: Vec<(Target, Result<QueryData, FetchError>)>,
    settings: &Settings,
    offset: FixedOffset,
) -> Outcome {
    let mut outcome = Outcome::default();
    for (target, answer) in answers {
        let data = match answer {
            Ok(data) => data,
            Err(error) => {
                outcome
                    .failed
                    .push((target.panel.title.clone(), error.to_string()));
                continue;
            }
        };
        let (step, window) = match target.request.kind {
            QueryKind::Range { start, end, step } => (step, (start, end)),
            QueryKind::Instant { time } => (1.0, (time, time)),
        };
        let labels: Vec<&std::collections::BTreeMap<String, String>> =
            data.series.iter().map(|s| &s.labels).collect();
        let names = target.panel.series_names(&labels);
        for (series, name) in data.series.iter().zip(names) {
            outcome.series += 1;
            let goal = target.panel.goal;
            for finding in scan(&series.points, step, goal.as_ref(), settings) {
                outcome.rows.push(Row {
                    panel: target.panel.title.clone(),
                    series: name.clone(),
                    query: target.panel.query.clone(),
                    unit: target.panel.unit,
                    reason: reason::describe(&finding, target.panel.unit, goal.as_ref(), offset),
                    points: drawn(&series.points, &finding),
                    finding,
                    window,
                });
            }
        }
    }
    outcome
        .rows
        .sort_by(|a, b| b.finding.score.total_cmp(&a.finding.score));
    outcome
}

/// The points to draw: at most about a thousand, and all of the finding's stretch.
fn drawn(points: &[(f64, f64)], finding: &Finding) -> Vec<(f64, f64)> {
    let mut kept = thin(points, 1000);
    kept.extend(
        points
            .iter()
            .filter(|(t, _)| *t >= finding.start && *t <= finding.end),
    );
    kept.sort_by(|a, b| a.0.total_cmp(&b.0));
    kept.dedup_by(|a, b| a.0 == b.0);
    kept
}

/// At most `most` points, evenly spaced, keeping the first and last.
fn thin(points: &[(f64, f64)], most: usize) -> Vec<(f64, f64)> {
    if points.len() <= most {
        return points.to_vec();
    }
    let step = points.len() as f64 / most as f64;
    (0..most)
        .map(|i| points[((i as f64 * step) as usize).min(points.len() - 1)])
        .chain(points.last().copied())
        .collect()
}
