//! Grafana dashboards in, from a real export (`tests/fixtures/grafana`, a Prometheus dashboard
//! from dotdc/grafana-dashboards-kubernetes, schemaVersion 38): `kaizen panels import` adds its
//! panels to a cycle's section, the template passes `cycles --check`, and the panels show the
//! values a real Prometheus holding those metrics gives. What cannot come over (a collapsed
//! row's panels do; a repeated panel, a library panel, another data source, a text panel do
//! not) is listed with the reason.

use crate::cli::kaizen;
use crate::harness;
use crate::promserver;

use harness::{Harness, at_unix};
use kaizen::cycles::{Origin, parse_template};
use kaizen::grafana::{Span, import};
use promserver::{PromServer, current_minute, openmetrics};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use tempfile::TempDir;

const DASHBOARD: &str = include_str!("fixtures/grafana/k8s-addons-prometheus.json");

#[test]
fn a_real_dashboard_becomes_a_template_that_checks_and_shows_real_values() {
    let home = TempDir::new().expect("home");
    let dashboard = home.path().join("prometheus.json");
    std::fs::write(&dashboard, DASHBOARD).expect("dashboard");
    let out = home.path().join("weekly.toml");
    let output = kaizen(&home)
        .args(["panels", "import"])
        .arg(&dashboard)
        .args(["--cycle", "weekly", "--section", "Metrics Review", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(
        output.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(said.contains("From \"Prometheus\":"), "{said}");
    assert!(said.contains("  + TSDB Head Series\n"), "{said}");
    // Two queries in one Grafana panel are two kaizen panels.
    assert!(
        said.contains("  + TSDB Head Series & Chunks by pod · A\n"),
        "{said}"
    );
    assert!(
        said.contains("unit ms shown in seconds: the query is multiplied by 0.001"),
        "{said}"
    );
    assert!(
        said.contains("$pod = .* (every value: give --var to choose one)"),
        "{said}"
    );

    kaizen(&home)
        .args(["cycles", "--check"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).expect("template");
    // The built-in template is kept as it was, comments and all, with the panels added.
    // Imported into the cycles folder, then once more: nothing is added twice.
    kaizen(&home)
        .args(["panels", "import"])
        .arg(&dashboard)
        .args(["--cycle", "weekly", "--section", "Metrics Review"])
        .assert()
        .success();
    let again = kaizen(&home)
        .args(["panels", "import"])
        .arg(&dashboard)
        .args(["--cycle", "weekly", "--section", "Metrics Review"])
        .output()
        .expect("runs");
    let refused = String::from_utf8_lossy(&again.stderr).to_string();
    assert!(!again.status.success());
    assert!(
        refused.contains("  - TSDB Head Series: already in Metrics Review\n"),
        "{refused}"
    );
    let folder = home.path().join("config/kaizen/cycles/weekly.toml");
    let kept = std::fs::read_to_string(folder).expect("the template in the cycles folder");
    assert_eq!(kept.matches("title = \"TSDB Head Series\"").count(), 1);
    let builtin = kaizen::cycles::BUILTIN_TEMPLATES[0].1;
    let first_comment = builtin
        .lines()
        .find(|l| l.starts_with('#'))
        .expect("a comment");
    assert!(text.contains(first_comment));
    let cycle = parse_template("weekly", "weekly.toml", &text, Origin::File(out.clone()))
        .expect("the template loads");
    let section = cycle
        .sections
        .iter()
        .position(|s| s.title == "Metrics Review")
        .expect("the section");
    let titles: Vec<&str> = cycle.sections[section]
        .panels
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    assert!(titles.contains(&"TSDB Head Series"), "{titles:?}");
    assert!(titles.contains(&"Discovered Targets"), "{titles:?}");

    // A Prometheus holding the dashboard's metrics, as a Prometheus in a pod exposes them.
    let end = current_minute();
    let times: Vec<i64> = (end - 2 * 86_400..=end).step_by(60).collect();
    let head = |t: i64| 5000.0 + ((t / 60) % 7) as f64;
    let targets = |_: i64| 12.0;
    let up = |_: i64| 1.0;
    let history = openmetrics(
        &[
            (
                "prometheus_tsdb_head_series",
                r#"pod="prometheus-0""#,
                &head,
            ),
            (
                "prometheus_sd_discovered_targets",
                r#"pod="prometheus-0",config="node""#,
                &targets,
            ),
            ("up", r#"pod="prometheus-0",job="prometheus""#, &up),
        ],
        &times,
    );
    let Some(server) = PromServer::start(&history) else {
        return;
    };
    let mut app = Harness::with_cycles("2026-11-30", 200, 60, HashMap::new(), vec![cycle]);
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let client = server.client();
    app.set_metrics(Some(Box::new(move |request| {
        runtime.block_on(client.fetch(request))
    })));
    app.now = at_unix(end);
    app.press("s y");
    while app.model.meeting().is_some_and(|m| m.current < section) {
        app.press("n");
    }
    let panels = &cycle_panels(&app, section);
    let value = |title: &str| {
        let (_, state) = panels
            .iter()
            .find(|(t, _)| t == title)
            .unwrap_or_else(|| panic!("{title} is a panel"));
        assert_eq!(state.error, None, "{title}");
        state.value()
    };
    assert_eq!(value("TSDB Head Series"), Some(head(end)));
    assert_eq!(value("Discovered Targets"), Some(12.0));
    let screen = app.screen();
    assert!(screen.contains("TSDB Head Series"), "{screen}");
}

/// Each panel of the section with its state, by title.
fn cycle_panels(
    app: &Harness,
    section: usize,
) -> Vec<(String, kaizen::model::panel_state::PanelState)> {
    let meeting = app.model.meeting().expect("a meeting");
    meeting.sections[section]
        .panels
        .iter()
        .zip(&app.panels()[section])
        .map(|(panel, state)| (panel.title.clone(), state.clone()))
        .collect()
}

/// The real dashboard with what Grafana writes for a collapsed row, a repeated panel, a
/// library panel, a Loki panel and a text panel.
fn with_everything_grafana_writes() -> String {
    let mut dashboard: Value = serde_json::from_str(DASHBOARD).expect("JSON");
    let panels = dashboard["panels"].as_array_mut().expect("panels");
    // Collapse the "Resources" row: its panels move inside it.
    let row = panels
        .iter()
        .position(|p| p["title"] == "Resources")
        .expect("the Resources row");
    let inside: Vec<Value> = panels.drain(row + 1..row + 3).collect();
    panels[row]["collapsed"] = json!(true);
    panels[row]["panels"] = json!(inside);
    let at = |panels: &[Value], title: &str| {
        panels
            .iter()
            .position(|p| p["title"] == title)
            .unwrap_or_else(|| panic!("{title}"))
    };
    let liveness = at(panels, "Liveness by pod");
    panels[liveness]["repeat"] = json!("pod");
    let down = at(panels, "Instance Down");
    panels[down] = json!({
        "gridPos": {"h": 4, "w": 6, "x": 0, "y": 1},
        "id": 90,
        "libraryPanel": {"uid": "ddkbyftwuqfpcf", "name": "Instance Down"},
        "title": "Instance Down"
    });
    panels.push(json!({
        "type": "timeseries",
        "title": "Error logs",
        "datasource": {"type": "loki", "uid": "loki"},
        "targets": [{"expr": "count_over_time({app=\"api\"} |= \"error\" [5m])", "refId": "A"}]
    }));
    panels.push(json!({"type": "text", "title": "Read me\u{1b}[2J", "options": {"content": "hi"}}));
    dashboard.to_string()
}

#[test]
fn what_cannot_come_over_is_listed_with_the_reason() {
    let outcome = import(
        &with_everything_grafana_writes(),
        &BTreeMap::new(),
        &Span::for_cycle("weekly"),
    )
    .expect("reads");
    let reason = |title: &str| {
        outcome
            .skipped
            .iter()
            .find(|s| s.title == title)
            .map(|s| s.reason.clone())
            .unwrap_or_else(|| panic!("{title} is skipped: {:#?}", outcome.skipped))
    };
    assert!(reason("Liveness by pod").starts_with("repeated for each value of $pod"));
    assert!(reason("Instance Down").starts_with("a library panel"));
    assert_eq!(
        reason("Error logs"),
        "its data source is loki, not Prometheus"
    );
    // A title from outside never carries an escape sequence to the terminal.
    assert!(reason("Read me␛[2J").starts_with("type \"text\" has no kaizen counterpart"));
    let titles: Vec<&str> = outcome.imported.iter().map(|p| p.title.as_str()).collect();
    // The collapsed row's panels still come over; the rows themselves are not panels.
    assert!(
        titles.contains(&"CPU Usage by pod, container"),
        "{titles:?}"
    );
    assert!(titles.contains(&"Memory Usage by container"), "{titles:?}");
    assert!(
        !titles
            .iter()
            .any(|t| *t == "Resources" || *t == "Information")
    );
    assert_eq!(outcome.skipped.len(), 4, "{:#?}", outcome.skipped);
}

#[test]
fn variables_units_and_thresholds_come_over_as_kaizen_says_them() {
    let dashboard = json!({
        "title": "API",
        "templating": {"list": [
            {"name": "job", "type": "query", "current": {"value": "api"}},
            {"name": "instance", "type": "query", "current": {"value": ["$__all"]}},
            {"name": "ds", "type": "datasource", "current": {"value": "prom"}}
        ]},
        "panels": [
            {"type": "stat", "title": "p95", "datasource": "${ds}",
             "fieldConfig": {"defaults": {"unit": "ms", "thresholds": {"mode": "absolute", "steps": [
                {"color": "green", "value": null}, {"color": "orange", "value": 250},
                {"color": "red", "value": 500}]}}},
             "targets": [{"expr": "histogram_quantile(0.95, sum by (le) (rate(http_duration_ms_bucket{job=\"$job\", instance=~\"${instance:regex}\"}[$__rate_interval])))", "refId": "A"}]},
            {"type": "gauge", "title": "Uptime",
             "fieldConfig": {"defaults": {"unit": "percentunit", "thresholds": {"steps": [
                {"color": "red", "value": null}, {"color": "yellow", "value": 0.99},
                {"color": "green", "value": 0.999}]}}},
             "targets": [{"expr": "avg(up{job=\"[[job]]\"})", "refId": "A"}]},
            {"type": "timeseries", "title": "Per region",
             "targets": [{"expr": "sum by (region) (rate(x_total{region=\"$region\"}[5m]))", "refId": "A"}]}
        ]
    });
    let given = BTreeMap::from([("job".to_string(), "checkout".to_string())]);
    let outcome =
        import(&dashboard.to_string(), &given, &Span::for_cycle("monthly")).expect("reads");
    let toml = |title: &str| {
        outcome
            .imported
            .iter()
            .find(|p| p.title == title)
            .map(|p| p.toml.clone())
            .unwrap_or_else(|| panic!("{title}: {:#?}", outcome))
    };
    let p95 = toml("p95");
    assert!(
        p95.contains(r#"job="checkout", instance=~".*"}[$__rate_interval])))) / 1000'"#),
        "{p95}"
    );
    assert!(p95.contains(r#"unit = "seconds""#), "{p95}");
    assert!(
        p95.contains(r#"goal = { better = "lower", amber = 0.25, red = 0.5 }"#),
        "{p95}"
    );
    assert!(p95.contains(r#"window = "31d""#), "{p95}");
    let uptime = toml("Uptime");
    assert!(
        uptime.contains(r#"query = 'avg(up{job="checkout"})'"#),
        "{uptime}"
    );
    assert!(
        uptime.contains(r#"goal = { better = "higher", amber = 0.999, red = 0.99 }"#),
        "{uptime}"
    );
    assert_eq!(
        outcome.skipped[0].reason,
        "its query uses $region, which the dashboard does not define: give --var region=VALUE"
    );
    // What each imported panel is, as a template: every one loads.
    let mut template = String::from(
        "name = \"API\"\ncadence = \"every monday\"\nduration_minutes = 10\n\n[[sections]]\ntitle = \"Metrics\"\nminutes = 10\n",
    );
    for panel in &outcome.imported {
        template.push('\n');
        template.push_str(&panel.toml);
    }
    parse_template("api", "api.toml", &template, Origin::BuiltIn).expect("the panels load");
}
