//! The anomaly scan against a real Prometheus backfilled with 30 days that hold one known
//! incident and one known step change: the scan finds both, at the right times, and nothing
//! else above the default thresholds.

use crate::harness;
use crate::promserver;

use kaizen::analysis::{Kind, Settings, scan};
use kaizen::metrics::client::PrometheusClient;
use kaizen::metrics::{QueryKind, QueryRequest};
use promserver::{PromServer, openmetrics};

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;
const STEP: i64 = 15 * 60;

/// A repeatable wobble in [-1, 1] for time `t`.
fn wobble(t: i64, seed: i64) -> f64 {
    let x = ((t / STEP + seed) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let x = x ^ (x >> 29);
    (x % 2001) as f64 / 1000.0 - 1.0
}

/// A daily swing: busier in the afternoon.
fn daily(t: i64) -> f64 {
    ((t % DAY) as f64 / DAY as f64 * std::f64::consts::TAU - 2.0).sin()
}

struct History {
    end: i64,
    incident: (i64, i64),
    step_at: i64,
}

impl History {
    /// 30 days ending at a round 15 minutes: the incident 9 days before the end (two hours
    /// at 14:00), the step 4 days before (at 09:00).
    fn new() -> History {
        let end = 1_796_000_000 / STEP * STEP;
        let day0 = end / DAY * DAY;
        History {
            end,
            incident: (day0 - 9 * DAY + 14 * HOUR, day0 - 9 * DAY + 16 * HOUR),
            step_at: day0 - 4 * DAY + 9 * HOUR,
        }
    }

    fn times(&self) -> Vec<i64> {
        (self.end - 30 * DAY..=self.end)
            .step_by(STEP as usize)
            .collect()
    }
}

fn fetch(client: &PrometheusClient, query: &str, history: &History) -> Vec<(f64, f64)> {
    let request = QueryRequest {
        query: query.into(),
        kind: QueryKind::Range {
            start: (history.end - 30 * DAY) as f64,
            end: history.end as f64,
            step: STEP as f64,
        },
    };
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let data = runtime
        .block_on(client.fetch(&request))
        .expect("the query runs");
    assert_eq!(data.series.len(), 1, "{query}");
    data.series[0].points.clone()
}

/// A server holding the month with the incident and the step.
fn month_with_incident_and_step() -> Option<(PromServer, History)> {
    let history = History::new();
    let incident = history.incident;
    let step_at = history.step_at;
    let latency = move |t: i64| {
        if (incident.0..incident.1).contains(&t) {
            0.9 + 0.05 * wobble(t, 1)
        } else {
            0.12 + 0.02 * daily(t) + 0.004 * wobble(t, 2)
        }
    };
    let queue = move |t: i64| {
        let level = if t >= step_at { 260.0 } else { 180.0 };
        level + 12.0 * daily(t) + 4.0 * wobble(t, 3)
    };
    let quiet = |t: i64| if wobble(t, 4) > 0.9 { 1.0 / 60.0 } else { 0.0 };
    let text = openmetrics(
        &[
            ("kaizen_scan_latency_seconds", "job=\"checkout\"", &latency),
            ("kaizen_scan_queue_depth", "job=\"worker\"", &queue),
            ("kaizen_scan_errors_per_second", "job=\"batch\"", &quiet),
        ],
        &history.times(),
    );
    PromServer::start(&text).map(|server| (server, history))
}

#[test]
fn the_scan_finds_the_incident_and_the_step_at_their_times_and_nothing_else() {
    let Some((server, history)) = month_with_incident_and_step() else {
        return;
    };
    let (incident, step_at) = (history.incident, history.step_at);
    let client = server.client();
    let settings = Settings::default();
    let step = STEP as f64;

    let latency = fetch(&client, "kaizen_scan_latency_seconds", &history);
    let found = scan(&latency, step, None, &settings);
    assert_eq!(found.len(), 1, "latency: {found:?}");
    let spike = &found[0];
    assert!(
        spike.kind == Kind::Outlier || spike.also.contains(&Kind::Outlier),
        "{spike:?}"
    );
    assert!((spike.start - incident.0 as f64).abs() <= step, "{spike:?}");
    assert!(
        (spike.end - (incident.1 - STEP) as f64).abs() <= step,
        "{spike:?}"
    );

    let queue = fetch(&client, "kaizen_scan_queue_depth", &history);
    let found = scan(&queue, step, None, &settings);
    assert_eq!(found.len(), 1, "queue: {found:?}");
    assert_eq!(found[0].kind, Kind::LevelShift, "{found:?}");
    assert!((found[0].start - step_at as f64).abs() <= step, "{found:?}");
    let (before, after) = found[0].levels.expect("levels");
    assert!((before - 180.0).abs() < 10.0 && (after - 260.0).abs() < 10.0);

    let quiet = fetch(&client, "kaizen_scan_errors_per_second", &history);
    let found = scan(&quiet, step, None, &settings);
    assert!(found.is_empty(), "quiet: {found:?}");
}

#[test]
fn the_forecast_agrees_with_prometheus_predict_linear_on_the_same_data() {
    let end = 1_796_000_000 / STEP * STEP;
    // A disk filling from 50% to 70% over the month, with a little noise.
    let start = end - 30 * DAY;
    let disk =
        move |t: i64| 0.5 + 0.2 * (t - start) as f64 / (30 * DAY) as f64 + 0.01 * wobble(t, 5);
    // Samples from a step after the window's start to its end, so the range selector and the
    // range query see exactly the same ones.
    let times: Vec<i64> = (start + STEP..=end).step_by(STEP as usize).collect();
    let text = openmetrics(
        &[("kaizen_disk_used_ratio", "host=\"db-1\"", &disk)],
        &times,
    );
    let Some(server) = PromServer::start(&text) else {
        return;
    };
    let client = server.client();
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let horizon = 30 * DAY;
    let theirs = runtime
        .block_on(client.fetch(&QueryRequest {
            query: format!("predict_linear(kaizen_disk_used_ratio[30d], {horizon})"),
            kind: QueryKind::Instant { time: end as f64 },
        }))
        .expect("predict_linear runs")
        .series[0]
        .last()
        .expect("a value");
    let points = runtime
        .block_on(client.fetch(&QueryRequest {
            query: "kaizen_disk_used_ratio".into(),
            kind: QueryKind::Range {
                start: (start + STEP) as f64,
                end: end as f64,
                step: STEP as f64,
            },
        }))
        .expect("the range runs")
        .series[0]
        .points
        .clone();
    assert_eq!(points.len(), times.len());
    let ours = kaizen::analysis::forecast::project(&points, horizon as f64, Some(0.9))
        .expect("a forecast");
    assert!(!ours.robust, "clean data keeps the least-squares line");
    // Stated tolerance: 0.1% of the value (they differ only by floating-point order).
    assert!(
        (ours.at_horizon - theirs).abs() <= theirs.abs() * 1e-3,
        "ours {} against predict_linear {}",
        ours.at_horizon,
        theirs
    );
    // About 0.9 at the horizon: the limit is crossed at roughly 30 days, between its bounds.
    let (likely, soonest, latest) = ours.crossing.expect("heading for 90%");
    assert!((likely / DAY as f64 - 30.0).abs() < 2.0, "{likely}");
    assert!(soonest <= likely && likely <= latest);
}

const SCANNING: &str = r#"
name = "Weekly"
cadence = "every monday"
duration_minutes = 10

[[sections]]
title = "Anomaly Detection"
minutes = 10
scan = true

[[sections.panels]]
title = "Checkout latency"
query = "kaizen_scan_latency_seconds"
unit = "seconds"
step = "15m"

[[sections.scans]]
title = "Queue depth"
query = "kaizen_scan_queue_depth"
step = "15m"

[[sections.scans]]
title = "Batch errors"
query = "kaizen_scan_errors_per_second"
unit = "requests_per_second"
step = "15m"
"#;

#[test]
fn in_a_meeting_the_section_lists_the_real_incident_and_step_with_reasons() {
    let Some((server, history)) = month_with_incident_and_step() else {
        return;
    };
    let cycle = kaizen::cycles::parse_template(
        "weekly",
        "test weekly.toml",
        SCANNING,
        kaizen::cycles::Origin::BuiltIn,
    )
    .expect("test template");
    let mut app = harness::Harness::with_cycles(
        "2026-11-30",
        120,
        40,
        std::collections::HashMap::new(),
        vec![cycle],
    );
    app.now = harness::at_unix(history.end);
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let client = server.client();
    app.set_metrics(Some(Box::new(move |request| {
        runtime.block_on(client.fetch(request))
    })));
    app.press("s y");
    let rows = app.model.findings();
    let said: Vec<String> = rows
        .iter()
        .map(|r| format!("{}: {}", r.panel, r.reason))
        .collect();
    assert_eq!(rows.len(), 2, "{said:#?}");
    let latency = rows
        .iter()
        .find(|r| r.panel == "Checkout latency")
        .expect("{said:#?}");
    assert!(latency.reason.starts_with("spike to"), "{said:#?}");
    assert!((latency.finding.start - history.incident.0 as f64).abs() <= STEP as f64);
    let queue = rows
        .iter()
        .find(|r| r.panel == "Queue depth")
        .expect("{said:#?}");
    assert!(queue.reason.starts_with("moved up from"), "{said:#?}");
    assert!((queue.finding.start - history.step_at as f64).abs() <= STEP as f64);
    let screen = app.screen();
    assert!(screen.contains("What stands out · 2"), "{screen}");
}
