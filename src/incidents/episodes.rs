//! Alert episodes from Prometheus's `ALERTS` series: while an alert fires its series has a
//! sample at every rule evaluation, so each run of samples is one episode: a candidate
//! incident with its start, end and labels. Found in two looks: which five-minute stretches of
//! the period had any firing sample (`max_over_time`, so an alert of seconds is not missed),
//! then each episode's own samples, for its start and end to the evaluation, and its
//! `ALERTS_FOR_STATE`, for when the problem began (the alert's pending start).

use crate::metrics::{FetchError, QueryData, QueryKind, QueryRequest};
use std::collections::BTreeMap;

/// The first look's step: any firing sample within it shows.
pub const COARSE_STEP: f64 = 300.0;
/// Episodes looked at sample by sample, newest first; older ones keep the first look's times.
const MOST_REFINED: usize = 200;
/// An episode longer than this has only its two ends looked at sample by sample.
const WHOLE_UP_TO: f64 = 86_400.0;

/// One stretch of an alert firing.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Episode {
    pub alertname: String,
    pub severity: Option<String>,
    /// The labels that tell this alert apart (without `__name__` and `alertstate`).
    pub labels: BTreeMap<String, String>,
    /// Unix seconds of the first and last point seen firing.
    pub start: f64,
    pub end: f64,
    /// When the alert became active (pending), where Prometheus kept it: when the problem
    /// began, before the alert's `for` let it fire.
    pub active_since: Option<f64>,
    /// Whether its times are each sample's (else the first look's five-minute steps).
    pub exact: bool,
    /// Seconds between its samples (the rule's evaluation interval), or the first look's step.
    pub every: f64,
}

impl Episode {
    /// Names the alert across scans ("HighErrorRate{job=api}"), to remember dismissals.
    pub fn fingerprint(&self) -> String {
        let labels: Vec<String> = self
            .labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        format!("{}{{{}}}", self.alertname, labels.join(","))
    }

    /// The service it concerns: the `service`, `job` or `namespace` label, whichever is set.
    pub fn service(&self) -> Option<&str> {
        ["service", "job", "namespace", "instance"]
            .iter()
            .find_map(|k| self.labels.get(*k).map(String::as_str))
    }

    pub fn minutes(&self) -> f64 {
        (self.end - self.start) / 60.0
    }

    /// Whether it tells of something down (counted as downtime): the alert says so with an
    /// `outage` label, or its name does ("InstanceDown", "ServiceUnavailable").
    pub fn outage(&self) -> bool {
        if let Some(said) = self.labels.get("outage") {
            return matches!(said.to_ascii_lowercase().as_str(), "true" | "yes" | "1");
        }
        let name = self.alertname.to_ascii_lowercase();
        ["down", "unavailable", "outage", "unreachable", "absent"]
            .iter()
            .any(|word| name.contains(word))
    }

    /// The alert's labels as a PromQL selector of `metric`.
    fn selector(&self, metric: &str, firing: bool) -> String {
        let mut pairs = vec![format!("alertname=\"{}\"", escape(&self.alertname))];
        if firing {
            pairs.push("alertstate=\"firing\"".into());
        }
        pairs.extend(
            self.labels
                .iter()
                .map(|(k, v)| format!("{k}=\"{}\"", escape(v))),
        );
        format!("{metric}{{{}}}", pairs.join(","))
    }
}

fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The first look: which steps of `window` had an alert firing at any sample. The steps end
/// on whole five minutes, the last at or after the window's end.
pub fn coarse_request(window: (f64, f64)) -> QueryRequest {
    let end = (window.1 / COARSE_STEP).ceil() * COARSE_STEP;
    let start = (window.0 / COARSE_STEP).floor() * COARSE_STEP;
    QueryRequest {
        query: format!("max_over_time(ALERTS{{alertstate=\"firing\"}}[{COARSE_STEP}s])"),
        kind: QueryKind::Range {
            start,
            end,
            step: COARSE_STEP,
        },
    }
}

/// The second look: for each of the newest episodes of the first, its samples and its active
/// times, as raw samples (every evaluation's, with their own times). A long episode is looked
/// at around its two ends.
pub fn refine_requests(coarse: &[Episode]) -> Vec<(usize, [QueryRequest; 2])> {
    let mut newest: Vec<usize> = (0..coarse.len()).collect();
    newest.sort_by(|a, b| coarse[*b].end.total_cmp(&coarse[*a].end));
    newest.truncate(MOST_REFINED);
    newest.sort();
    let raw = |episode: &Episode, firing: bool, from: f64, to: f64| QueryRequest {
        query: format!(
            "{}[{}s]",
            episode.selector(if firing { "ALERTS" } else { "ALERTS_FOR_STATE" }, firing),
            (to - from).max(1.0).ceil() as u64
        ),
        kind: QueryKind::Instant { time: to },
    };
    newest
        .into_iter()
        .flat_map(|index| {
            let episode = &coarse[index];
            // A step's samples lie in the step before its point.
            let (from, to) = (episode.start - COARSE_STEP, episode.end);
            if to - from <= WHOLE_UP_TO {
                vec![(
                    index,
                    [raw(episode, true, from, to), raw(episode, false, from, to)],
                )]
            } else {
                vec![
                    (
                        index,
                        [
                            raw(episode, true, from, from + 2.0 * COARSE_STEP),
                            raw(episode, false, from, from + 2.0 * COARSE_STEP),
                        ],
                    ),
                    (
                        index,
                        [
                            raw(episode, true, to - 2.0 * COARSE_STEP, to),
                            raw(episode, false, to - 2.0 * COARSE_STEP, to),
                        ],
                    ),
                ]
            }
        })
        .collect()
}

/// What the second look found of one episode: when it was seen firing, and its active-since
/// samples (time, when it became active).
type Samples = (Vec<f64>, Vec<(f64, f64)>);

/// The episodes with what the second look found: each looked-at episode's samples split
/// where the alert stopped firing (a gap of several evaluations), their exact starts and
/// ends, and the active time at each start. An answer that failed leaves the first look's.
pub fn refine(
    coarse: Vec<Episode>,
    answers: Vec<(usize, [Result<QueryData, FetchError>; 2])>,
) -> Vec<Episode> {
    let mut samples: BTreeMap<usize, Samples> = BTreeMap::new();
    for (index, [firing, active]) in answers {
        let Ok(firing) = firing else { continue };
        let entry = samples.entry(index).or_default();
        entry.0.extend(
            firing
                .series
                .iter()
                .flat_map(|s| &s.points)
                .filter(|(_, v)| v.is_finite() && *v > 0.0)
                .map(|(t, _)| *t),
        );
        if let Ok(active) = active {
            entry
                .1
                .extend(active.series.iter().flat_map(|s| s.points.iter().copied()));
        }
    }
    let mut found = Vec::new();
    for (index, episode) in coarse.into_iter().enumerate() {
        let Some((mut times, active)) = samples.remove(&index).filter(|(t, _)| !t.is_empty())
        else {
            found.push(episode);
            continue;
        };
        times.sort_by(f64::total_cmp);
        times.dedup();
        let long = episode.end - episode.start + COARSE_STEP > WHOLE_UP_TO;
        let every = usual_gap(&times);
        let runs = if long {
            // Only the ends were looked at: one episode from the first sample to the last.
            vec![(times[0], times[times.len() - 1])]
        } else {
            split(&times, every)
        };
        for (start, end) in runs {
            let active_since = active
                .iter()
                .filter(|(t, v)| v.is_finite() && *t >= start)
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, since)| since.min(start));
            found.push(Episode {
                start,
                end,
                active_since,
                exact: true,
                every,
                ..episode.clone()
            });
        }
    }
    found.sort_by(|a, b| {
        a.start
            .total_cmp(&b.start)
            .then(a.alertname.cmp(&b.alertname))
    });
    found
}

/// The usual gap between samples: the rule's evaluation interval (a minute when there is
/// one sample, the longest usual interval).
fn usual_gap(times: &[f64]) -> f64 {
    let mut gaps: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).collect();
    gaps.sort_by(f64::total_cmp);
    gaps.get(gaps.len() / 2).copied().unwrap_or(60.0)
}

/// Runs of samples: a gap of more than a few evaluations (`usual` seconds apart) means the
/// alert stopped firing and fired again.
fn split(times: &[f64], usual: f64) -> Vec<(f64, f64)> {
    let apart = (2.5 * usual).max(1.0);
    let mut runs = Vec::new();
    let mut run = (times[0], times[0]);
    for &t in &times[1..] {
        if t - run.1 > apart {
            runs.push(run);
            run = (t, t);
        } else {
            run.1 = t;
        }
    }
    runs.push(run);
    runs
}

/// The episodes in a range answer about firing alerts, oldest first. Points of one series no
/// more than `merge_gap` seconds apart belong to one episode.
pub fn episodes(data: &QueryData, merge_gap: f64) -> Vec<Episode> {
    let mut found = Vec::new();
    for series in &data.series {
        let mut labels = series.labels.clone();
        labels.remove("__name__");
        labels.remove("alertstate");
        let alertname = labels.remove("alertname").unwrap_or_else(|| "alert".into());
        let severity = labels.get("severity").cloned();
        let mut points: Vec<f64> = series
            .points
            .iter()
            .filter(|(_, v)| v.is_finite() && *v > 0.0)
            .map(|(t, _)| *t)
            .collect();
        points.sort_by(f64::total_cmp);
        let mut run: Option<(f64, f64)> = None;
        for t in points {
            run = match run {
                Some((start, end)) if t - end <= merge_gap => Some((start, t)),
                Some((start, end)) => {
                    found.push(episode(&alertname, &severity, &labels, start, end));
                    Some((t, t))
                }
                None => Some((t, t)),
            };
        }
        if let Some((start, end)) = run {
            found.push(episode(&alertname, &severity, &labels, start, end));
        }
    }
    found.sort_by(|a, b| {
        a.start
            .total_cmp(&b.start)
            .then(a.alertname.cmp(&b.alertname))
    });
    found
}

fn episode(
    alertname: &str,
    severity: &Option<String>,
    labels: &BTreeMap<String, String>,
    start: f64,
    end: f64,
) -> Episode {
    Episode {
        alertname: alertname.to_string(),
        severity: severity.clone(),
        labels: labels.clone(),
        start,
        end,
        active_since: None,
        exact: false,
        every: COARSE_STEP,
    }
}
