//! A 7-day chart at 1-minute steps refreshes by its tail: after the first answer each new
//! minute asks Prometheus for two points, not 10,080, and what the panel holds after 40
//! minutes is exactly what asking for the whole window then returns: the same series, the
//! same points, a series that began meanwhile with its history, and one that left the
//! window gone. Against a real Prometheus holding 8 days of minute samples.

use crate::harness;
use crate::promserver;

use harness::{Harness, at_unix};
use kaizen::cycles::{Origin, parse_template};
use kaizen::metrics::{QueryKind, QueryRequest};
use promserver::{PromServer, current_minute, openmetrics};
use std::collections::HashMap;

const MINUTE: i64 = 60;
const DAY: i64 = 86_400;

const TEMPLATE: &str = r#"
name = "Weekly"
cadence = "every monday"
duration_minutes = 60

[[sections]]
title = "Metrics"
minutes = 60

[[sections.panels]]
title = "Load"
query = "kaizen_test_load"
kind = "chart"
window = "7d"
step = "1m"
refresh = "15s"
legend = "{{job}}"
"#;

fn range_of(request: &QueryRequest) -> Option<(f64, f64, f64)> {
    match request.kind {
        QueryKind::Range { start, end, step } => Some((start, end, step)),
        QueryKind::Instant { .. } => None,
    }
}

#[test]
fn a_week_long_chart_asks_only_for_new_minutes_and_holds_what_the_whole_window_gives() {
    let end = current_minute();
    // The meeting starts an hour before the history ends, so forty minutes of it still have
    // samples to come.
    let start = end - 60 * MINUTE;
    let times: Vec<i64> = (end - 8 * DAY..=end).step_by(MINUTE as usize).collect();
    let api = |t: i64| ((t / 60) % 97) as f64;
    let db = |t: i64| 1000.0 + ((t / 60) % 13) as f64;
    let mut text = openmetrics(
        &[
            ("kaizen_test_load", r#"job="api""#, &api),
            ("kaizen_test_load", r#"job="db""#, &db),
        ],
        &times,
    );
    text.truncate(text.len() - "# EOF\n".len());
    // One series starts twenty minutes into the meeting; one ends just inside the window as
    // the meeting starts, and leaves it as the minutes go by.
    for t in (start + 20 * MINUTE..=end).step_by(MINUTE as usize) {
        text.push_str(&format!("kaizen_test_load{{job=\"new\"}} 7 {t}\n"));
    }
    for t in (start - 7 * DAY - 30 * MINUTE..=start - 7 * DAY + 5 * MINUTE).step_by(60) {
        text.push_str(&format!("kaizen_test_load{{job=\"old\"}} 3 {t}\n"));
    }
    text.push_str("# EOF\n");
    let Some(server) = PromServer::start(&text) else {
        return;
    };

    let cycle = parse_template("weekly", "tail.toml", TEMPLATE, Origin::BuiltIn).expect("template");
    let mut app = Harness::with_cycles("2026-11-30", 120, 40, HashMap::new(), vec![cycle]);
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let client = server.client();
    app.set_metrics(Some(Box::new(move |request| {
        runtime.block_on(client.fetch(request))
    })));
    app.now = at_unix(start);
    app.press("s y");
    let held = |app: &Harness| {
        let state = &app.panels()[0][0];
        assert_eq!(state.error, None);
        state.series.clone().expect("the series are held")
    };
    let jobs = |data: &kaizen::metrics::QueryData| -> Vec<String> {
        let mut jobs: Vec<String> = data
            .series
            .iter()
            .map(|s| s.labels["job"].clone())
            .collect();
        jobs.sort();
        jobs
    };
    assert_eq!(jobs(&held(&app)), ["api", "db", "old"]);
    let first = app.fetches.len();

    for _ in 0..(40 * 4) {
        app.advance(15);
    }

    let ranges: Vec<(f64, f64, f64)> = app.fetches[first..].iter().filter_map(range_of).collect();
    assert_eq!(ranges.len(), 40, "one range query a minute: {ranges:?}");
    for (start, end, step) in &ranges {
        assert_eq!(*step, 60.0);
        assert_eq!(
            end - start,
            60.0,
            "each asks for the held minute and the new one"
        );
    }

    // What is held now is what the whole window gives at the same end, point for point.
    let state = &app.panels()[0][0];
    let series_end = state.series_end.expect("an end");
    assert_eq!(series_end, (start + 40 * MINUTE) as f64);
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let whole = runtime
        .block_on(server.client().fetch(&QueryRequest {
            query: "kaizen_test_load".into(),
            kind: QueryKind::Range {
                start: series_end - 7.0 * DAY as f64,
                end: series_end,
                step: 60.0,
            },
        }))
        .expect("the whole window");
    let mut now_held = held(&app);
    let mut expected = whole.clone();
    for data in [&mut now_held, &mut expected] {
        data.series.sort_by_key(|s| s.key());
    }
    assert_eq!(jobs(&now_held), ["api", "db", "new"], "old left, new came");
    assert_eq!(now_held.series, expected.series);
    let api = &now_held.series[0];
    assert_eq!(api.points.len(), 7 * 24 * 60 + 1);

    // The chart draws from them: the newest point is the last minute's value.
    let drawn = state.data.as_ref().expect("drawn");
    let newest = drawn
        .series
        .iter()
        .find(|s| s.labels["job"] == "new")
        .expect("new is drawn");
    assert_eq!(newest.last(), Some(7.0));
}
