//! `kaizen doctor`'s exit status, run as a user runs it against a real Prometheus started by
//! the test: 0 when every panel query runs (a warning when some find no data), 1 when
//! Prometheus is not configured, not reached, or a query fails.

use crate::promserver;

use assert_cmd::Command;
use promserver::{PromServer, openmetrics};
use std::process::Output;
use tempfile::TempDir;

/// A weekly review whose one panel finds the test's series.
const FOUND: &str = r#"
name = "Weekly"
cadence = "every monday"
duration_minutes = 10

[[sections]]
title = "Metrics"
minutes = 10

[[sections.panels]]
title = "Up"
query = 'kaizen_doctor_up{job="api"}'
window = "1d"
step = "1h"

[[sections.scans]]
title = "Lowest up"
query = 'min_over_time(kaizen_doctor_up[$step])'
step = "1h"
"#;

/// A home whose cycles folder holds `weekly.toml` (replacing the built-in weekly).
fn home_with(weekly: &str) -> TempDir {
    let home = TempDir::new().expect("home");
    let cycles = home.path().join("config/kaizen/cycles");
    std::fs::create_dir_all(&cycles).expect("cycles folder");
    std::fs::write(cycles.join("weekly.toml"), weekly).expect("template");
    home
}

fn doctor(home: &TempDir, url: Option<&str>) -> Output {
    let mut cmd = Command::cargo_bin("kaizen").expect("binary builds");
    cmd.arg("doctor")
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"));
    if let Some(url) = url {
        cmd.env("KAIZEN_PROMETHEUS_URL", url);
    }
    cmd.output().expect("kaizen doctor runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A server holding one series over the last hour, so queries "now" find it.
#[allow(clippy::disallowed_methods)] // the history must sit near the real present
fn server() -> Option<PromServer> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64;
    let end = now / 60 * 60;
    let times: Vec<i64> = (end - 3600..=end).step_by(60).collect();
    let up = |_| 1.0;
    PromServer::start(&openmetrics(
        &[("kaizen_doctor_up", "job=\"api\"", &up)],
        &times,
    ))
}

#[test]
fn panels_without_data_pass_with_a_warning_and_a_bad_query_fails() {
    let Some(server) = server() else { return };

    // The built-in monthly, quarterly and annual panels find nothing on this server.
    let home = home_with(FOUND);
    let output = doctor(&home, Some(&server.url));
    let out = stdout(&output);
    assert_eq!(
        output.status.code(),
        Some(0),
        "no data is not a failure:\n{out}"
    );
    assert!(
        out.contains("OK       weekly / Metrics / Up: 1 series"),
        "{out}"
    );
    let lines: Vec<&str> = out.lines().collect();
    let summary = lines[lines.len() - 2];
    let (total, empty) = counts(summary);
    assert!(empty > 0 && total > empty, "{out}");
    // The Incident Review's alerts are checked too (none fired is fine).
    let passed = 3;
    assert!(
        out.contains("OK       monthly / Incident Review / alerts that fired: none fired"),
        "{out}"
    );
    assert_eq!(
        summary,
        format!("{passed} of {total} queries OK, {empty} with no data, 0 failed")
    );
    assert_eq!(
        lines[lines.len() - 1],
        format!(
            "warning: {empty} of {total} queries have no data; edit them to your metric names \
             (each says which file)"
        )
    );
    // A panel without data says its query, the metrics the server lacks with the names it
    // has closest, and which file to edit.
    let uptime = out
        .find("NO DATA  monthly / Incident Review / Uptime: the query matched no series\n")
        .map(|at| &out[at..])
        .unwrap_or_else(|| panic!("{out}"));
    let mut said = uptime.lines().skip(1);
    assert_eq!(
        said.next(),
        Some("         query: avg(avg_over_time(up[30d]))")
    );
    assert_eq!(said.next(), Some("         not on the server: up"));
    let edit = said.next().expect("the file to edit");
    assert!(
        edit.starts_with("         edit: ")
            && edit.contains("config/kaizen/cycles/monthly.toml (built in: start it with kaizen cycles --show monthly > "),
        "{edit}"
    );
    // Scans are checked as well as panels, their ranges filled in.
    assert!(
        out.contains("OK       weekly / Metrics / Lowest up (scan): 1 series"),
        "{out}"
    );

    // A misspelt metric is named with the one the server has.
    let misspelt = FOUND.replace("kaizen_doctor_up{", "kaizen_docter_up{");
    let out = stdout(&doctor(&home_with(&misspelt), Some(&server.url)));
    assert!(
        out.contains(
            "         not on the server: kaizen_docter_up (closest it has: kaizen_doctor_up)"
        ),
        "{out}"
    );

    // A panel whose query is not PromQL fails the check, showing the query.
    let broken = FOUND.replace(
        "query = 'kaizen_doctor_up{job=\"api\"}'",
        "query = \"sum by (\"",
    );
    let home = home_with(&broken);
    let output = doctor(&home, Some(&server.url));
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(
        out.contains(
            "FAILED   weekly / Metrics / Up: bad_data: invalid parameter \"query\": 1:9: parse error"
        ),
        "{out}"
    );
    assert!(out.contains(", 1 failed\n"), "{out}");
    assert!(out.contains("\n         query: sum by (\n"), "{out}");
    assert!(
        out.lines()
            .last()
            .is_some_and(|line| line.starts_with(&format!("error: 1 of {total} queries failed"))),
        "{out}"
    );
}

/// The panel count and the no-data count of "N of TOTAL panels OK, EMPTY with no data, ...".
fn counts(summary: &str) -> (usize, usize) {
    let words: Vec<&str> = summary.split_whitespace().collect();
    let number = |at: usize| words[at].trim_end_matches(',').parse().expect(summary);
    (number(2), number(5))
}

#[test]
fn an_unreachable_server_fails() {
    // A port nobody listens on: bind it, note it, let it go.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let home = home_with(FOUND);
    let output = doctor(&home, Some(&format!("http://127.0.0.1:{port}")));
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("  FAILED: "), "{out}");
    assert!(!out.contains("panels OK"), "no query was tried:\n{out}");
}

#[test]
fn no_server_configured_fails() {
    let home = home_with(FOUND);
    let output = doctor(&home, None);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("Prometheus: not configured."), "{out}");
}

#[test]
fn the_log_is_a_file_that_says_what_happened_and_never_a_secret() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let home = home_with(FOUND);
    let mut cmd = Command::cargo_bin("kaizen").expect("binary builds");
    let output = cmd
        .arg("doctor")
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env(
            "KAIZEN_PROMETHEUS_URL",
            format!("http://ops:pa55word@127.0.0.1:{port}"),
        )
        .output()
        .expect("kaizen doctor runs");
    let out = stdout(&output);
    // doctor says where the log is; it is never on the screen itself.
    let line = out
        .lines()
        .find_map(|line| line.strip_prefix("Log: "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.starts_with(&format!(
            "{}/kaizen/kaizen.log.",
            home.path().join("state").display()
        )),
        "{line}"
    );
    let log = std::fs::read_to_string(line).unwrap_or_else(|err| panic!("{line}: {err}"));
    assert!(log.contains("kaizen starts"), "{log}");
    assert!(log.contains("http://ops:***@127.0.0.1"), "{log}");
    assert!(log.contains("not reached"), "{log}");
    assert!(!log.contains("pa55word"), "{log}");
    assert!(!out.contains("pa55word"), "{out}");
    assert!(
        !out.contains("kaizen starts"),
        "the log stays off the screen:\n{out}"
    );
}
