//! Panels against a real Prometheus started by the test, with a month of known history:
//! stat, chart and table panels show the expected values, the comparison with last week is
//! right, and a bad query shows Prometheus's own error text.

use crate::harness;
use crate::promserver;

use harness::{Harness, at_unix};
use kaizen::cycles::{Origin, parse_template};
use kaizen::metrics::client::{Auth, Connection, PrometheusClient};
use kaizen::metrics::{FetchError, QueryKind, QueryRequest};
use promserver::{PromServer, openmetrics};
use std::collections::HashMap;
use std::time::Duration;

const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;

const TEMPLATE: &str = r#"
name = "Weekly"
cadence = "every monday"
duration_minutes = 10

[[sections]]
title = "Metrics"
minutes = 10

[[sections.panels]]
title = "p95"
query = 'kaizen_test_latency_seconds{job="api"}'
unit = "seconds"
window = "1d"
step = "1h"
goal = { better = "lower", amber = 0.09, red = 0.2 }

[[sections.panels]]
title = "Requests"
query = "kaizen_test_requests"
kind = "chart"
unit = "requests_per_second"
window = "1d"
step = "1h"
legend = "{{job}}"

[[sections.panels]]
title = "Requests now"
query = "kaizen_test_requests"
kind = "table"
unit = "requests_per_second"
legend = "{{job}}"

[[sections.panels]]
title = "Broken"
query = "sum by ("
"#;

/// A month of history ending at `end`: latency 81 ms until a week ago, 93 ms since.
fn server(end: i64) -> Option<PromServer> {
    let latency = move |t: i64| if t > end - WEEK { 0.093 } else { 0.081 };
    let api = |_| 120.0;
    let web = |_| 45.0;
    let text = openmetrics(
        &[
            ("kaizen_test_latency_seconds", "job=\"api\"", &latency),
            ("kaizen_test_requests", "job=\"api\"", &api),
            ("kaizen_test_requests", "job=\"web\"", &web),
        ],
        &sample_times(end),
    );
    PromServer::start(&text)
}

/// Every two minutes on the clock's even minutes for a month (so each whole hour that charts
/// ask about has a sample, and any minute is within Prometheus's five-minute lookback of
/// one), then every minute for the last hour.
fn sample_times(end: i64) -> Vec<i64> {
    let recent = end - 3600;
    let mut times: Vec<i64> = ((end - 30 * DAY) / 120 * 120..recent)
        .step_by(120)
        .collect();
    times.extend((recent..=end).step_by(60));
    times
}

fn client(url: &str) -> PrometheusClient {
    PrometheusClient::new(&Connection {
        url: url.into(),
        auth: Auth::None,
        headers: vec![("X-Scope-OrgID".into(), "kaizen-tests".into())],
        ca_file: None,
        timeout: Duration::from_secs(10),
        credentials: None,
    })
    .expect("client")
}

/// The end of the history: the current whole minute, so that queries "now" (kaizen doctor)
/// find samples within Prometheus's five-minute lookback.
#[allow(clippy::disallowed_methods)] // the history must sit near the real present
fn history_end() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64;
    now / 60 * 60
}

fn meeting_app(url: &str) -> Harness {
    let cycle = parse_template("weekly", "test weekly.toml", TEMPLATE, Origin::BuiltIn)
        .expect("test template");
    let mut app = Harness::with_cycles("2026-11-28", 120, 40, HashMap::new(), vec![cycle]);
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let client = client(url);
    app.set_metrics(Some(Box::new(move |request| {
        runtime.block_on(client.fetch(request))
    })));
    app
}

#[test]
fn panels_show_real_values_and_compare_with_last_week() {
    let end = history_end();
    let Some(server) = server(end) else { return };
    let mut app = meeting_app(&server.url);

    // Last week's meeting.
    app.now = at_unix(end - WEEK);
    app.press("s y");
    let states = &app.panels()[0];
    assert_eq!(states[0].value(), Some(0.081), "{:?}", states[0].error);
    app.press("e y enter");
    let first = app.store().unfinished_meeting().unwrap();
    assert!(first.is_none());
    let stored = app.store().previous_values().unwrap();
    assert_eq!(
        stored["weekly"].values[&("Metrics".to_string(), "p95".to_string(), String::new())],
        0.081,
        "what the panel showed is saved with the meeting"
    );

    // This week's meeting.
    app.now = at_unix(end);
    app.press("s y");
    let states = app.panels()[0].clone();
    assert_eq!(states[0].value(), Some(0.093));
    let screen = app.screen();
    assert!(screen.contains("93.0 ms"), "{screen}");
    assert!(screen.contains("+12.0 ms vs last week"), "{screen}");

    let chart = states[1].data.as_ref().expect("chart data");
    let mut names: Vec<String> = chart
        .series
        .iter()
        .map(|s| s.labels["job"].clone())
        .collect();
    names.sort();
    assert_eq!(names, ["api", "web"]);
    assert!(
        chart.series.iter().all(|s| s.points.len() >= 20),
        "a day of hourly points: {:?}",
        chart
            .series
            .iter()
            .map(|s| s.points.len())
            .collect::<Vec<_>>()
    );
    assert!(
        screen.contains("api") && screen.contains("web"),
        "legend: {screen}"
    );

    let table = states[2].data.as_ref().expect("table data");
    let mut latest: Vec<(String, f64)> = table
        .series
        .iter()
        .map(|s| (s.labels["job"].clone(), s.last().unwrap()))
        .collect();
    latest.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        latest,
        [("api".to_string(), 120.0), ("web".to_string(), 45.0)]
    );
    assert!(
        screen.contains("120 req/s") && screen.contains("45 req/s"),
        "{screen}"
    );

    let Some(FetchError::Prometheus { kind, message }) = &states[3].error else {
        panic!("the broken query shows Prometheus's error: {:?}", states[3]);
    };
    assert_eq!(kind, "bad_data");
    assert!(message.contains("parse error"), "{message}");
    assert!(screen.contains("bad_data: 1:9: parse error"), "{screen}");
}

#[test]
fn the_client_reads_ranges_instants_and_errors_from_the_server() {
    let end = history_end();
    let Some(server) = server(end) else { return };
    let client = client(&server.url);
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let range = QueryRequest {
        query: "kaizen_test_latency_seconds".into(),
        kind: QueryKind::Range {
            start: (end - 2 * WEEK) as f64,
            end: end as f64,
            step: DAY as f64,
        },
    };
    let data = runtime.block_on(client.fetch(&range)).expect("range");
    let values: Vec<f64> = data.series[0].points.iter().map(|p| p.1).collect();
    assert_eq!(values.len(), 15);
    assert_eq!(values.first(), Some(&0.081));
    assert_eq!(values.last(), Some(&0.093));

    let too_fine = QueryRequest {
        kind: QueryKind::Range {
            start: (end - 30 * DAY) as f64,
            end: end as f64,
            step: 1.0,
        },
        ..range
    };
    let err = runtime.block_on(client.fetch(&too_fine)).unwrap_err();
    assert!(err.to_string().contains("11,000 points"), "{err}");

    let version = runtime.block_on(client.version()).expect("buildinfo");
    assert!(
        version.starts_with('2') || version.starts_with('3'),
        "{version}"
    );
}

#[test]
fn a_server_that_never_answers_times_out_without_blocking_anything_else() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    // Accept connections and never say a word.
    let held = std::thread::spawn(move || {
        let mut open = Vec::new();
        for stream in listener.incoming().take(2) {
            open.push(stream);
            std::thread::sleep(Duration::from_secs(3));
        }
    });
    let client = PrometheusClient::new(&Connection {
        url,
        auth: Auth::Bearer("secret-token".into()),
        headers: Vec::new(),
        ca_file: None,
        timeout: Duration::from_secs(1),
        credentials: None,
    })
    .expect("client");
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let request = QueryRequest {
        query: "up".into(),
        kind: QueryKind::Instant { time: 0.0 },
    };
    let result = runtime.block_on(client.fetch(&request));
    assert_eq!(result, Err(FetchError::Timeout { seconds: 1 }));
    drop(held);
}

#[test]
fn an_https_url_for_a_plain_http_server_says_to_use_http() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listener");
    let port = listener.local_addr().expect("port").port();
    // A plain HTTP server answers a TLS hello the way Go's (and so Prometheus's) does.
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        if let Ok((mut stream, _)) = listener.accept() {
            let mut hello = [0u8; 512];
            let _ = stream.read(&mut hello);
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
        }
    });
    let client = client(&format!("https://127.0.0.1:{port}"));
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let request = QueryRequest {
        query: "up".into(),
        kind: QueryKind::Instant { time: 0.0 },
    };
    let err = runtime.block_on(client.fetch(&request)).unwrap_err();
    assert!(
        err.to_string().contains("plain HTTP, not TLS: use http://"),
        "{err}"
    );
}

#[test]
fn an_unreachable_server_says_so() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port");
    let client = client(&format!("http://127.0.0.1:{port}"));
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let request = QueryRequest {
        query: "up".into(),
        kind: QueryKind::Instant { time: 0.0 },
    };
    let err = runtime.block_on(client.fetch(&request)).unwrap_err();
    assert!(matches!(err, FetchError::Unreachable(_)), "{err:?}");
    assert!(err.to_string().to_lowercase().contains("refused"), "{err}");
}

#[test]
fn doctor_runs_every_panel_query_and_reports_each() {
    let end = history_end();
    let Some(server) = server(end) else { return };
    let home = tempfile::TempDir::new().expect("home");
    let cycles = home.path().join("config/kaizen/cycles");
    std::fs::create_dir_all(&cycles).expect("cycles dir");
    std::fs::write(cycles.join("weekly.toml"), TEMPLATE).expect("template");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kaizen"))
        .arg("doctor")
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("KAIZEN_PROMETHEUS_URL", &server.url)
        .env("KAIZEN_PROMETHEUS_TOKEN", "do-not-print-me")
        .output()
        .expect("kaizen doctor runs");
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        !output.status.success(),
        "a failing panel fails the check:\n{out}"
    );
    assert!(
        out.contains(&format!("Prometheus: {} (bearer token)", server.url)),
        "{out}"
    );
    assert!(out.contains("reachable, version"), "{out}");
    assert!(
        out.contains("OK       weekly / Metrics / p95: 1 series"),
        "{out}"
    );
    assert!(
        out.contains("OK       weekly / Metrics / Requests: 2 series"),
        "{out}"
    );
    assert!(
        out.contains("FAILED   weekly / Metrics / Broken: bad_data: invalid parameter \"query\": 1:9: parse error"),
        "{out}"
    );
    assert!(out.contains("NO DATA  monthly / Cost Analysis"), "{out}");
    assert!(
        !out.contains("do-not-print-me"),
        "the token is never printed:\n{out}"
    );
}

#[test]
fn a_huge_answer_is_refused_not_held_in_memory() {
    use std::io::Write;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        if let Some(Ok(mut stream)) = listener.incoming().next() {
            use std::io::Read;
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request); // the GET, before answering it
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
            );
            let chunk = vec![b' '; 1024 * 1024];
            for _ in 0..20 {
                if stream.write_all(&chunk).is_err() {
                    break; // the client hung up once it had seen enough
                }
            }
        }
    });
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let request = QueryRequest {
        query: "up".into(),
        kind: QueryKind::Instant { time: 0.0 },
    };
    let err = runtime.block_on(client(&url).fetch(&request)).unwrap_err();
    assert_eq!(err, FetchError::TooLarge { limit_mib: 16 });
    assert!(
        err.to_string()
            .contains("narrow the query or raise its step")
    );
}

/// A server that takes connections and answers none, saying how many it held at once.
#[allow(clippy::disallowed_methods)] // the server keeps its own time
fn silent_server(hold: Duration) -> (String, std::thread::JoinHandle<usize>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    listener.set_nonblocking(true).expect("non-blocking");
    let held = std::thread::spawn(move || {
        let mut open = Vec::new();
        let until = std::time::Instant::now() + hold;
        while std::time::Instant::now() < until {
            if let Ok((stream, _)) = listener.accept() {
                open.push(stream);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        open.len()
    });
    (url, held)
}

#[test]
fn a_scan_asks_all_its_queries_at_once_so_a_hanging_server_costs_one_timeout() {
    use kaizen::analysis::job::{Pass, Target};
    let (url, held) = silent_server(Duration::from_millis(1500));
    let client = PrometheusClient::new(&Connection {
        url,
        auth: Auth::None,
        headers: Vec::new(),
        ca_file: None,
        timeout: Duration::from_secs(3),
        credentials: None,
    })
    .expect("client");
    let cycles = kaizen::cycles::load_cycles(None).expect("templates");
    let panel = cycles[0]
        .sections
        .iter()
        .find_map(|s| s.scan.first())
        .expect("a section that scans")
        .clone();
    let targets: Vec<Target> = (0..4)
        .map(|n| Target {
            panel: panel.clone(),
            request: QueryRequest {
                query: format!("up + {n}"),
                kind: QueryKind::Instant { time: 0.0 },
            },
            pass: Pass::Weeks,
        })
        .collect();
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let (inbox, mut replies) = tokio::sync::mpsc::unbounded_channel();
    let store = crate::harness::test_store();
    let mut executor = kaizen::executor::Executor::new(
        store,
        cycles,
        kaizen::metrics::source::Source::Prometheus(client),
        inbox,
    );
    let scanned = runtime.block_on(async {
        let effect = kaizen::effect::Effect::Scan {
            section: 1,
            generation: 1,
            targets,
            settings: kaizen::analysis::Settings::default(),
        };
        assert!(
            executor
                .perform(effect, harness::at(harness::date("2026-11-28"), 9))
                .is_none()
        );
        replies.recv().await
    });
    assert_eq!(
        held.join().expect("server"),
        4,
        "all four queries were asked at once"
    );
    match scanned {
        Some(kaizen::msg::Msg::Scanned { outcome, .. }) => {
            // The server hung up on them all: the panel says why it has nothing.
            assert!(!outcome.failed.is_empty(), "{:?}", outcome.failed);
        }
        other => panic!("the section hears back: {other:?}"),
    }
}
