//! `kaizen doctor`: checks the config, reaches Prometheus and runs every panel query of every
//! cycle once, printing OK with the series count or the exact error for each. It fails when
//! Prometheus is not configured or not reached, or a query fails; panels that only find no
//! data pass with a warning (an alert panel is empty on a quiet month).

use crate::cycles::Cycle;
use crate::metrics::QueryRequest;
use crate::metrics::client::{Auth, Connection, PrometheusClient};
use crate::model::panel_state::value_request;
use crate::text::clean;
use chrono::{DateTime, FixedOffset};
use std::fmt::Write;
use std::path::Path;

/// One query doctor runs: a panel's value, a scan's series, or the alerts an Incident Review
/// reads.
struct Check {
    section: String,
    title: String,
    request: QueryRequest,
    /// No series is a fine answer (no alert fired).
    may_be_empty: bool,
}

/// Everything a cycle asks Prometheus, as of `now`.
fn checks(cycle: &Cycle, now: DateTime<FixedOffset>) -> Vec<Check> {
    let mut checks = Vec::new();
    for section in &cycle.sections {
        let check = |title: String, request: QueryRequest, may_be_empty: bool| Check {
            section: section.title.clone(),
            title,
            request,
            may_be_empty,
        };
        // SQL panels are checked against their databases (`sql_report`).
        for panel in section.panels.iter().filter(|p| p.source.is_none()) {
            checks.push(check(panel.title.clone(), value_request(panel, now), false));
        }
        // A section that scans its own panels has them checked above already.
        let scans = section.scan.iter().filter(|s| s.source.is_none());
        for scan in scans.filter(|s| !section.panels.contains(s)) {
            let request = QueryRequest {
                query: crate::metrics::query::expand(
                    &scan.query,
                    scan.step.as_secs_f64(),
                    scan.window.as_secs_f64(),
                ),
                kind: crate::metrics::QueryKind::Instant {
                    time: now.timestamp() as f64,
                },
            };
            checks.push(check(format!("{} (scan)", scan.title), request, false));
        }
        if section.incidents {
            let end = now.timestamp() as f64;
            let period = crate::model::incident_review::PERIOD_SECS;
            let request = crate::incidents::episodes::coarse_request((end - period, end));
            checks.push(check("alerts that fired".into(), request, true));
        }
    }
    checks
}

/// Where to change a cycle's queries: its file, or where a copy of the built-in one goes.
fn template_file(cycle: &Cycle, cycles_dir: &Path) -> String {
    match &cycle.origin {
        crate::cycles::Origin::File(path) => path.display().to_string(),
        crate::cycles::Origin::BuiltIn => {
            let path = cycles_dir.join(format!("{}.toml", cycle.key));
            format!(
                "{} (built in: start it with kaizen cycles --show {} > {})",
                path.display(),
                cycle.key,
                path.display()
            )
        }
    }
}

/// The lines that name the metrics a query reads that the server does not have, with the
/// names it has closest to each.
fn missing_metrics(query: &str, known: &[String]) -> Vec<String> {
    if known.is_empty() {
        return Vec::new();
    }
    let Ok(names) = crate::metrics::names::metric_names(query) else {
        return Vec::new();
    };
    names
        .into_iter()
        .filter(|name| !known.contains(name))
        .map(|name| {
            let near = crate::metrics::names::closest(&name, known, 3);
            match near.as_slice() {
                [] => format!("         not on the server: {name}"),
                near => format!(
                    "         not on the server: {name} (closest it has: {})",
                    near.join(", ")
                ),
            }
        })
        .collect()
}

/// The runtime doctor's queries run on, or the line that says why there is none.
fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("  FAILED: cannot start the async runtime: {err}\n"))
}

/// Each SQL panel's query run on its database: the lines to print, and whether every query
/// ran (no rows passes with a warning, as a Prometheus query with no data does).
pub fn sql_report(
    sources: &crate::sql::Sources,
    cycles: &[Cycle],
    cycles_dir: &Path,
    now: DateTime<FixedOffset>,
) -> (String, bool) {
    let mut out = String::new();
    for connection in sources.values() {
        let _ = writeln!(
            out,
            "SQL source {}: {}",
            connection.name(),
            clean(&connection.shown())
        );
    }
    let panels: Vec<(&Cycle, &str, &crate::cycles::panel::Panel)> = cycles
        .iter()
        .flat_map(|cycle| {
            cycle.sections.iter().flat_map(move |section| {
                let scanned = section.scan.iter().filter(|s| !section.panels.contains(s));
                section
                    .panels
                    .iter()
                    .chain(scanned)
                    .map(move |panel| (cycle, section.title.as_str(), panel))
            })
        })
        .filter(|(_, _, panel)| panel.source.is_some())
        .collect();
    if panels.is_empty() {
        return (out, true);
    }
    let runtime = match runtime() {
        Ok(runtime) => runtime,
        Err(line) => {
            out.push_str(&line);
            return (out, false);
        }
    };
    let (mut passed, mut empty) = (0, 0);
    for (cycle, section, panel) in &panels {
        let name = format!("{} / {section} / {}", cycle.key, panel.title);
        let source = panel.source.as_deref().unwrap_or_default();
        let request = value_request(panel, now);
        let result = match sources.get(source) {
            Some(connection) => runtime
                .block_on(connection.run(&request.query))
                .map(|table| table.answer(&request)),
            None => Err(crate::metrics::FetchError::NoSource {
                name: source.to_string(),
            }),
        };
        let lines = match result {
            Ok(data) if data.series.is_empty() => {
                empty += 1;
                vec![
                    format!("NO DATA  {name}: no row at or before now ({source})"),
                    format!("         edit: {}", template_file(cycle, cycles_dir)),
                ]
            }
            Ok(data) => {
                passed += 1;
                vec![format!(
                    "OK       {name}: {} series ({source})",
                    data.series.len()
                )]
            }
            Err(err) => {
                tracing::warn!(source, error = %err, "doctor: a SQL panel failed");
                vec![
                    format!("FAILED   {name}: {err}"),
                    format!("         query: {}", panel.query.replace('\n', " ")),
                    format!("         edit: {}", template_file(cycle, cycles_dir)),
                ]
            }
        };
        for line in lines {
            let _ = writeln!(out, "{}", clean(&line));
        }
    }
    let total = panels.len();
    let failed = total - passed - empty;
    let _ = writeln!(
        out,
        "{passed} of {total} SQL queries OK, {empty} with no rows, {failed} failed"
    );
    (out, failed == 0)
}

/// The report, and whether everything passed: every query ran (some may have found no data).
pub fn run(
    connection: Option<&Connection>,
    cycles: &[Cycle],
    cycles_dir: &Path,
    now: DateTime<FixedOffset>,
) -> (String, bool) {
    let mut out = String::new();
    let Some(connection) = connection else {
        out.push_str(
            "Prometheus: not configured. Set prometheus.url in the config file or \
             KAIZEN_PROMETHEUS_URL (kaizen --demo shows panels without a server).\n",
        );
        return (out, false);
    };
    let auth = match (&connection.auth, &connection.credentials) {
        (Auth::Bearer(_), _) => "bearer token",
        (Auth::Basic { .. }, _) => "basic auth",
        (Auth::None, Some(_)) => "basic auth in the URL",
        (Auth::None, None) => "no auth",
    };
    let shown = crate::config::shown_url(&connection.url);
    tracing::info!(url = %shown, auth, "doctor checks Prometheus");
    let _ = writeln!(out, "Prometheus: {} ({auth})", clean(&shown));
    let client = match PrometheusClient::new(connection) {
        Ok(client) => client,
        Err(err) => {
            let _ = writeln!(out, "  FAILED: {err}");
            return (out, false);
        }
    };
    let runtime = match runtime() {
        Ok(runtime) => runtime,
        Err(line) => {
            out.push_str(&line);
            return (out, false);
        }
    };
    match runtime.block_on(client.version()) {
        Ok(version) => {
            let _ = writeln!(out, "  reachable, version {}", clean(&version));
        }
        Err(err) => {
            tracing::warn!(error = %err, "doctor: Prometheus not reached");
            let _ = writeln!(out, "  FAILED: {}", clean(&err.to_string()));
            return (out, false);
        }
    }
    // Every metric name the server has, to name what a query without data lacks.
    let known = runtime.block_on(client.metric_names()).unwrap_or_default();
    let (mut passed, mut empty, mut total) = (0, 0, 0);
    for cycle in cycles {
        let file = template_file(cycle, cycles_dir);
        for check in checks(cycle, now) {
            total += 1;
            let result = runtime.block_on(client.fetch(&check.request));
            let name = format!("{} / {} / {}", cycle.key, check.section, check.title);
            let query = format!("         query: {}", check.request.query);
            let lines = match result {
                Ok(data) if data.series.is_empty() && check.may_be_empty => {
                    passed += 1;
                    vec![format!("OK       {name}: none fired")]
                }
                Ok(data) if data.series.is_empty() => {
                    empty += 1;
                    let mut lines = vec![
                        format!("NO DATA  {name}: the query matched no series"),
                        query,
                    ];
                    lines.extend(missing_metrics(&check.request.query, &known));
                    lines.push(format!("         edit: {file}"));
                    lines
                }
                Ok(data) => {
                    passed += 1;
                    let mut lines = vec![format!("OK       {name}: {} series", data.series.len())];
                    lines.extend(
                        data.warnings
                            .iter()
                            .map(|w| format!("         Prometheus warns: {w}")),
                    );
                    lines
                }
                Err(err) => vec![
                    format!("FAILED   {name}: {err}"),
                    query,
                    format!("         edit: {file}"),
                ],
            };
            for line in lines {
                let _ = writeln!(out, "{}", clean(&line));
            }
        }
    }
    let failed = total - passed - empty;
    let _ = writeln!(
        out,
        "{passed} of {total} queries OK, {empty} with no data, {failed} failed"
    );
    if failed > 0 {
        let _ = writeln!(
            out,
            "error: {failed} of {total} queries failed; fix them (the errors are above)"
        );
    } else if empty > 0 {
        let _ = writeln!(
            out,
            "warning: {empty} of {total} queries {} no data; edit them to your metric names \
             (each says which file)",
            if empty == 1 { "has" } else { "have" }
        );
    }
    (out, failed == 0)
}
