//! Metric panels as a template declares them: what to query, how to show it, and the goal
//! it is judged against. Validated when the template loads.

use crate::metrics::units::Unit;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

/// How a panel shows its query.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PanelKind {
    /// One big value with a sparkline of the window.
    #[default]
    Stat,
    /// A line chart of one or more series with a legend.
    Chart,
    /// The latest value of each series.
    Table,
}

/// What a panel's value is: computed by Prometheus over the whole window (the default for a
/// review), or the latest point ("now").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Headline {
    Window,
    Now,
}

/// Which way is good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Lower,
    Higher,
}

/// A goal with amber and red thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub better: Better,
    pub amber: f64,
    pub red: f64,
}

/// Red, amber or green against a goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Green,
    Amber,
    Red,
}

impl Goal {
    pub fn status(&self, value: f64) -> Option<Status> {
        if value.is_nan() {
            return None;
        }
        let worse_than = |threshold: f64| match self.better {
            Better::Lower => value >= threshold,
            Better::Higher => value <= threshold,
        };
        Some(if worse_than(self.red) {
            Status::Red
        } else if worse_than(self.amber) {
            Status::Amber
        } else {
            Status::Green
        })
    }

    /// Whether a change is for the better.
    pub fn improved(&self, delta: f64) -> bool {
        match self.better {
            Better::Lower => delta < 0.0,
            Better::Higher => delta > 0.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    pub title: String,
    pub query: String,
    pub kind: PanelKind,
    /// Whether its value is over the window or now.
    pub headline: Headline,
    pub unit: Unit,
    /// How far back range queries look.
    pub window: Duration,
    pub step: Duration,
    pub refresh: Duration,
    pub goal: Option<Goal>,
    /// Series names from labels, e.g. "{{job}} {{instance}}".
    pub legend: Option<String>,
    /// Where the series is heading: a horizon, and a limit to warn of.
    pub forecast: Option<ForecastSpec>,
    /// A monthly budget for a cost rate per hour: spend to date, month-end, shares.
    pub budget: Option<f64>,
    /// The config's `[sources.NAME]` whose database runs the query as SQL; `None` for
    /// Prometheus.
    pub source: Option<String>,
}

/// `forecast = { horizon = "30d", limit = 0.9 }` on a panel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ForecastSpec {
    pub horizon: Duration,
    pub limit: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawForecast {
    pub horizon: String,
    #[serde(default)]
    pub limit: Option<f64>,
}

impl Panel {
    /// The name of a series: the legend filled from its labels, or its labels.
    pub fn series_name(&self, labels: &BTreeMap<String, String>) -> String {
        // A legend of labels the series lacks reads as nothing: it is named as without one.
        let filled = self
            .legend
            .as_ref()
            .map(|template| fill_legend(template, labels))
            .filter(|name| !name.trim().is_empty());
        match filled {
            Some(name) => name,
            None if labels.is_empty() => self.title.clone(),
            None => {
                let named = labels
                    .iter()
                    .filter(|(key, _)| *key != "__name__")
                    .map(|(key, value)| format!("{key}={value}"))
                    .collect::<Vec<_>>()
                    .join(",");
                // A series with its name only (a SQL column, `up` unaggregated) is its name.
                match (named.is_empty(), labels.get("__name__")) {
                    (true, Some(name)) => name.clone(),
                    _ => named,
                }
            }
        }
    }

    /// The names of several series, in order. Series whose legends read the same (the legend
    /// leaves out the label that tells them apart) get the differing labels added, so no two
    /// lines of a chart or rows of a table look alike.
    pub fn series_names(&self, series: &[&BTreeMap<String, String>]) -> Vec<String> {
        let names: Vec<String> = series
            .iter()
            .map(|labels| self.series_name(labels))
            .collect();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for name in &names {
            *counts.entry(name).or_default() += 1;
        }
        names
            .iter()
            .enumerate()
            .map(|(index, name)| {
                if counts[name.as_str()] < 2 {
                    return name.clone();
                }
                let twins: Vec<&BTreeMap<String, String>> = names
                    .iter()
                    .zip(series)
                    .filter(|(other, _)| *other == name)
                    .map(|(_, labels)| *labels)
                    .collect();
                let differing: Vec<String> = series[index]
                    .iter()
                    .filter(|(key, value)| twins.iter().any(|twin| twin.get(*key) != Some(*value)))
                    .map(|(key, value)| format!("{key}={value}"))
                    .collect();
                if differing.is_empty() {
                    name.clone()
                } else {
                    format!("{name} ({})", differing.join(","))
                }
            })
            .collect()
    }
}

/// The panel as written in TOML, before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPanel {
    pub title: String,
    pub query: String,
    #[serde(default)]
    pub kind: PanelKind,
    #[serde(default)]
    pub headline: Option<Headline>,
    #[serde(default)]
    pub unit: Unit,
    #[serde(default)]
    pub window: Option<String>,
    #[serde(default)]
    pub step: Option<String>,
    #[serde(default)]
    pub refresh: Option<String>,
    #[serde(default)]
    pub goal: Option<Goal>,
    #[serde(default)]
    pub legend: Option<String>,
    #[serde(default)]
    pub forecast: Option<RawForecast>,
    #[serde(default)]
    pub budget: Option<f64>,
    #[serde(default)]
    pub source: Option<String>,
}

/// Prometheus refuses range queries of more points than this.
const MAX_POINTS: u64 = 11_000;

impl RawPanel {
    pub fn validate(self) -> Result<Panel, String> {
        let name = &self.title;
        if self.title.trim().is_empty() {
            return Err("a panel has no title: add title = \"...\"".into());
        }
        if self.query.trim().is_empty() {
            return Err(format!(
                "panel \"{name}\" has no query: add its PromQL as query = \"...\""
            ));
        }
        let source = source_of(name, self.source.as_deref())?;
        let headline = match &source {
            None => headline_of(name, &self.query, self.headline)?,
            Some(_) => sql_headline(name, self.headline)?,
        };
        let field = |value: &Option<String>, key: &str, default: &str| {
            let text = value.as_deref().unwrap_or(default);
            parse_duration(text).ok_or_else(|| {
                format!(
                    "panel \"{name}\": {key} = \"{text}\" is not a duration from 1s to 3650d: \
                     use e.g. \"30s\", \"5m\", \"1h\", \"7d\" or \"2w\""
                )
            })
        };
        let window = field(&self.window, "window", "7d")?;
        let step = field(&self.step, "step", "1h")?;
        let refresh = field(&self.refresh, "refresh", "15s")?;
        if step > window {
            return Err(format!("panel \"{name}\": step is longer than window"));
        }
        if window.as_secs() / step.as_secs().max(1) > MAX_POINTS {
            return Err(format!(
                "panel \"{name}\": window / step is over {MAX_POINTS} points, which Prometheus \
                 refuses: raise step"
            ));
        }
        if let Some(goal) = self.goal {
            let ordered = match goal.better {
                Better::Lower => goal.amber <= goal.red,
                Better::Higher => goal.amber >= goal.red,
            };
            if !ordered {
                return Err(format!(
                    "panel \"{name}\": with better = \"{}\", amber must come before red \
                     (amber {} red {})",
                    if goal.better == Better::Lower {
                        "lower"
                    } else {
                        "higher"
                    },
                    goal.amber,
                    goal.red
                ));
            }
        }
        if let Some(legend) = &self.legend {
            legend_pieces(legend).map_err(|why| {
                format!(
                    "panel \"{name}\": legend = \"{legend}\" {why}: write labels as \
                     \"{{{{job}}}} on {{{{instance}}}}\""
                )
            })?;
        }
        if let Some(budget) = self.budget {
            if !(budget > 0.0 && budget.is_finite()) {
                return Err(format!(
                    "panel \"{name}\": budget = {budget} must be an amount above 0 (a month's spend)"
                ));
            }
            // The month so far must be in the window, and a table is one instant.
            if self.kind != PanelKind::Stat || window.as_secs() < 31 * 86_400 {
                return Err(format!(
                    "panel \"{name}\": a budget needs kind = \"stat\" and window = \"31d\" (or \
                     more), so the whole month so far is counted"
                ));
            }
        }
        let forecast = match &self.forecast {
            Some(raw) => Some(ForecastSpec {
                horizon: parse_duration(&raw.horizon).ok_or_else(|| {
                    format!(
                        "panel \"{name}\": forecast horizon = \"{}\" is not a duration: use \
                         e.g. \"30d\" or \"12w\"",
                        raw.horizon
                    )
                })?,
                limit: raw.limit,
            }),
            None => None,
        };
        Ok(Panel {
            title: self.title,
            query: self.query,
            kind: self.kind,
            headline,
            unit: self.unit,
            window,
            step,
            refresh,
            goal: self.goal,
            legend: self.legend,
            forecast,
            budget: self.budget,
            source,
        })
    }
}

/// Where the query runs: Prometheus (no source, or `source = "prometheus"`), or the database
/// of a `[sources.NAME]` in the config (checked against the config when kaizen starts).
fn source_of(name: &str, source: Option<&str>) -> Result<Option<String>, String> {
    match source {
        None | Some("prometheus") => Ok(None),
        Some(source)
            if !source.is_empty()
                && source
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') =>
        {
            Ok(Some(source.to_string()))
        }
        Some(source) => Err(format!(
            "panel \"{name}\": source = \"{}\" is not a source name: write the NAME of a \
             [sources.NAME] in the config (letters, digits, _ and -), or leave it out for \
             Prometheus",
            crate::text::clean(source)
        )),
    }
}

/// A SQL panel's value is its newest row at or before now: the query says the period.
fn sql_headline(name: &str, asked: Option<Headline>) -> Result<Headline, String> {
    match asked {
        Some(Headline::Window) => Err(format!(
            "panel \"{name}\": a SQL panel's value is its newest row (the query's GROUP BY says \
             its period): leave headline out, or say headline = \"now\""
        )),
        _ => Ok(Headline::Now),
    }
}

/// What the panel's value is: as the template says, else over the window when the query's
/// ranges can be filled in, else the latest point (a query with fixed ranges cannot be asked
/// over the window).
fn headline_of(name: &str, query: &str, asked: Option<Headline>) -> Result<Headline, String> {
    use crate::metrics::query::{has_ranges, unknown_variable};
    if let Some(variable) = unknown_variable(query) {
        return Err(format!(
            "panel \"{name}\": the query has {variable}, which kaizen does not fill in: write \
             ranges as [$step] (each point's span, the window for the panel's value) or \
             [$__range] (the window)"
        ));
    }
    match asked {
        Some(Headline::Window) if !has_ranges(query) => Err(format!(
            "panel \"{name}\": headline = \"window\" needs the query's range written as \
             [$step] so Prometheus computes it over the window (e.g. avg_over_time(up[$step])), \
             or say headline = \"now\" for the latest value"
        )),
        Some(headline) => Ok(headline),
        None if has_ranges(query) => Ok(Headline::Window),
        None => Ok(Headline::Now),
    }
}

/// The legend with each `{{label}}` replaced by the series' value of that label; a label
/// the series lacks reads as nothing, as in Grafana.
fn fill_legend(legend: &str, labels: &BTreeMap<String, String>) -> String {
    // Panels are validated on load, so the legend parses; the raw text is only a fallback.
    let Ok(pieces) = legend_pieces(legend) else {
        return legend.to_string();
    };
    pieces
        .into_iter()
        .map(|piece| match piece {
            LegendPiece::Text(text) => text,
            LegendPiece::Label(label) => labels.get(label).map_or("", String::as_str),
        })
        .collect()
}

/// A legend cut into literal text and `{{label}}` references.
enum LegendPiece<'a> {
    Text(&'a str),
    Label(&'a str),
}

/// Every `{{` in a legend opens a label name that `}}` closes; anything else would show
/// the braces on screen instead of the label's value.
fn legend_pieces(legend: &str) -> Result<Vec<LegendPiece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut rest = legend;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            return Err("opens \"{{\" without a closing \"}}\"".into());
        };
        let label = after[..close].trim();
        if !is_label_name(label) {
            return Err(format!("names \"{label}\", which is not a label name"));
        }
        pieces.push(LegendPiece::Text(&rest[..open]));
        pieces.push(LegendPiece::Label(label));
        rest = &after[close + 2..];
    }
    pieces.push(LegendPiece::Text(rest));
    Ok(pieces)
}

/// Prometheus label names: a letter or underscore, then letters, digits or underscores.
fn is_label_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The longest duration kaizen takes anywhere (a window, a step, a timeout): ten years.
pub const LONGEST_SECS: u64 = 3650 * 86_400;

/// "30s", "5m", "1h", "7d", "2w" (Prometheus's duration words), from a second to ten years;
/// a number too big for that is no duration (never one that wrapped round to a small one).
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let seconds: u64 = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 604_800,
        _ => return None,
    };
    let total = number.checked_mul(seconds)?;
    (1..=LONGEST_SECS)
        .contains(&total)
        .then(|| Duration::from_secs(total))
}
