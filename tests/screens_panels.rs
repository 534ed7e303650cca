//! Metric panels on the meeting screen at 80x24 and 120x40: green, amber and red against
//! their goals, the change since last week, stale data after a failed refresh, an error with
//! no data, a table, and a panel zoomed full screen.

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY};
use kaizen::metrics::{FetchError, QueryData, QueryKind, QueryRequest, Series};
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

/// A series with a gentle slope ending at `last`, over the request's times.
fn series(request: &QueryRequest, labels: &[(&str, &str)], last: f64) -> Series {
    let times: Vec<f64> = match request.kind {
        QueryKind::Instant { time } => vec![time],
        QueryKind::Range { start, end, step } => {
            let n = ((end - start) / step) as usize;
            (0..=n).map(|i| start + i as f64 * step).collect()
        }
    };
    let n = times.len() as f64;
    Series {
        labels: labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        points: times
            .iter()
            .enumerate()
            .map(|(i, &t)| (t, last * (0.8 + 0.2 * (i as f64 + 1.0) / n)))
            .collect(),
    }
}

/// Known answers for the weekly template's panels; throughput fails once `broken` is set.
fn weekly_with_known_panels(width: u16, height: u16) -> (Harness, Rc<Cell<bool>>) {
    let mut app = Harness::new(SNAPSHOT_DAY, width, height);
    let broken = Rc::new(Cell::new(false));
    let failing = broken.clone();
    app.set_metrics(Some(Box::new(move |request: &QueryRequest| {
        let q = request.query.as_str();
        let one = |labels: &[(&str, &str)], last| QueryData {
            series: vec![series(request, labels, last)],
            warnings: Vec::new(),
        };
        if q.starts_with("sum by (job) (rate(http_requests_total[") && !q.contains("5..") {
            if failing.get() {
                return Err(FetchError::Timeout { seconds: 10 });
            }
            let mut data = one(&[("job", "api")], 120.0);
            data.series.push(series(request, &[("job", "web")], 45.0));
            return Ok(data);
        }
        if q.contains("by (job)") && q.contains("5..") {
            return Err(FetchError::Unreachable(
                "Connection refused (os error 111)".into(),
            ));
        }
        Ok(match q {
            q if q.contains("avg_over_time(up") => one(&[], 0.9995),
            q if q.contains("5..") => one(&[], 0.02),
            q if q.contains("histogram_quantile") => one(&[], 0.61),
            q if q.contains("min by (job) (up)") => QueryData {
                series: vec![
                    series(request, &[("job", "api")], 1.0),
                    series(request, &[("job", "worker")], 0.0),
                ],
                warnings: Vec::new(),
            },
            _ => one(&[], 1.0),
        })
    })));
    let last_week: HashMap<(String, String, String), f64> = [
        ("Uptime", 0.9990),
        ("Error rate", 0.004),
        ("p95 latency", 0.093),
    ]
    .into_iter()
    .map(|(panel, value)| {
        let key = (
            "Metrics Review".to_string(),
            panel.to_string(),
            String::new(),
        );
        (key, value)
    })
    .collect();
    // Held on Monday 23 November: the weekly review before this one.
    let previous = kaizen::meeting::PreviousMeeting {
        held_on: harness::date("2026-11-23"),
        values: last_week,
    };
    app.model
        .previous_values
        .insert("weekly".to_string(), previous);
    (app, broken)
}

fn with_stale_throughput(width: u16, height: u16) -> Harness {
    let (mut app, broken) = weekly_with_known_panels(width, height);
    app.press("s y").advance(5);
    broken.set(true);
    app.advance(125);
    app
}

#[test]
fn green_amber_red_and_stale_80x24() {
    let mut app = with_stale_throughput(80, 24);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn green_amber_red_and_stale_120x40() {
    let mut app = with_stale_throughput(120, 40);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn panel_colours_styled() {
    let mut app = with_stale_throughput(80, 24);
    insta::assert_snapshot!(app.styled());
}

#[test]
fn an_error_without_data_and_a_table_120x40() {
    let (mut app, _) = weekly_with_known_panels(120, 40);
    app.press("s y n").advance(2);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn an_error_without_data_and_a_table_80x24() {
    let (mut app, _) = weekly_with_known_panels(80, 24);
    app.press("s y n").advance(2);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn a_chart_zoomed_full_screen_120x40() {
    let (mut app, _) = weekly_with_known_panels(120, 40);
    app.press("s y v right right right enter");
    assert!(matches!(
        app.model.focus,
        kaizen::model::Focus::Zoom { selected: 3 }
    ));
    insta::assert_snapshot!(app.screen());
    app.press("esc esc");
    assert!(matches!(app.model.focus, kaizen::model::Focus::Clock));
}

#[test]
fn the_legend_has_a_line_of_its_own_and_the_lines_are_never_under_it_200x60() {
    // The demo's throughput rises to the top right, where a boxed legend used to sit.
    for (width, height) in [(120, 40), (200, 60)] {
        let (mut app, _) = weekly_with_known_panels(width, height);
        app.press("s y v right right right enter");
        let screen = app.screen();
        let legend = screen
            .lines()
            .find(|line| line.contains("━ api"))
            .unwrap_or_else(|| panic!("a legend at {width}x{height}:\n{screen}"));
        assert!(legend.contains("━ web"), "{legend}");
        assert!(
            !legend
                .chars()
                .any(|c| ('\u{2800}'..='\u{28ff}').contains(&c)),
            "no line drawn in the legend's row at {width}x{height}: {legend}"
        );
        let after = screen.split("━ web").nth(1).unwrap_or_default();
        assert!(
            after.lines().next().unwrap_or_default().contains("req/s"),
            "its value: {legend}"
        );
    }
}

#[test]
fn a_chart_zoomed_full_screen_200x60() {
    let (mut app, _) = weekly_with_known_panels(200, 60);
    app.press("s y v right right right enter");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn a_stat_zoomed_80x24() {
    let (mut app, _) = weekly_with_known_panels(80, 24);
    app.press("s y v right right enter");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn a_chart_of_many_series_draws_the_top_ten_and_says_so() {
    let mut app = Harness::new(SNAPSHOT_DAY, 200, 60);
    app.set_metrics(Some(Box::new(|request: &QueryRequest| {
        let pods: Vec<String> = (0..25).map(|n| format!("pod-{n:02}")).collect();
        Ok(QueryData {
            series: pods
                .iter()
                .enumerate()
                .map(|(n, pod)| series(request, &[("pod", pod.as_str())], n as f64))
                .collect(),
            warnings: Vec::new(),
        })
    })));
    app.press("s y v right right right enter");
    let screen = app.screen();
    assert!(screen.contains("top 10 of 25 by latest value"), "{screen}");
    // The highest first: pod-24 leads the legend, pod-00 is not drawn.
    assert!(screen.contains("━ pod=pod-24 24 req/s"), "{screen}");
    assert!(!screen.contains("pod-00"), "{screen}");
}

#[test]
fn label_values_with_escape_sequences_are_drawn_as_text() {
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    app.set_metrics(Some(Box::new(|request: &QueryRequest| {
        let hostile = "\u{1b}]52;c;cGF5bG9hZA==\u{7}\u{1b}[2Jevil";
        Ok(QueryData {
            series: vec![series(request, &[("job", hostile)], 1.0)],
            warnings: Vec::new(),
        })
    })));
    app.press("s y n");
    let styled = app.styled();
    assert!(
        !styled.contains('\u{1b}') && !styled.contains('\u{7}'),
        "{styled}"
    );
    let screen = app.screen();
    assert!(screen.contains("␛]52;c;cGF5bG9hZA==␇␛[2J"), "{screen}");
}

#[test]
fn prometheus_warnings_and_a_failing_query_are_shown() {
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    app.set_metrics(Some(Box::new(|request: &QueryRequest| {
        if request.query.contains("histogram_quantile") {
            return Err(FetchError::Prometheus {
                kind: "bad_data".into(),
                message: "no such function".into(),
            });
        }
        Ok(QueryData {
            series: vec![series(request, &[], 0.999)],
            warnings: vec!["partial data: store 2 did not answer".into()],
        })
    })));
    app.press("s y");
    let screen = app.screen();
    assert!(
        screen.contains("Prometheus warns: partial data: store 2"),
        "{screen}"
    );
    // Full screen, the failing panel shows the query as sent, to try by hand.
    app.press("v right right enter");
    let screen = app.screen();
    assert!(
        screen.contains("query: histogram_quantile(0.95, sum by (le)"),
        "{screen}"
    );
    assert!(screen.contains("bucket[7d])))"), "{screen}");
}

#[test]
fn without_prometheus_the_section_says_so_once_not_in_every_panel() {
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    app.exec.source = kaizen::metrics::source::Source::Missing;
    app.press("s y");
    let screen = app.screen();
    assert_eq!(
        screen.matches("no Prometheus").count(),
        1,
        "said once:\n{screen}"
    );
    assert!(
        screen.contains("No panel can show data: no Prometheus"),
        "{screen}"
    );
    assert!(
        screen.contains("Uptime · Error rate"),
        "the panels are named:\n{screen}"
    );
}

/// Panels whose inputs did not change are copied from their last drawing each second; what
/// does change still shows: the age of stale data every second, and fresh data once it comes.
#[test]
fn a_panel_drawn_from_memory_still_shows_each_change() {
    let (mut app, broken) = weekly_with_known_panels(120, 40);
    app.press("s y");
    broken.set(true);
    app.advance(16);
    let stale = |screen: &str| {
        screen
            .lines()
            .find_map(|line| line.find("stale ").map(|at| line[at..at + 10].to_string()))
    };
    let first = app.screen();
    assert_eq!(stale(&first).as_deref(), Some("stale 16 s"), "{first}");
    app.advance(1);
    let second = app.screen();
    assert_eq!(stale(&second).as_deref(), Some("stale 17 s"), "{second}");
    broken.set(false);
    app.advance(15);
    let fresh = app.screen();
    assert_eq!(stale(&fresh), None, "{fresh}");
}
