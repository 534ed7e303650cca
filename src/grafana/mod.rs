//! Grafana dashboards in: each panel of an exported dashboard (JSON, schemaVersion 36 and up)
//! becomes a kaizen panel (its PromQL, title, unit, thresholds as a goal, legend format), and
//! every panel that cannot come over is listed with the reason. Pure: text in, text out.

mod thresholds;
mod units;
mod variables;

use crate::text::clean;
use serde_json::Value as Json;
use std::collections::BTreeMap;

pub use variables::Variables;

/// A panel brought over, as the TOML it is written as.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub title: String,
    pub toml: String,
    /// What was changed on the way in ("ms shown in seconds"), for the user to check.
    pub notes: Vec<String>,
}

/// A panel left behind, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    pub title: String,
    pub reason: String,
}

/// What an import made of a dashboard.
#[derive(Debug, Default)]
pub struct Outcome {
    pub dashboard: String,
    pub imported: Vec<Imported>,
    pub skipped: Vec<Skipped>,
    /// How each dashboard variable was filled in ("$job = api (its current value)").
    pub variables: Vec<String>,
}

/// The window and step the panels get: the cycle's period, in points Prometheus accepts.
#[derive(Clone, Debug)]
pub struct Span {
    pub window: String,
    pub step: String,
}

impl Span {
    /// The period a cycle reviews (a weekly looks at the week).
    pub fn for_cycle(cycle: &str) -> Span {
        let (window, step) = match cycle {
            "monthly" => ("31d", "3h"),
            "quarterly" => ("92d", "12h"),
            "annual" => ("365d", "1d"),
            _ => ("7d", "1h"),
        };
        Span {
            window: window.into(),
            step: step.into(),
        }
    }
}

/// Reads an exported dashboard. `given` holds the user's `--var name=value`s.
pub fn import(
    text: &str,
    given: &BTreeMap<String, String>,
    span: &Span,
) -> Result<Outcome, String> {
    let dashboard: Json =
        serde_json::from_str(text).map_err(|err| format!("not valid JSON: {err}"))?;
    // An export "for sharing externally" wraps nothing; one from the HTTP API wraps it.
    let dashboard = dashboard.get("dashboard").unwrap_or(&dashboard);
    let Some(panels) = dashboard.get("panels").and_then(Json::as_array) else {
        return Err(
            "not a Grafana dashboard (no \"panels\" list): export it from Grafana with \
             Share > Export > Save to file"
                .into(),
        );
    };
    let variables = Variables::of(dashboard, given);
    let mut outcome = Outcome {
        dashboard: clean(dashboard.get("title").and_then(Json::as_str).unwrap_or("")).into_owned(),
        variables: variables.described(),
        ..Outcome::default()
    };
    for panel in flatten(panels) {
        match convert(panel, &variables, span) {
            Ok(imported) => outcome.imported.extend(imported),
            Err(reason) => outcome.skipped.push(Skipped {
                title: title_of(panel),
                reason,
            }),
        }
    }
    Ok(outcome)
}

/// The dashboard's panels with each row's own (a collapsed row holds its panels inside it).
fn flatten(panels: &[Json]) -> Vec<&Json> {
    let mut all = Vec::new();
    for panel in panels {
        if panel.get("type").and_then(Json::as_str) == Some("row") {
            all.extend(
                panel
                    .get("panels")
                    .and_then(Json::as_array)
                    .into_iter()
                    .flatten(),
            );
        } else {
            all.push(panel);
        }
    }
    all
}

fn title_of(panel: &Json) -> String {
    let title = panel.get("title").and_then(Json::as_str).unwrap_or("");
    let title = clean(title).trim().to_string();
    if title.is_empty() {
        "(untitled)".into()
    } else {
        title
    }
}

/// One Grafana panel as kaizen panels (one per query it shows), or why it cannot be.
fn convert(panel: &Json, variables: &Variables, span: &Span) -> Result<Vec<Imported>, String> {
    let kind = panel.get("type").and_then(Json::as_str).unwrap_or("");
    if panel.get("libraryPanel").is_some() && panel.get("targets").is_none() {
        return Err(
            "a library panel: its query is kept in Grafana's library, not in the \
                    dashboard; export the panel's own JSON and add it by hand"
                .into(),
        );
    }
    if let Some(over) = panel
        .get("repeat")
        .and_then(Json::as_str)
        .filter(|r| !r.is_empty())
    {
        return Err(format!(
            "repeated for each value of ${over}: a kaizen panel shows one query; add the \
             value you review by hand"
        ));
    }
    let kaizen_kind = match kind {
        "stat" | "gauge" | "bargauge" | "singlestat" => "stat",
        "timeseries" | "graph" => "chart",
        "table" | "table-old" => "table",
        other => {
            return Err(format!(
                "type \"{}\" has no kaizen counterpart (stat, gauge, bargauge, timeseries, \
                 graph and table come over)",
                clean(other)
            ));
        }
    };
    if let Some(source) = non_prometheus(panel.get("datasource")) {
        return Err(format!("its data source is {source}, not Prometheus"));
    }
    let targets: Vec<&Json> = panel
        .get("targets")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter(|t| t.get("hide").and_then(Json::as_bool) != Some(true))
        .collect();
    if targets.is_empty() {
        return Err("it has no query".into());
    }
    let title = title_of(panel);
    let (unit, scale, unit_note) = units::of_panel(panel);
    let goal = thresholds::goal_of(panel, scale);
    let several = targets.len() > 1;
    let mut made = Vec::new();
    for target in targets {
        if let Some(source) = non_prometheus(target.get("datasource")) {
            return Err(format!("a query's data source is {source}, not Prometheus"));
        }
        let Some(expr) = target
            .get("expr")
            .and_then(Json::as_str)
            .filter(|e| !e.trim().is_empty())
        else {
            return Err("a query has no PromQL (\"expr\")".into());
        };
        let query = variables.fill(expr)?;
        let query = units::scaled(&query, scale);
        // Checked as Prometheus will get it, kaizen's range variables filled in.
        let sent = crate::metrics::query::expand(&query, 3600.0, 7.0 * 86_400.0);
        crate::metrics::names::metric_names(&sent).map_err(|err| {
            format!(
                "its query does not parse as PromQL once filled in: {}",
                clean(&err)
            )
        })?;
        let legend = target
            .get("legendFormat")
            .and_then(Json::as_str)
            .map(|l| clean(l).trim().to_string())
            .filter(|l| !l.is_empty() && l != "__auto");
        let refid = target.get("refId").and_then(Json::as_str).unwrap_or("");
        let name = match (several, &legend) {
            (false, _) => title.clone(),
            (true, Some(legend)) if !legend.contains("{{") => format!("{title} · {legend}"),
            (true, _) => format!("{title} · {}", clean(refid)),
        };
        let mut notes = Vec::new();
        notes.extend(unit_note.clone());
        if goal.is_none() && thresholds::has_steps(panel) {
            notes.push("its thresholds are not a good/bad scale: no goal".into());
        }
        made.push(Imported {
            toml: panel_toml(
                &name,
                &query,
                kaizen_kind,
                unit,
                goal,
                legend.as_deref(),
                span,
            ),
            title: name,
            notes,
        });
    }
    Ok(made)
}

/// The data source's type when it is known and not Prometheus ("loki").
fn non_prometheus(source: Option<&Json>) -> Option<String> {
    let kind = source?.get("type")?.as_str()?;
    match kind {
        "prometheus" | "datasource" | "-- Mixed --" | "" => None,
        other => Some(clean(other).into_owned()),
    }
}

/// A `[[sections.panels]]` table; strings written as TOML basic strings.
fn panel_toml(
    title: &str,
    query: &str,
    kind: &str,
    unit: &str,
    goal: Option<thresholds::Goal>,
    legend: Option<&str>,
    span: &Span,
) -> String {
    let quoted = |text: &str| toml::Value::String(text.to_string()).to_string();
    let mut lines = vec![
        "[[sections.panels]]".to_string(),
        format!("title = {}", quoted(title)),
        format!("query = {}", quoted(query)),
        format!("kind = {}", quoted(kind)),
    ];
    if unit != "number" {
        lines.push(format!("unit = {}", quoted(unit)));
    }
    if kind != "table" {
        lines.push(format!("window = {}", quoted(&span.window)));
        lines.push(format!("step = {}", quoted(&span.step)));
    }
    if let Some(goal) = goal {
        lines.push(format!(
            "goal = {{ better = {}, amber = {}, red = {} }}",
            quoted(goal.better),
            goal.amber,
            goal.red
        ));
    }
    if let Some(legend) = legend {
        lines.push(format!("legend = {}", quoted(legend)));
    }
    lines.join("\n") + "\n"
}

/// The template text with `panels` added to the end of the section titled `section`: a
/// `[[sections.panels]]` table belongs to the `[[sections]]` above it, so they go just before
/// the next `[[sections]]`. The text is otherwise left as it was, comments and all.
pub fn add_to_section(
    template: &str,
    section: &str,
    panels: &[Imported],
) -> Result<String, String> {
    let lines: Vec<&str> = template.lines().collect();
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.trim() == "[[sections]]")
        .map(|(at, _)| at)
        .collect();
    let titles: Vec<String> = starts
        .iter()
        .map(|&start| section_title(&lines[start..]).unwrap_or_default())
        .collect();
    let Some(index) = titles.iter().position(|t| t == section) else {
        return Err(format!(
            "the template has no section \"{}\" (its sections: {})",
            clean(section),
            titles.join(", ")
        ));
    };
    let end = starts.get(index + 1).copied().unwrap_or(lines.len());
    let mut out: Vec<String> = lines[..end].iter().map(|l| l.to_string()).collect();
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    for panel in panels {
        out.push(String::new());
        out.extend(panel.toml.lines().map(str::to_string));
    }
    if end < lines.len() {
        out.push(String::new());
        out.extend(lines[end..].iter().map(|l| l.to_string()));
    }
    Ok(out.join("\n") + "\n")
}

/// The `title = "..."` of a `[[sections]]` table, read with the TOML parser.
fn section_title(from: &[&str]) -> Option<String> {
    from.iter()
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .find_map(|line| {
            let table: toml::Table = line.parse().ok()?;
            table.get("title")?.as_str().map(str::to_string)
        })
}
