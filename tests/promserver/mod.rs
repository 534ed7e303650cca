//! A real Prometheus for tests: Debian's `prometheus` started on a free loopback port with a
//! temporary data directory, its history backfilled with `promtool` from OpenMetrics text.
//! When CI is set and Prometheus cannot start, the test fails instead of skipping.
#![allow(clippy::disallowed_methods, dead_code)] // waiting for a real server needs a clock

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub struct PromServer {
    pub url: String,
    child: Child,
    _dir: TempDir,
}

impl PromServer {
    /// Starts a server holding `openmetrics` (which must end with `# EOF`), or returns `None`
    /// (outside CI only) when Prometheus is not installed.
    pub fn start(openmetrics: &str) -> Option<PromServer> {
        PromServer::start_with(openmetrics, "global:\n  scrape_interval: 1h\n", None)
    }

    /// Starts a server holding `openmetrics` with its own configuration (`config`, YAML; a
    /// `rule_files` entry of `rules.yml` loads `rules`, written beside it).
    pub fn start_with(openmetrics: &str, config: &str, rules: Option<&str>) -> Option<PromServer> {
        if Command::new("prometheus")
            .arg("--version")
            .output()
            .is_err()
        {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but prometheus is not installed: scripts/test installs it"
            );
            eprintln!("skipping: prometheus is not installed (scripts/test installs it)");
            return None;
        }
        let dir = TempDir::new().expect("temp dir");
        let data = dir.path().join("data");
        let input = dir.path().join("history.om");
        std::fs::write(&input, openmetrics).expect("write OpenMetrics");
        backfill(&input, &data);
        if let Some(rules) = rules {
            std::fs::write(dir.path().join("rules.yml"), rules).expect("rules");
        }
        let config_text = config;
        let config = dir.path().join("prometheus.yml");
        std::fs::write(&config, config_text).expect("config");
        let port = free_port();
        let child = Command::new("prometheus")
            .arg(format!("--config.file={}", config.display()))
            .arg(format!("--storage.tsdb.path={}", data.display()))
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .arg("--storage.tsdb.retention.time=400d")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("prometheus starts");
        let server = PromServer {
            url: format!("http://127.0.0.1:{port}"),
            child,
            _dir: dir,
        };
        server.wait_ready();
        Some(server)
    }

    /// A client of this server as kaizen makes one: no auth, a generous timeout.
    pub fn client(&self) -> kaizen::metrics::client::PrometheusClient {
        use kaizen::metrics::client::{Auth, Connection, PrometheusClient};
        PrometheusClient::new(&Connection {
            url: self.url.clone(),
            auth: Auth::None,
            headers: Vec::new(),
            ca_file: None,
            timeout: Duration::from_secs(20),
            credentials: None,
        })
        .expect("client")
    }

    fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        let address = self.url.trim_start_matches("http://").to_string();
        loop {
            if let Ok(mut stream) = std::net::TcpStream::connect(&address) {
                use std::io::{Read, Write};
                let request = format!("GET /-/ready HTTP/1.0\r\nHost: {address}\r\n\r\n");
                let mut answer = String::new();
                if stream.write_all(request.as_bytes()).is_ok()
                    && stream.read_to_string(&mut answer).is_ok()
                    && answer.starts_with("HTTP/1.0 200")
                {
                    return;
                }
            }
            assert!(Instant::now() < deadline, "prometheus did not become ready");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for PromServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn backfill(input: &std::path::Path, data: &std::path::Path) {
    let help = Command::new("promtool")
        .args(["tsdb", "create-blocks-from", "openmetrics", "--help-long"])
        .output()
        .expect("promtool runs");
    let mut command = Command::new("promtool");
    command.args(["tsdb", "create-blocks-from", "openmetrics", "--quiet"]);
    // Newer promtools take the block length; 24h blocks keep a month of history quick to load.
    if String::from_utf8_lossy(&help.stdout).contains("max-block-duration") {
        command.arg("--max-block-duration=24h");
    }
    let output = command
        .arg(input)
        .arg(data)
        .output()
        .expect("promtool runs");
    assert!(
        output.status.success(),
        "promtool failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// A gauge series: metric name, labels as written inside braces, value at a unix time.
pub type Gauge<'a> = (&'a str, &'a str, &'a dyn Fn(i64) -> f64);

/// OpenMetrics text for gauges, sampled at `times` (unix seconds, ascending).
pub fn openmetrics(series: &[Gauge], times: &[i64]) -> String {
    let mut text = String::new();
    let mut declared = std::collections::HashSet::new();
    for (name, labels, value) in series {
        if declared.insert(*name) {
            text.push_str(&format!("# TYPE {name} gauge\n"));
        }
        for &t in times {
            text.push_str(&format!("{name}{{{labels}}} {} {t}\n", value(t)));
        }
    }
    text.push_str("# EOF\n");
    text
}

/// The current whole minute (unix seconds): history backfilled up to it is what queries
/// "now" find, within Prometheus's five-minute lookback.
pub fn current_minute() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64;
    now / 60 * 60
}
