//! One section's scan: what to ask Prometheus for, and, once the answers are in, every series
//! scanned and the findings ranked. Pure: the runtime fetches and runs it off the UI loop.

use super::{Finding, Kind, Settings, reason, scan};
use crate::cycles::panel::Panel;
use crate::metrics::{FetchError, QueryData, QueryKind, QueryRequest};
use chrono::{DateTime, FixedOffset};

/// How far back a scan looks: two weeks, so this week can be compared with the last.
pub const WINDOW_SECS: f64 = 14.0 * 86_400.0;

/// Prometheus refuses longer range answers than this many points.
const MOST_POINTS: f64 = 11_000.0;

/// The recent pass looks at most this many points, so its step stays fine but bounded.
const RECENT_POINTS: f64 = 2000.0;

/// A query to scan and the panel it belongs to (for its unit, goal and legend).
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub panel: Panel,
    pub request: QueryRequest,
    pub pass: Pass,
}

/// Which look at a series: two weeks at the panel's step (against last week's), or the time
/// since the cycle's last meeting at a fine step (so a burst of minutes is seen as it was).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    Weeks,
    Recent,
}

/// What to ask for: each panel's query over two weeks at its step (or coarser, to stay under
/// Prometheus's point limit), and since `since` at a fine step. Each range in the query
/// covers its whole step (`$step`), so nothing between two points is missed, and ranges end
/// on whole steps, so a rescan sees the same points.
pub fn targets(panels: &[Panel], now: DateTime<FixedOffset>, since: f64) -> Vec<Target> {
    let end = now.timestamp() as f64;
    let recent = (end - since).clamp(86_400.0, WINDOW_SECS);
    let fine = ((recent / RECENT_POINTS / 60.0).ceil() * 60.0).max(60.0);
    panels
        .iter()
        .flat_map(|panel| {
            let coarse = panel
                .step
                .as_secs_f64()
                .max(WINDOW_SECS / MOST_POINTS)
                .max(1.0);
            // On whole steps from `from` to the last whole step before now.
            let target = |pass, from: f64, step: f64| {
                let last = (end / step).floor() * step;
                let start = (from / step).floor() * step;
                Target {
                    panel: panel.clone(),
                    request: QueryRequest {
                        query: crate::model::panel_state::sent(panel, step, last - start),
                        kind: QueryKind::Range {
                            start,
                            end: last,
                            step,
                        },
                    },
                    pass,
                }
            };
            let mut both = vec![target(Pass::Weeks, end - WINDOW_SECS, coarse)];
            if fine < coarse {
                both.push(target(Pass::Recent, end - recent, fine));
            }
            both
        })
        .collect()
}

/// One finding with what a screen needs to show and act on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub panel: String,
    /// The series within the panel ("api"), or the panel's title for a single series.
    pub series: String,
    /// The query as sent (its ranges filled in), to check it against the server.
    pub query: String,
    /// The query as the template writes it: the same series in either pass.
    pub template: String,
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
        format!("{}\u{1f}{}", self.template, self.series)
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
    // Findings of the weeks pass with their step, and those of the recent pass.
    let mut weeks: Vec<(Row, f64)> = Vec::new();
    let mut recent: Vec<(Row, Option<crate::cycles::panel::Goal>)> = Vec::new();
    for (target, answer) in answers {
        let data = match answer {
            Ok(data) => data,
            Err(error) => {
                // One failure per panel is enough to say.
                if !outcome.failed.iter().any(|(p, _)| *p == target.panel.title) {
                    outcome
                        .failed
                        .push((target.panel.title.clone(), error.to_string()));
                }
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
            if target.pass == Pass::Weeks {
                outcome.series += 1;
            }
            let goal = target.panel.goal;
            for finding in scan(&series.points, step, goal.as_ref(), settings) {
                // Shifts, trends and weekly patterns are the weeks pass's to tell; the fine
                // look is for what is too short for its steps.
                let short = matches!(finding.kind, Kind::Outlier | Kind::Breach(_));
                if target.pass == Pass::Recent && !short {
                    continue;
                }
                let row = Row {
                    panel: target.panel.title.clone(),
                    series: name.clone(),
                    query: target.request.query.clone(),
                    template: target.panel.query.clone(),
                    unit: target.panel.unit,
                    reason: reason::describe(&finding, target.panel.unit, goal.as_ref(), offset),
                    points: drawn(&series.points, &finding),
                    finding,
                    window,
                };
                match target.pass {
                    Pass::Weeks => weeks.push((row, step)),
                    Pass::Recent => recent.push((row, goal)),
                }
            }
        }
    }
    // The same event seen by both passes is told once, at the fine step's times, with what
    // the weeks pass saw in it too ("also unlike last week").
    weeks.retain(|(row, step)| {
        let same = recent.iter_mut().map(|(fine, _)| fine).find(|fine| {
            fine.key() == row.key()
                && fine.finding.start <= row.finding.end + step
                && row.finding.start - step <= fine.finding.end
        });
        let Some(fine) = same else {
            return true;
        };
        for kind in std::iter::once(row.finding.kind).chain(row.finding.also.iter().copied()) {
            if kind != fine.finding.kind && !fine.finding.also.contains(&kind) {
                fine.finding.also.push(kind);
            }
        }
        false
    });
    let recent = recent.into_iter().map(|(mut row, goal)| {
        row.reason = reason::describe(&row.finding, row.unit, goal.as_ref(), offset);
        row
    });
    outcome.rows = weeks
        .into_iter()
        .map(|(row, _)| row)
        .chain(recent)
        .collect();
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
