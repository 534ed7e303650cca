//! Incidents from the alerts that fired: `ALERTS` episodes read from a real Prometheus
//! (an interrupted alert that resumed within the merge gap is one episode; another day's is
//! another).

use crate::harness;
use crate::promserver;

use kaizen::incidents::episodes::episodes;
use kaizen::metrics::{QueryData, QueryKind, QueryRequest, Series};
use promserver::PromServer;
use std::collections::BTreeMap;

const MINUTE: i64 = 60;
const DAY: i64 = 86_400;

/// OpenMetrics for `ALERTS` firing once a minute over each (start, end) stretch.
fn alerts(firing: &[(&str, &str, i64, i64)]) -> String {
    let mut text = String::from("# TYPE ALERTS gauge\n");
    for (name, severity, start, end) in firing {
        for t in (*start..=*end).step_by(MINUTE as usize) {
            text.push_str(&format!(
                "ALERTS{{alertname=\"{name}\",alertstate=\"firing\",job=\"api\",severity=\"{severity}\"}} 1 {t}\n"
            ));
        }
    }
    text.push_str("# EOF\n");
    text
}

/// A month ending at a round five minutes: an error-rate page 10:00-10:40, quiet ten minutes,
/// again 10:50-11:30, ten days back; a disk filling 14:00-14:30 three days back.
struct TwoAlerts {
    end: i64,
    first: (i64, i64),
    resumed: (i64, i64),
    disk: (i64, i64),
}

impl TwoAlerts {
    fn new() -> TwoAlerts {
        let end = 1_796_000_000 / 300 * 300;
        let day0 = end / DAY * DAY;
        let first = (
            day0 - 10 * DAY + 10 * 3600,
            day0 - 10 * DAY + 10 * 3600 + 40 * MINUTE,
        );
        TwoAlerts {
            end,
            first,
            resumed: (first.1 + 10 * MINUTE, first.1 + 50 * MINUTE),
            disk: (
                day0 - 3 * DAY + 14 * 3600,
                day0 - 3 * DAY + 14 * 3600 + 30 * MINUTE,
            ),
        }
    }

    fn server(&self) -> Option<PromServer> {
        PromServer::start(&alerts(&[
            ("HighErrorRate", "page", self.first.0, self.first.1),
            ("HighErrorRate", "page", self.resumed.0, self.resumed.1),
            ("DiskFilling", "ticket", self.disk.0, self.disk.1),
        ]))
    }
}

#[test]
fn alert_episodes_from_a_real_prometheus_merge_short_interruptions() {
    let alerts = TwoAlerts::new();
    let (end, first, resumed, disk) = (alerts.end, alerts.first, alerts.resumed, alerts.disk);
    let Some(server) = alerts.server() else {
        return;
    };
    let client = server.client();
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let step = 5.0 * 60.0;
    let data = runtime
        .block_on(client.fetch(&QueryRequest {
            query: "ALERTS{alertstate=\"firing\"}".into(),
            kind: QueryKind::Range {
                start: (end - 30 * DAY) as f64,
                end: end as f64,
                step,
            },
        }))
        .expect("the query runs");
    let found = episodes(&data, 15.0 * 60.0);
    let seen: Vec<(String, i64, i64)> = found
        .iter()
        .map(|e| (e.alertname.clone(), e.start as i64, e.end as i64))
        .collect();
    assert_eq!(found.len(), 2, "{seen:?}");
    let errors = &found[0];
    assert_eq!(errors.alertname, "HighErrorRate");
    assert_eq!(errors.severity.as_deref(), Some("page"));
    assert_eq!(errors.service(), Some("api"));
    // Seen from the first step at or after it began to the last step within the lookback of
    // its last sample: within a step and the five-minute lookback of the truth.
    assert!((errors.start - first.0 as f64).abs() <= step, "{seen:?}");
    assert!(
        (errors.end - resumed.1 as f64).abs() <= step + 300.0,
        "{seen:?}"
    );
    let filling = &found[1];
    assert_eq!(filling.alertname, "DiskFilling");
    assert!((filling.start - disk.0 as f64).abs() <= step, "{seen:?}");
    assert!(
        (filling.end - disk.1 as f64).abs() <= step + 300.0,
        "{seen:?}"
    );
}

fn firing(points: &[i64]) -> QueryData {
    QueryData {
        series: vec![Series {
            labels: BTreeMap::from([
                ("__name__".to_string(), "ALERTS".to_string()),
                ("alertname".to_string(), "Down".to_string()),
                ("alertstate".to_string(), "firing".to_string()),
            ]),
            points: points.iter().map(|t| (*t as f64, 1.0)).collect(),
        }],
        warnings: Vec::new(),
    }
}

#[test]
fn a_gap_longer_than_the_merge_gap_splits_an_alert_in_two() {
    let data = firing(&[0, 300, 600, 2400, 2700]);
    let found = episodes(&data, 900.0);
    let spans: Vec<(f64, f64)> = found.iter().map(|e| (e.start, e.end)).collect();
    assert_eq!(spans, [(0.0, 600.0), (2400.0, 2700.0)]);
    assert_eq!(found[0].fingerprint(), "Down{}");
    assert_eq!(episodes(&data, 1800.0).len(), 1, "a wider gap joins them");
    assert!(episodes(&firing(&[]), 900.0).is_empty());
}

fn at(text: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(text).expect("a time")
}

#[test]
fn an_incident_keeps_every_field_its_timeline_and_measures() {
    use kaizen::incidents::{Incident, Measure, Moment, TimelineEntry};
    let mut store = crate::harness::test_store();
    let mut incident = Incident::new(
        "Checkout errors",
        at("2026-11-20T14:00:00+01:00"),
        at("2026-12-07T10:00:00+01:00"),
    );
    incident.severity = "page".into();
    incident.service = Some("checkout".into());
    incident.ended_at = Some(at("2026-11-20T15:30:00+01:00"));
    incident.summary = "Payments failed for 90 minutes".into();
    incident.impact = "1,200 orders retried".into();
    incident.factors = vec![
        "A config push without a canary".into(),
        "No alert on 5xx".into(),
    ];
    incident.went_well = "Rollback took 4 minutes".into();
    incident.timeline = vec![
        TimelineEntry {
            at: at("2026-11-20T14:12:00+01:00"),
            moment: Moment::Detected,
            note: "customer report".into(),
        },
        TimelineEntry {
            at: at("2026-11-20T15:26:00+01:00"),
            moment: Moment::Mitigated,
            note: "rolled back".into(),
        },
    ];
    let item = store
        .create_action(
            &kaizen::actions::NewAction::standalone(
                "Canary config pushes",
                "Ana",
                chrono::NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(),
            ),
            true,
            at("2026-12-07T10:05:00+01:00"),
        )
        .expect("an action item");
    let idea = kaizen::opportunities::Opportunity::titled(
        "Alert on checkout 5xx",
        at("2026-12-07T10:06:00+01:00"),
    );
    let idea = store.save_opportunity(&idea).expect("an opportunity");
    incident.measures = vec![Measure::Action(item), Measure::Opportunity(idea)];
    let id = store.save_incident(&incident).expect("saved");
    incident.id = id;
    let loaded = store.incidents().expect("loaded");
    assert_eq!(loaded, vec![incident.clone()]);
    assert_eq!(loaded[0].minutes_to_detect(), Some(12));
    assert_eq!(loaded[0].minutes_to_resolve(), Some(90));
    // Saved again with a factor less: replaced, not added to.
    incident.factors.pop();
    incident.timeline.pop();
    store.save_incident(&incident).expect("saved again");
    assert_eq!(store.incidents().expect("loaded"), vec![incident.clone()]);
    // The month's count and downtime.
    let totals = kaizen::incidents::totals(
        &[incident.clone()],
        at("2026-11-01T00:00:00+01:00"),
        at("2026-12-01T00:00:00+01:00"),
    );
    assert_eq!(
        (totals.count, totals.down_minutes, totals.ongoing),
        (1, 90, 0)
    );
    // Still firing: it counts as an incident, not as a day of downtime.
    incident.ended_at = None;
    let month_end = at("2026-12-01T00:00:00+01:00");
    let totals = kaizen::incidents::totals(
        std::slice::from_ref(&incident),
        at("2026-11-01T00:00:00+01:00"),
        month_end,
    );
    assert_eq!(
        (totals.count, totals.down_minutes, totals.ongoing),
        (1, 0, 1)
    );
    let lasted = incident.lasted(month_end);
    assert_eq!(lasted.minutes(), None);
    assert!(
        lasted.text().starts_with("still going ("),
        "{}",
        lasted.text()
    );
}

#[test]
fn an_incident_from_an_alert_episode_is_filled_in_and_checked() {
    use kaizen::incidents::Incident;
    let episode = episodes(
        &firing(&[1_795_000_000, 1_795_000_300, 1_795_000_600]),
        900.0,
    )
    .remove(0);
    let made =
        Incident::from_episode(&episode, false, at("2026-12-07T10:00:00+00:00")).expect("made");
    assert_eq!(made.title, "Down");
    assert_eq!(made.alert.as_deref(), Some("Down{}"));
    assert_eq!(made.minutes_to_resolve(), Some(10));
    let mut wrong = made.clone();
    wrong.ended_at = Some(wrong.started_at - chrono::Duration::minutes(5));
    assert!(
        wrong
            .problem()
            .expect("refused")
            .contains("is before the start")
    );
    wrong.title = "  ".into();
    assert!(
        wrong
            .problem()
            .expect("refused")
            .starts_with("title: it cannot be empty")
    );
}

const REVIEW: &str = r#"
name = "Monthly"
cadence = "first monday of every month"
duration_minutes = 30

[[sections]]
title = "Incident Review"
minutes = 30
incidents = true
"#;

#[test]
fn a_monthly_meeting_reviews_the_real_alert_episodes_and_accepts_one() {
    let alerts = TwoAlerts::new();
    let (end, first) = (alerts.end, alerts.first);
    let Some(server) = alerts.server() else {
        return;
    };
    let cycle = kaizen::cycles::parse_template(
        "monthly",
        "test monthly.toml",
        REVIEW,
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
    app.now = harness::at_unix(end);
    let client = server.client();
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    app.set_metrics(Some(Box::new(move |request| {
        runtime.block_on(client.fetch(request))
    })));
    app.press("s y");
    let offered: Vec<String> = app
        .model
        .candidates()
        .iter()
        .map(|e| e.alertname.clone())
        .collect();
    // Ten minutes quiet is an alert that stopped and fired again: two episodes.
    assert_eq!(offered, ["HighErrorRate", "HighErrorRate", "DiskFilling"]);
    app.press("f a");
    let incident = app.store().incidents().expect("stored").remove(0);
    assert_eq!(incident.title, "HighErrorRate");
    // To the sample: the first stretch's own start and end.
    assert_eq!(incident.started_at.timestamp(), first.0);
    assert_eq!(incident.ended_at.map(|t| t.timestamp()), Some(first.1));
}

#[test]
fn an_alert_still_firing_makes_an_incident_without_an_end() {
    use kaizen::incidents::Incident;
    let episode = episodes(&firing(&[1_795_000_000, 1_795_000_300]), 900.0).remove(0);
    let made = Incident::from_episode(&episode, true, at("2026-12-07T10:00:00+00:00")).unwrap();
    assert_eq!(made.ended_at, None);
    assert_eq!(made.minutes_to_resolve(), None);
}
