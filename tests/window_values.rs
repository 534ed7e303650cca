//! The numbers mean what they say, against a real Prometheus holding a week with two outages
//! (25 minutes three days ago, 5 minutes half an hour ago: 99.70% up over the week) and a
//! 9-minute burst of 17% errors just before the meeting. The shipped weekly template shows the
//! week's uptime as Prometheus computes it over the same window, draws both outages in the
//! sparkline, and the Anomaly Detection scan lists the outage and the burst at their minutes;
//! the report says the week's value against the week before; the monthly Incident Review
//! offers the outage (from its `ALERTS` samples) with its start and end to the minute.

use crate::harness;
use crate::promserver;

use harness::{Harness, at_unix};
use kaizen::metrics::client::PrometheusClient;
use kaizen::metrics::{QueryKind, QueryRequest};
use promserver::{PromServer, current_minute};

const MINUTE: i64 = 60;
const DAY: i64 = 86_400;

/// When things happened, relative to `end` (the meeting's start, a whole minute).
struct Week {
    end: i64,
    long_outage: (i64, i64),
    short_outage: (i64, i64),
    burst: (i64, i64),
}

impl Week {
    fn new(end: i64) -> Week {
        Week {
            end,
            long_outage: (end - 3 * DAY, end - 3 * DAY + 25 * MINUTE),
            short_outage: (end - 30 * MINUTE, end - 25 * MINUTE),
            burst: (end - 40 * MINUTE, end - 31 * MINUTE),
        }
    }

    fn down(&self, t: i64) -> bool {
        [self.long_outage, self.short_outage]
            .iter()
            .any(|(from, to)| t >= *from && t < *to)
    }

    /// Sixteen days of samples every minute: `up`, and request and error counters.
    fn openmetrics(&self) -> String {
        let times: Vec<i64> = (self.end - 16 * DAY..=self.end)
            .step_by(MINUTE as usize)
            .collect();
        let mut text = String::from("# TYPE up gauge\n");
        for &t in &times {
            let up = if self.down(t) { 0 } else { 1 };
            text.push_str(&format!("up{{job=\"api\"}} {up} {t}\n"));
        }
        text.push_str("# TYPE http_requests counter\n");
        let (mut all, mut errors) = (0.0, 0.0);
        let mut ok_lines = String::new();
        let mut error_lines = String::new();
        for &t in &times {
            // 10 requests a second; 0.5% of them errors, 17% during the burst.
            let share = if t > self.burst.0 && t <= self.burst.1 {
                0.17
            } else {
                0.005
            };
            all += 600.0 * (1.0 - share);
            errors += 600.0 * share;
            ok_lines.push_str(&format!(
                "http_requests_total{{job=\"api\",code=\"200\"}} {all} {t}\n"
            ));
            error_lines.push_str(&format!(
                "http_requests_total{{job=\"api\",code=\"500\"}} {errors} {t}\n"
            ));
        }
        text.push_str(&ok_lines);
        text.push_str(&error_lines);
        // The rule `up == 0` (for: 1m) was evaluated every 15 s: pending from each outage's
        // start, firing a minute later until it ended.
        text.push_str("# TYPE ALERTS gauge\n");
        let mut active = String::from("# TYPE ALERTS_FOR_STATE gauge\n");
        for (from, to) in [self.long_outage, self.short_outage] {
            for t in (from + 60..to).step_by(15) {
                text.push_str(&format!(
                    "ALERTS{{alertname=\"InstanceDown\",alertstate=\"firing\",job=\"api\"}} 1 {t}\n"
                ));
            }
            for t in (from..to).step_by(15) {
                active.push_str(&format!(
                    "ALERTS_FOR_STATE{{alertname=\"InstanceDown\",job=\"api\"}} {from} {t}\n"
                ));
            }
        }
        text.push_str(&active);
        text.push_str("# EOF\n");
        text
    }
}

/// One instant query, as a user would check a number with curl.
fn instant(client: &PrometheusClient, query: &str, time: i64) -> f64 {
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let data = runtime
        .block_on(client.fetch(&QueryRequest {
            query: query.into(),
            kind: QueryKind::Instant { time: time as f64 },
        }))
        .expect("the query runs");
    data.series[0].last().expect("a value")
}

/// The shipped weekly review, its panels asking the test's server, started at `week.end`.
fn weekly(server: &PromServer, week: &Week) -> Harness {
    let mut app = Harness::new("2026-11-30", 160, 50);
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let client = server.client();
    app.set_metrics(Some(Box::new(move |request| {
        runtime.block_on(client.fetch(request))
    })));
    app.now = at_unix(week.end);
    app.send(kaizen::msg::Msg::StartMeeting("weekly".into()));
    app
}

#[test]
fn a_week_with_a_short_outage_reads_right_everywhere() {
    let week = Week::new(current_minute());
    let Some(server) = PromServer::start(&week.openmetrics()) else {
        return;
    };
    let mut app = weekly(&server, &week);

    // Uptime is the week's, as Prometheus computes it over the same window.
    let uptime = app.panels()[0][0].clone();
    let shown = uptime.value().expect("uptime has a value");
    let checked = instant(&server.client(), "avg_over_time(up[7d])", week.end);
    assert_eq!(shown, checked, "{:?}", uptime.error);
    // 30 of the week's 10,081 samples were 0.
    assert!((shown - (1.0 - 30.0 / 10_081.0)).abs() < 1e-12, "{shown}");
    let screen = app.screen();
    assert!(screen.contains("Uptime · 7 days"), "{screen}");
    assert!(screen.contains("99.70%"), "{screen}");

    // Day one has no earlier weekly: the week is compared with the week before, as
    // Prometheus has it, and says so.
    let before = uptime.before.as_ref().expect("the week before").series[0]
        .last()
        .expect("a value");
    let checked = instant(
        &server.client(),
        "avg(avg_over_time(up[7d]))",
        week.end - 7 * DAY,
    );
    assert_eq!(before, checked);
    assert_eq!(before, 1.0, "no outage the week before");
    assert!(screen.contains("-0.30 pp vs 7d ago"), "{screen}");

    // The sparkline draws the whole week: the long outage's hour and the short one's last
    // hour are its two lowest columns, where they happened.
    let points = &uptime.data.as_ref().expect("drawn").series[0].points;
    let columns = kaizen::ui::panel::scaled(points, 84);
    let (start, end) = (points[0].0, points[points.len() - 1].0);
    let column_of = |t: i64| ((t as f64 - start) / (end - start) * 84.0).floor() as usize;
    let mut lowest: Vec<(usize, u64)> = columns
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    lowest.sort_by_key(|(_, v)| *v);
    let mut at: Vec<usize> = lowest[..2].iter().map(|(i, _)| *i).collect();
    at.sort();
    let long = column_of(week.long_outage.0);
    assert!(at[0].abs_diff(long) <= 1, "{at:?} vs {long}: {columns:?}");
    assert_eq!(
        at[1], 83,
        "the last half hour's outage is in the last column"
    );

    // The series are asked on whole steps, so every refresh in the hour gets the same points.
    let series_end = app
        .fetches
        .iter()
        .find_map(|r| match r.kind {
            QueryKind::Range { end, .. } if r.query == "avg(avg_over_time(up[1h]))" => Some(end),
            _ => None,
        })
        .expect("the uptime series was asked");
    assert_eq!(series_end % 3600.0, 0.0);
    assert!(week.end as f64 - series_end < 3600.0);

    // Fifteen seconds on, only the values are asked again: the hourly series has not moved.
    let asked = app.fetches.len();
    app.advance(15);
    let again: Vec<&QueryRequest> = app.fetches[asked..].iter().collect();
    assert!(!again.is_empty());
    assert!(
        again
            .iter()
            .all(|r| matches!(r.kind, QueryKind::Instant { .. })),
        "{again:#?}"
    );

    // Anomaly Detection lists the outage and the burst at their own minutes.
    app.press("n");
    let rows = app.model.findings();
    let near = |at: f64, t: i64| (at - t as f64).abs() <= 6.0 * 60.0;
    let outage = rows
        .iter()
        .find(|r| r.panel == "Targets up" && near(r.finding.start, week.short_outage.0))
        .unwrap_or_else(|| panic!("the short outage is listed: {rows:#?}"));
    assert!(
        outage.finding.end - outage.finding.start <= 12.0 * 60.0,
        "{outage:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.panel == "Targets up" && near(r.finding.start, week.long_outage.0)),
        "the long outage is listed: {rows:#?}"
    );
    let burst = rows
        .iter()
        .find(|r| r.panel == "Error rate by job" && near(r.finding.start, week.burst.0))
        .unwrap_or_else(|| panic!("the error burst is listed: {rows:#?}"));
    let peak = burst.finding.peak.expect("a peak").1;
    assert!(peak > 0.1, "{burst:?}");

    // The report says the same: the week's value, against the week before in Prometheus.
    app.press("e y enter");
    let text = app.model.report.as_ref().expect("the report").text.clone();
    let week_before = chrono::DateTime::from_timestamp(week.end - 7 * DAY, 0)
        .expect("a time")
        .format("%-d %b")
        .to_string();
    assert!(
        text.contains(&format!(
            "| Uptime | 99.70%[^1] | -0.30 pp vs {week_before} (Prometheus) (worse) |"
        )),
        "{text}"
    );
    assert!(
        text.contains("`avg(avg_over_time(up[7d]))` over "),
        "{text}"
    );

    // The monthly Incident Review offers the short outage with its start and end to the
    // minute: it became active as the target went down and fired a minute later.
    app.press("esc");
    app.send(kaizen::msg::Msg::StartMeeting("monthly".into()));
    app.press("g 3");
    let offered: Vec<_> = app.model.candidates().into_iter().cloned().collect();
    let short = offered
        .iter()
        .find(|e| (e.start - (week.short_outage.0 + 60) as f64).abs() < 60.0)
        .unwrap_or_else(|| panic!("the short outage is offered: {offered:#?}"));
    assert_eq!(short.alertname, "InstanceDown");
    assert_eq!(short.active_since, Some(week.short_outage.0 as f64));
    assert!(
        (short.end - week.short_outage.1 as f64).abs() <= 60.0,
        "{short:?}"
    );
    assert!(short.outage());
    assert_eq!(offered.len(), 2, "both outages, nothing else: {offered:#?}");
}
