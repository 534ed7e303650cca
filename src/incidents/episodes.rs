//! Alert episodes from Prometheus's `ALERTS` series: while an alert fires its series has points,
//! so each run of points (gaps no longer than the merge gap joined) is one episode: a candidate
//! incident with its start, end and labels.

use crate::metrics::QueryData;
use std::collections::BTreeMap;

/// One stretch of an alert firing.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Episode {
    pub alertname: String,
    pub severity: Option<String>,
    /// The labels that tell this alert apart (without `__name__` and `alertstate`).
    pub labels: BTreeMap<String, String>,
    /// Unix seconds of the first and last point seen firing.
    pub start: f64,
    pub end: f64,
}

impl Episode {
    /// Names the alert across scans ("HighErrorRate{job=api}"), to remember dismissals.
    pub fn fingerprint(&self) -> String {
        let labels: Vec<String> = self
            .labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        format!("{}{{{}}}", self.alertname, labels.join(","))
    }

    /// The service it concerns: the `service`, `job` or `namespace` label, whichever is set.
    pub fn service(&self) -> Option<&str> {
        ["service", "job", "namespace", "instance"]
            .iter()
            .find_map(|k| self.labels.get(*k).map(String::as_str))
    }

    pub fn minutes(&self) -> f64 {
        (self.end - self.start) / 60.0
    }
}

/// The episodes in a range answer to `ALERTS{alertstate="firing"}`, oldest first. Points of
/// one series no more than `merge_gap` seconds apart belong to one episode.
pub fn episodes(data: &QueryData, merge_gap: f64) -> Vec<Episode> {
    let mut found = Vec::new();
    for series in &data.series {
        let mut labels = series.labels.clone();
        labels.remove("__name__");
        labels.remove("alertstate");
        let alertname = labels.remove("alertname").unwrap_or_else(|| "alert".into());
        let severity = labels.get("severity").cloned();
        let mut points: Vec<f64> = series
            .points
            .iter()
            .filter(|(_, v)| v.is_finite() && *v > 0.0)
            .map(|(t, _)| *t)
            .collect();
        points.sort_by(f64::total_cmp);
        let mut run: Option<(f64, f64)> = None;
        for t in points {
            run = match run {
                Some((start, end)) if t - end <= merge_gap => Some((start, t)),
                Some((start, end)) => {
                    found.push(episode(&alertname, &severity, &labels, start, end));
                    Some((t, t))
                }
                None => Some((t, t)),
            };
        }
        if let Some((start, end)) = run {
            found.push(episode(&alertname, &severity, &labels, start, end));
        }
    }
    found.sort_by(|a, b| {
        a.start
            .total_cmp(&b.start)
            .then(a.alertname.cmp(&b.alertname))
    });
    found
}

fn episode(
    alertname: &str,
    severity: &Option<String>,
    labels: &BTreeMap<String, String>,
    start: f64,
    end: f64,
) -> Episode {
    Episode {
        alertname: alertname.to_string(),
        severity: severity.clone(),
        labels: labels.clone(),
        start,
        end,
    }
}
