//! Incidents from the alerts that fired: `ALERTS` episodes read from a real Prometheus
//! (an interrupted alert that resumed within the merge gap is one episode; another day's is
//! another).

mod promserver;

use kaizen::incidents::episodes::episodes;
use kaizen::metrics::client::{Auth, Connection, PrometheusClient};
use kaizen::metrics::{QueryData, QueryKind, QueryRequest, Series};
use promserver::PromServer;
use std::collections::BTreeMap;
use std::time::Duration;

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

#[test]
fn alert_episodes_from_a_real_prometheus_merge_short_interruptions() {
    let end = 1_796_000_000 / 300 * 300;
    let day0 = end / DAY * DAY;
    // High error rate: 10:00-10:40, quiet ten minutes, again 10:50-11:30 (one episode).
    let first = (
        day0 - 10 * DAY + 10 * 3600,
        day0 - 10 * DAY + 10 * 3600 + 40 * MINUTE,
    );
    let resumed = (first.1 + 10 * MINUTE, first.1 + 50 * MINUTE);
    // Disk filling: another day, 14:00-14:30 (a separate one).
    let disk = (
        day0 - 3 * DAY + 14 * 3600,
        day0 - 3 * DAY + 14 * 3600 + 30 * MINUTE,
    );
    let text = alerts(&[
        ("HighErrorRate", "page", first.0, first.1),
        ("HighErrorRate", "page", resumed.0, resumed.1),
        ("DiskFilling", "ticket", disk.0, disk.1),
    ]);
    let Some(server) = PromServer::start(&text) else {
        return;
    };
    let client = PrometheusClient::new(&Connection {
        url: server.url.clone(),
        auth: Auth::None,
        headers: Vec::new(),
        ca_file: None,
        timeout: Duration::from_secs(20),
    })
    .expect("client");
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
