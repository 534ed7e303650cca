//! The built-in demo metric source: deterministic synthetic series (a daily cycle, a little
//! noise, and one visible incident two days ago), chosen by what the query asks for, so the
//! seed templates' panels move without any server.

use super::{FetchError, QueryData, QueryKind, QueryRequest, Series};
use std::collections::BTreeMap;
use std::f64::consts::TAU;

const DAY: f64 = 86_400.0;
const QUARTER: f64 = 91.0 * DAY;

/// Answers a query at once, the same way every time for the same request.
pub fn answer(request: &QueryRequest) -> Result<QueryData, FetchError> {
    let query = request.query.as_str();
    let times: Vec<f64> = match request.kind {
        QueryKind::Instant { time } => vec![time],
        QueryKind::Range { start, end, step } => {
            let count = ((end - start) / step.max(1.0)).floor() as usize;
            (0..=count).map(|i| start + i as f64 * step).collect()
        }
    };
    let end = times.last().copied().unwrap_or_default();
    let incident = incident_window(end);
    // The alerts, as the Incident Review reads them: which steps had one firing, then each
    // one's samples while it fired.
    if query.starts_with("max_over_time(ALERTS{") {
        return Ok(firing(&times, longest_range(query), incident));
    }
    if query.starts_with("ALERTS{") || query.starts_with("ALERTS_FOR_STATE{") {
        return Ok(alert_samples(query, end));
    }
    // Each value covers the query's range before its time, as Prometheus's would: a week's
    // uptime is the week's mean, with the incident in it.
    let span = longest_range(query);
    let series = shapes(query)
        .into_iter()
        .map(|(labels, shape)| {
            let seed = seed(&without_ranges(query), &labels);
            Series {
                labels: labels
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect::<BTreeMap<_, _>>(),
                points: times
                    .iter()
                    .map(|&t| (t, shape.over(t - span, t, incident, seed)))
                    .collect(),
            }
        })
        .collect();
    Ok(QueryData {
        series,
        warnings: Vec::new(),
    })
}

/// A synthetic signal: a base level, a daily swing, noise, a drift, and what the incident does.
#[derive(Clone, Copy)]
struct Shape {
    base: f64,
    daily: f64,
    noise: f64,
    /// Change per day through each quarter (growth of disk use, cost), falling back when
    /// the next quarter starts (a clean-up, a savings plan).
    drift: f64,
    /// Level during the incident (None: unaffected).
    incident: Option<f64>,
    /// Clamp into 0..=1 (ratios).
    ratio: bool,
}

impl Shape {
    /// The mean over `from..=to`, sampled every few minutes (the value at `to` for an
    /// instant).
    fn over(&self, from: f64, to: f64, incident: (f64, f64), seed: u64) -> f64 {
        if to - from < 60.0 {
            return self.at(to, incident, seed);
        }
        let samples = ((to - from) / 300.0).clamp(2.0, 400.0) as usize;
        let each = (to - from) / samples as f64;
        let sum: f64 = (1..=samples)
            .map(|i| self.at(from + i as f64 * each, incident, seed))
            .sum();
        sum / samples as f64
    }

    fn at(&self, t: f64, incident: (f64, f64), seed: u64) -> f64 {
        if let Some(level) = self.incident
            && t >= incident.0
            && t <= incident.1
        {
            return level;
        }
        let day_phase = (t.rem_euclid(DAY) / DAY - 0.25) * TAU; // peaks mid-afternoon UTC
        let value = self.base
            + self.daily * day_phase.sin()
            + self.noise * (noise(seed, t) - 0.5)
            // Anchored to the calendar, not to the request, so a value looked up for last
            // week's meeting matches the chart's point at that time.
            + self.drift * (t.rem_euclid(QUARTER) / DAY);
        if self.ratio {
            value.clamp(0.0, 1.0)
        } else {
            value.max(0.0)
        }
    }
}

const fn shape(base: f64, daily: f64, noise: f64) -> Shape {
    Shape {
        base,
        daily,
        noise,
        drift: 0.0,
        incident: None,
        ratio: false,
    }
}

type Labelled = Vec<(Vec<(&'static str, &'static str)>, Shape)>;

fn jobs(shapes: [Shape; 3]) -> Labelled {
    ["api", "web", "worker"]
        .into_iter()
        .zip(shapes)
        .map(|(job, shape)| (vec![("job", job)], shape))
        .collect()
}

/// Which signals a query gets, by the metrics it names.
fn shapes(query: &str) -> Labelled {
    let has = |word: &str| query.contains(word);
    let error = Shape {
        incident: Some(0.062),
        ratio: true,
        ..shape(0.004, 0.002, 0.002)
    };
    if has("ALERTS") {
        return vec![
            (vec![("alertname", "HighErrorRate")], shape(1.0, 0.0, 0.0)),
            (vec![("alertname", "InstanceDown")], shape(1.0, 0.0, 0.0)),
            (vec![("alertname", "DiskFilling")], shape(1.0, 0.0, 0.0)),
        ];
    }
    if has("build_info") {
        return vec![
            (vec![("version", "1.8.2")], shape(11.0, 0.0, 0.0)),
            (vec![("version", "1.7.0")], shape(3.0, 0.0, 0.0)),
        ];
    }
    if has("namespace") {
        return ["checkout", "search", "batch"]
            .into_iter()
            .zip([2.9, 1.6, 0.7])
            .map(|(ns, cost)| (vec![("namespace", ns)], shape(cost, 0.2, 0.1)))
            .collect();
    }
    if has("code=~\"5..\"") && has("by (job)") {
        return jobs([
            error,
            Shape {
                incident: None,
                ..error
            },
            Shape {
                base: 0.002,
                incident: None,
                ..error
            },
        ]);
    }
    if has("code=~\"5..\"") {
        return vec![(vec![], error)];
    }
    if has("histogram_quantile") {
        return vec![(
            vec![],
            Shape {
                incident: Some(0.61),
                ..shape(0.093, 0.03, 0.01)
            },
        )];
    }
    if has("http_requests_total") {
        return jobs([
            shape(120.0, 60.0, 8.0),
            shape(45.0, 25.0, 4.0),
            shape(15.0, 3.0, 2.0),
        ]);
    }
    if has("min by (job) (up)") {
        return jobs([shape(1.0, 0.0, 0.0); 3]);
    }
    if has("up") {
        let uptime = Shape {
            incident: Some(0.93),
            ratio: true,
            ..shape(0.9996, 0.0, 0.0006)
        };
        return vec![(vec![], uptime)];
    }
    if has("node_total_hourly_cost") {
        return vec![(
            vec![],
            Shape {
                drift: 9.0,
                ..shape(3900.0, 40.0, 20.0)
            },
        )];
    }
    if has("node_filesystem") {
        return vec![(
            vec![],
            Shape {
                drift: 0.003,
                ratio: true,
                ..shape(0.55, 0.0, 0.004)
            },
        )];
    }
    if has("MemAvailable") {
        return vec![(
            vec![],
            Shape {
                ratio: true,
                ..shape(0.58, 0.08, 0.02)
            },
        )];
    }
    if has("node_cpu") {
        return vec![(
            vec![],
            Shape {
                incident: Some(0.92),
                ratio: true,
                ..shape(0.35, 0.15, 0.04)
            },
        )];
    }
    vec![(vec![], shape(50.0, 10.0, 4.0))]
}

/// How long the demo's alert rules wait (`for`) before they fire.
const PENDING: f64 = 300.0;

/// The demo's alerts: the incident's error-rate page and an api instance down in it (the
/// uptime dip), and a disk filling a week before (name, job, severity, when it fired:
/// `PENDING` after the trouble began).
fn alerts(incident: (f64, f64)) -> [(&'static str, &'static str, &'static str, (f64, f64)); 3] {
    let disk = (
        incident.0 - 7.0 * DAY - 11.0 * 3600.0,
        incident.0 - 7.0 * DAY - 9.0 * 3600.0,
    );
    [
        (
            "HighErrorRate",
            "api",
            "page",
            (incident.0 + PENDING, incident.1),
        ),
        (
            "InstanceDown",
            "api",
            "page",
            (incident.0 + PENDING, incident.1),
        ),
        ("DiskFilling", "node", "ticket", (disk.0 + PENDING, disk.1)),
    ]
}

fn alert_labels(name: &str, job: &str, severity: &str, state: bool) -> BTreeMap<String, String> {
    let mut labels: BTreeMap<String, String> = [("alertname", name), ("job", job)]
        .into_iter()
        .chain([("severity", severity)])
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    if state {
        labels.insert("alertstate".into(), "firing".into());
    }
    labels
}

/// Which steps (each `span` seconds up to its time) had an alert firing.
fn firing(times: &[f64], span: f64, incident: (f64, f64)) -> QueryData {
    let series = alerts(incident)
        .into_iter()
        .map(|(name, job, severity, (from, to))| Series {
            labels: alert_labels(name, job, severity, true),
            points: times
                .iter()
                .filter(|t| **t >= from && **t - span <= to)
                .map(|t| (*t, 1.0))
                .collect(),
        })
        .filter(|s| !s.points.is_empty())
        .collect();
    QueryData {
        series,
        warnings: Vec::new(),
    }
}

/// One alert's samples, every 15 seconds while it fired within the query's range before
/// `time`: 1 for `ALERTS`, its start for `ALERTS_FOR_STATE`. The incident is placed as it
/// was for the "now" of the first look (a few days after `time`).
fn alert_samples(query: &str, time: f64) -> QueryData {
    let from = time - longest_range(query);
    let state = query.starts_with("ALERTS_FOR_STATE");
    let series = (0..=10)
        .flat_map(|days| alerts(incident_window(time + days as f64 * DAY)))
        .filter(|(name, ..)| query.contains(&format!("alertname=\"{name}\"")))
        .find(|(.., (start, end))| *start <= time && *end > from)
        .map(|(name, job, severity, (start, end))| {
            let first = ((from.max(start) / 15.0).ceil() * 15.0).max(start);
            let points = (0..)
                .map(|i| first + 15.0 * i as f64)
                .take_while(|t| *t <= end.min(time))
                .map(|t| (t, if state { start - PENDING } else { 1.0 }))
                .collect();
            Series {
                labels: alert_labels(name, job, severity, !state),
                points,
            }
        });
    QueryData {
        series: series.into_iter().collect(),
        warnings: Vec::new(),
    }
}

fn incident_window(end: f64) -> (f64, f64) {
    let day = (end / DAY).floor() * DAY - 2.0 * DAY;
    (day + 14.0 * 3600.0, day + 15.5 * 3600.0)
}

/// The longest range selector in a query (`[7d]`, `[5m:1m]`), in seconds; 0 for none.
fn longest_range(query: &str) -> f64 {
    query
        .split('[')
        .skip(1)
        .filter_map(|rest| {
            let inside = rest.split([']', ':']).next()?;
            crate::cycles::panel::parse_duration(inside)
        })
        .map(|d| d.as_secs_f64())
        .fold(0.0, f64::max)
}

/// The query with its range selectors left out, so the same expression over another range
/// keeps its noise.
fn without_ranges(query: &str) -> String {
    let mut kept = String::new();
    let mut inside = false;
    for c in query.chars() {
        match c {
            '[' => inside = true,
            ']' => inside = false,
            c if !inside => kept.push(c),
            _ => {}
        }
    }
    kept
}

fn seed(query: &str, labels: &[(&str, &str)]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in query
        .bytes()
        .chain(labels.iter().flat_map(|(k, v)| k.bytes().chain(v.bytes())))
    {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A repeatable number in 0..1 for a series at a time.
fn noise(seed: u64, t: f64) -> f64 {
    let mut x = seed ^ (t as i64 as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    (x >> 11) as f64 / (1u64 << 53) as f64
}
