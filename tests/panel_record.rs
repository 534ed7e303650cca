//! What a meeting keeps of its metric panels is what the room saw: a panel with no data is
//! "no data" (never 0), and a panel with several series keeps each under its name, compared
//! series by series with the cycle's previous meeting.

use crate::harness;

use chrono::Duration;
use harness::{Harness, at, date};
use kaizen::metrics::{QueryData, QueryKind, QueryRequest, Series};
use kaizen::model::Now;
use kaizen::msg::Msg;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

fn jump(app: &mut Harness, secs: i64) {
    app.now = Now {
        mono: app.now.mono + std::time::Duration::from_secs(secs as u64),
        wall: app.now.wall + Duration::seconds(secs),
    };
    app.send(Msg::Tick);
}

/// Holds a meeting of `cycle` on `day`, a few minutes in every section, and ends it.
fn hold(app: &mut Harness, cycle: &str, day: &str) -> i64 {
    app.now = Now {
        mono: app.now.mono,
        wall: at(date(day), 9).wall,
    };
    app.send(Msg::StartMeeting(cycle.into()));
    loop {
        jump(app, 120);
        let meeting = app.model.meeting().expect("meeting");
        if meeting.current + 1 >= meeting.sections.len() {
            break;
        }
        app.press("n");
    }
    let id = app.model.meeting().and_then(|m| m.id).expect("stored");
    app.press("e y enter");
    id
}

fn report(app: &Harness, id: i64) -> String {
    let report =
        kaizen::report::gather(app.store(), id, &app.model.cycles, app.now.wall).expect("report");
    kaizen::report::markdown::render(&report)
}

/// A series with `labels` holding `value` over the request's window.
fn series(request: &QueryRequest, labels: &[(&str, &str)], value: f64) -> Series {
    let times = match request.kind {
        QueryKind::Instant { time } => vec![time],
        QueryKind::Range { start, end, step } => {
            let mut times = Vec::new();
            let mut t = start;
            while t <= end {
                times.push(t);
                t += step;
            }
            times
        }
    };
    Series {
        labels: labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        points: times.into_iter().map(|t| (t, value)).collect(),
    }
}

/// The weekly Throughput panel answers with these (job, value) series; everything else with
/// one unlabelled series of 1.
fn throughput(app: &mut Harness, jobs: Rc<RefCell<Vec<(String, f64)>>>) {
    app.set_metrics(Some(Box::new(move |request: &QueryRequest| {
        let series = if request
            .query
            .starts_with("sum by (job) (rate(http_requests_total[")
        {
            jobs.borrow()
                .iter()
                .map(|(job, value)| series(request, &[("job", job)], *value))
                .collect()
        } else {
            vec![series(request, &[], 1.0)]
        };
        Ok(QueryData {
            series,
            warnings: Vec::new(),
        })
    })));
}

fn jobs(list: &[(&str, f64)]) -> Vec<(String, f64)> {
    list.iter().map(|(j, v)| (j.to_string(), *v)).collect()
}

#[test]
fn each_series_is_kept_under_its_name_and_compared_with_its_own_last_value() {
    let mut app = Harness::new("2026-11-23", 120, 40);
    let answer = Rc::new(RefCell::new(jobs(&[("api", 81.4), ("web", 40.1)])));
    throughput(&mut app, answer.clone());
    let first = hold(&mut app, "weekly", "2026-11-23");
    let saved = app.store().panel_values(first).expect("values");
    let throughput: Vec<_> = saved.iter().filter(|v| v.panel == "Throughput").collect();
    assert_eq!(throughput.len(), 2, "{saved:?}");
    assert_eq!(throughput[0].series, "{job=\"api\"}");
    assert_eq!(throughput[0].name, "api");
    assert_eq!(throughput[0].value, Some(81.4));
    assert_eq!(
        (throughput[1].name.as_str(), throughput[1].value),
        ("web", Some(40.1))
    );

    // A week later the order of the answer differs: values are matched by labels, not place.
    *answer.borrow_mut() = jobs(&[("web", 30.0), ("api", 90.0)]);
    let second = hold(&mut app, "weekly", "2026-11-30");
    let text = report(&app, second);
    assert!(
        text.contains("| Throughput: api | 90 req/s[^4] |"),
        "{text}"
    );
    assert!(text.contains("| +8.60 req/s |"), "api against api:\n{text}");
    assert!(text.contains("| Throughput: web | 30 req/s |"), "{text}");
    assert!(text.contains("| -10.1 req/s |"), "web against web:\n{text}");
    let api = text.find("Throughput: api").expect("api row");
    let web = text.find("Throughput: web").expect("web row");
    assert!(api < web, "largest first");
}

#[test]
fn a_panel_with_many_series_lists_the_top_ones_and_says_how_many_more() {
    let mut app = Harness::new("2026-11-23", 120, 40);
    let many: Vec<(String, f64)> = (1..=8).map(|n| (format!("job{n}"), f64::from(n))).collect();
    throughput(&mut app, Rc::new(RefCell::new(many)));
    let id = hold(&mut app, "weekly", "2026-11-23");
    let text = report(&app, id);
    assert!(
        text.contains("| Throughput: job8 | 8 req/s[^4] |"),
        "{text}"
    );
    assert!(text.contains("| Throughput: job4 |"), "{text}");
    assert!(!text.contains("| Throughput: job3 |"), "{text}");
    assert!(text.contains("| Throughput: and 3 more |"), "{text}");
    // Every series is kept, though the report shows five.
    let kept = app.store().panel_values(id).expect("values");
    assert_eq!(kept.iter().filter(|v| v.panel == "Throughput").count(), 8);
}

#[test]
fn a_panel_with_no_data_is_no_data_in_the_store_the_report_and_the_export() {
    let mut app = Harness::new("2026-11-02", 120, 40);
    // A server that knows none of the queried metrics: every answer is empty.
    app.set_metrics(Some(Box::new(|_: &QueryRequest| Ok(QueryData::default()))));
    let id = hold(&mut app, "monthly", "2026-11-02");
    let saved = app.store().panel_values(id).expect("values");
    let spend = saved
        .iter()
        .find(|v| v.panel == "Spend this month")
        .expect("the budget panel is recorded");
    assert_eq!(spend.value, None, "no data, not a spend of 0");
    let text = report(&app, id);
    assert!(text.contains("| Spend this month | no data"), "{text}");
    assert!(!text.contains("$0.00"), "{text}");
    let export = app.store().export_json(app.now.wall).expect("export");
    let document: serde_json::Value = serde_json::from_str(&export).expect("json");
    let rows = document["tables"]["panel_values"].as_array().expect("rows");
    let row = rows
        .iter()
        .find(|r| r["panel"] == "Spend this month")
        .expect("exported");
    assert!(row["value"].is_null(), "{row}");

    // The next meeting has nothing to compare with, rather than a false zero.
    let previous = app.store().previous_values().expect("previous");
    let monthly = previous.get("monthly");
    assert!(
        monthly.is_none_or(|p| p
            .values
            .keys()
            .all(|(_, panel, _)| panel != "Spend this month")),
        "{previous:?}"
    );
}

#[test]
fn a_stat_with_several_series_says_which_one_it_shows() {
    let mut app = Harness::new("2026-11-23", 120, 40);
    app.set_metrics(Some(Box::new(|request: &QueryRequest| {
        let series = if request.query.starts_with("avg(avg_over_time(up[") {
            vec![
                series(request, &[("job", "api")], 0.999),
                series(request, &[("job", "web")], 0.95),
            ]
        } else {
            vec![series(request, &[], 1.0)]
        };
        Ok(QueryData {
            series,
            warnings: Vec::new(),
        })
    })));
    app.send(Msg::StartMeeting("weekly".into()));
    let screen = app.screen();
    assert!(screen.contains("99.90% job=api (+1 more)"), "{screen}");
}

#[test]
fn an_incident_still_going_stays_in_every_report_until_it_ends() {
    let mut app = Harness::new("2026-11-23", 120, 40);
    let mut ongoing = kaizen::incidents::Incident::new(
        "Queue backlog",
        at(date("2026-11-20"), 14).wall,
        at(date("2026-11-20"), 15).wall,
    );
    ongoing.severity = "page".into();
    app.store_mut().save_incident(&ongoing).expect("saved");
    let first = hold(&mut app, "weekly", "2026-11-23");
    let second = hold(&mut app, "weekly", "2026-11-30");
    for id in [first, second] {
        let text = report(&app, id);
        assert!(
            text.contains("| Queue backlog (outage) | page | still going ("),
            "{id}: {text}"
        );
        assert!(
            text.contains("0 min down in all; 1 incident still going"),
            "{text}"
        );
    }
}

#[test]
fn the_month_s_spend_is_traced_to_the_month_s_start_not_the_panel_s_window() {
    let mut app = Harness::new("2026-12-07", 120, 40);
    throughput(&mut app, Rc::new(RefCell::new(Vec::new())));
    let id = hold(&mut app, "monthly", "2026-12-07");
    let saved = app.store().panel_values(id).expect("values");
    let spend = saved
        .iter()
        .find(|v| v.panel == "Spend this month")
        .expect("recorded");
    let month = at(date("2026-12-01"), 0).wall.timestamp() as f64;
    assert_eq!(spend.range_start, month);
    // $1 an hour since the month began, to the minute the section was left.
    let hours = (spend.range_end - month) / 3600.0;
    let value = spend.value.expect("a spend");
    assert!((value - hours).abs() < 1.0, "{value} for {hours} h");
    let text = report(&app, id);
    assert!(
        text.contains("over 1 Dec 2026 00:00 – 7 Dec 2026"),
        "{text}"
    );
}
