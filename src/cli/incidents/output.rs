//! `kaizen incidents` output: a table to read, JSON or CSV to script with.

use crate::incidents::Incident;
use chrono::{DateTime, FixedOffset};

pub fn table(incidents: &[Incident], now: DateTime<FixedOffset>) -> String {
    if incidents.is_empty() {
        return "No incidents.\n".into();
    }
    let mut out = String::from(
        "   ID  STARTED                     LASTED  SEVERITY  TITLE
",
    );
    for i in incidents {
        out.push_str(&format!(
            "{:>5}  {}  {:>16}  {:<8}  {}\n",
            i.id,
            i.started_at.format("%Y-%m-%d %H:%M"),
            i.lasted(now).short(),
            crate::text::fit(&i.severity, 8),
            crate::text::clean(&i.title)
        ));
    }
    out
}

pub fn json(incidents: &[Incident]) -> Result<String, String> {
    serde_json::to_string_pretty(incidents)
        .map(|text| text + "\n")
        .map_err(|e| e.to_string())
}

pub fn csv(incidents: &[Incident], now: DateTime<FixedOffset>) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "id",
            "title",
            "severity",
            "service",
            "started_at",
            "ended_at",
            "minutes",
            "minutes_to_detect",
            "contributing_factors",
            "measures",
        ])
        .map_err(|e| e.to_string())?;
    for i in incidents {
        writer
            .write_record([
                i.id.to_string(),
                i.title.clone(),
                i.severity.clone(),
                i.service.clone().unwrap_or_default(),
                i.started_at.to_rfc3339(),
                i.ended_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
                // Empty while it goes on: its length is not known yet.
                i.lasted(now)
                    .minutes()
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
                i.minutes_to_detect()
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
                i.factors.join("; "),
                i.measures.len().to_string(),
            ])
            .map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
