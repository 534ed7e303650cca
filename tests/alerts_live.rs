//! The Incident Review against live alerts: a real Prometheus scrapes a target the test flips
//! every second and evaluates alert rules every second. An outage of seconds (twice) and a
//! burst of errors are offered with their starts and ends to the second; accepting the outage
//! makes an incident that began when the alert became active, was detected when it fired, and
//! counts as downtime, while the error burst does not; the episodes are counted one by one.

use crate::harness;
use crate::promserver;

use harness::{Harness, at_unix};
use promserver::PromServer;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// A target that says whether it is up and whether it is failing, as the test sets them.
struct Target {
    port: u16,
    down: Arc<AtomicBool>,
    failing: Arc<AtomicBool>,
}

impl Target {
    fn start() -> Target {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let port = listener.local_addr().expect("address").port();
        let down = Arc::new(AtomicBool::new(false));
        let failing = Arc::new(AtomicBool::new(false));
        let (is_down, is_failing) = (down.clone(), failing.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut request = [0u8; 1024];
                let _ = stream.read(&mut request);
                let body = format!(
                    "# TYPE kaizen_test_up gauge\nkaizen_test_up {}\n\
                     # TYPE kaizen_test_error_ratio gauge\nkaizen_test_error_ratio {}\n",
                    if is_down.load(Ordering::SeqCst) { 0 } else { 1 },
                    if is_failing.load(Ordering::SeqCst) {
                        0.2
                    } else {
                        0.001
                    },
                );
                let _ = write!(
                    stream,
                    "HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\n\
                     Content-Length: {}\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        Target {
            port,
            down,
            failing,
        }
    }
}

const RULES: &str = r#"
groups:
  - name: kaizen-test
    interval: 1s
    rules:
      - alert: InstanceDown
        expr: kaizen_test_up == 0
        for: 2s
        labels:
          severity: page
      - alert: HighErrorRate
        expr: kaizen_test_error_ratio > 0.1
        labels:
          severity: ticket
"#;

#[allow(clippy::disallowed_methods)] // the alerts happen in real time
fn unix_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs_f64()
}

#[allow(clippy::disallowed_methods)] // the alerts happen in real time
fn wait(seconds: f64) {
    std::thread::sleep(Duration::from_secs_f64(seconds));
}

/// Flips `flag` on for `seconds`; returns when it went on and off (unix seconds).
fn for_a_while(flag: &AtomicBool, seconds: f64) -> (f64, f64) {
    let on = unix_now();
    flag.store(true, Ordering::SeqCst);
    wait(seconds);
    flag.store(false, Ordering::SeqCst);
    (on, unix_now())
}

#[test]
fn live_alerts_are_offered_to_the_second_and_only_outages_count_as_downtime() {
    let target = Target::start();
    let config = format!(
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files: [rules.yml]\n\
         scrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: ['127.0.0.1:{}']\n",
        target.port
    );
    let history = format!("# TYPE kaizen_seed gauge\nkaizen_seed 1 {}\n# EOF\n", {
        unix_now() as i64 - 86_400
    });
    let Some(server) = PromServer::start_with(&history, &config, Some(RULES)) else {
        return;
    };
    wait(4.0);
    let first = for_a_while(&target.down, 6.0);
    wait(4.0);
    let second = for_a_while(&target.down, 6.0);
    wait(2.0);
    let burst = for_a_while(&target.failing, 4.0);
    // Past the last evaluation that still saw it.
    wait(3.0);

    let mut app = Harness::new("2026-11-30", 120, 40);
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let client = server.client();
    app.set_metrics(Some(Box::new(move |request| {
        runtime.block_on(client.fetch(request))
    })));
    app.now = at_unix(unix_now() as i64);
    app.send(kaizen::msg::Msg::StartMeeting("monthly".into()));
    app.press("g 3");

    let offered: Vec<_> = app.model.candidates().into_iter().cloned().collect();
    let names: Vec<&str> = offered.iter().map(|e| e.alertname.as_str()).collect();
    assert_eq!(
        names,
        ["InstanceDown", "InstanceDown", "HighErrorRate"],
        "{offered:#?}"
    );
    // Each to the second: the outage fired once its 2 s `for` had passed, and ended with it;
    // it became active (pending) as the target went down.
    let close = |at: f64, expected: f64, slack: f64| (at - expected).abs() <= slack;
    for (episode, (down, up)) in offered.iter().zip([first, second]) {
        assert!(episode.exact, "{episode:?}");
        let since = episode.active_since.expect("its pending start");
        assert!(close(since, down, 3.0), "{since} vs {down}: {episode:?}");
        assert!(
            close(episode.start, down + 2.0, 3.0),
            "{episode:?} vs {down}"
        );
        assert!(close(episode.end, up, 3.0), "{episode:?} vs {up}");
        assert!(episode.start - since >= 1.0, "{episode:?}");
        assert!(episode.outage());
    }
    let errors = &offered[2];
    assert!(close(errors.start, burst.0, 3.0), "{errors:?} vs {burst:?}");
    assert!(close(errors.end, burst.1, 3.0), "{errors:?} vs {burst:?}");
    assert!(!errors.outage());
    let screen = app.screen();
    assert!(
        screen.contains("Alerts that fired, not yet incidents: 3"),
        "{screen}"
    );

    // Accepted, the outage began when the alert became active and was detected when it
    // fired; the error burst is an incident but not downtime.
    app.press("f a esc");
    // The second outage is its own episode, still offered; then the errors.
    let left: Vec<_> = app.model.candidates().into_iter().cloned().collect();
    assert_eq!(left, offered[1..], "{}", app.screen());
    app.press("f tab j a esc");
    let incidents = app.store().incidents().expect("stored");
    let outage = incidents
        .iter()
        .find(|i| i.title == "InstanceDown")
        .expect("the outage");
    let episode = offered
        .iter()
        .find(|e| {
            e.alertname == "InstanceDown"
                && e.active_since == Some(outage.started_at.timestamp() as f64)
        })
        .unwrap_or_else(|| panic!("{outage:?} began as one of {offered:#?}"));
    assert_eq!(
        outage.detected_at.map(|t| t.timestamp()),
        Some(episode.start as i64)
    );
    assert!(outage.outage);
    let errors = incidents
        .iter()
        .find(|i| i.title == "HighErrorRate")
        .expect("the error burst");
    assert!(!errors.outage);
    let (totals, _) = app.model.incident_totals();
    assert_eq!(totals.count, 2);
    let outage_minutes = (outage.ended_at.expect("ended") - outage.started_at).num_minutes();
    assert_eq!(totals.down_minutes, outage_minutes);

    // The episodes are counted one by one: the outage fired twice.
    let counts = app.panels()[2][0].values.clone().expect("alert episodes");
    let count_of = |name: &str| {
        counts
            .series
            .iter()
            .find(|s| s.labels.get("alertname").map(String::as_str) == Some(name))
            .and_then(|s| s.last())
    };
    assert_eq!(count_of("InstanceDown"), Some(2.0), "{counts:?}");
    assert_eq!(count_of("HighErrorRate"), Some(1.0), "{counts:?}");
}
