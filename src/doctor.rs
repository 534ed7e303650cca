//! `kaizen doctor`: checks the config, reaches Prometheus and runs every panel query of every
//! cycle once, printing OK with the series count or the exact error for each. It fails when
//! Prometheus is not configured or not reached, or a query fails; panels that only find no
//! data pass with a warning (an alert panel is empty on a quiet month).

use crate::cycles::Cycle;
use crate::metrics::client::{Auth, Connection, PrometheusClient};
use crate::model::panels::value_request;
use crate::ui::text::clean;
use chrono::{DateTime, FixedOffset};
use std::fmt::Write;

/// The report, and whether everything passed: every query ran (some may have found no data).
pub fn run(
    connection: Option<&Connection>,
    cycles: &[Cycle],
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
    let auth = match &connection.auth {
        Auth::None => "no auth",
        Auth::Bearer(_) => "bearer token",
        Auth::Basic { .. } => "basic auth",
    };
    let _ = writeln!(out, "Prometheus: {} ({auth})", clean(&connection.url));
    let client = match PrometheusClient::new(connection) {
        Ok(client) => client,
        Err(err) => {
            let _ = writeln!(out, "  FAILED: {err}");
            return (out, false);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            let _ = writeln!(out, "  FAILED: cannot start the async runtime: {err}");
            return (out, false);
        }
    };
    match runtime.block_on(client.version()) {
        Ok(version) => {
            let _ = writeln!(out, "  reachable, version {}", clean(&version));
        }
        Err(err) => {
            let _ = writeln!(out, "  FAILED: {}", clean(&err.to_string()));
            return (out, false);
        }
    }
    let (mut passed, mut empty, mut total) = (0, 0, 0);
    for cycle in cycles {
        for section in &cycle.sections {
            for panel in &section.panels {
                total += 1;
                let result = runtime.block_on(client.fetch(&value_request(panel, now)));
                let name = format!("{} / {} / {}", cycle.key, section.title, panel.title);
                let line = match result {
                    Ok(data) if data.series.is_empty() => {
                        empty += 1;
                        format!(
                            "NO DATA  {name}: the query matched no series (normal for alerts \
                             that never fired; else check the metric names in the template)"
                        )
                    }
                    Ok(data) => {
                        passed += 1;
                        format!("OK       {name}: {} series", data.series.len())
                    }
                    Err(err) => format!("FAILED   {name}: {err}"),
                };
                let _ = writeln!(out, "{}", clean(&line));
            }
        }
    }
    let failed = total - passed - empty;
    let _ = writeln!(
        out,
        "{passed} of {total} panels OK, {empty} with no data, {failed} failed"
    );
    if failed > 0 {
        let _ = writeln!(
            out,
            "error: {failed} of {total} panel queries failed; fix them (the errors are above)"
        );
    } else if empty > 0 {
        let _ = writeln!(
            out,
            "warning: {empty} of {total} panels {} no data; edit their queries to your metric \
             names",
            if empty == 1 { "has" } else { "have" }
        );
    }
    (out, failed == 0)
}
