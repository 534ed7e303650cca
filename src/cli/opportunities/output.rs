//! `kaizen opportunities`: the backlog as a text table, JSON or CSV.

use crate::opportunities::{Opportunity, Quadrant, Status, name_of};
use crate::text::clean;
use std::fmt::Write;

/// Which opportunities to list.
pub struct Selection {
    pub status: Option<Status>,
    pub quadrant: Option<Quadrant>,
}

pub fn select<'a>(all: &'a [Opportunity], selection: &Selection) -> Vec<&'a Opportunity> {
    all.iter()
        .filter(|o| selection.status.is_none_or(|s| o.status == s))
        .filter(|o| selection.quadrant.is_none_or(|q| o.quadrant() == q))
        .collect()
}

pub fn table(items: &[&Opportunity]) -> String {
    if items.is_empty() {
        return "No opportunities match.\n".into();
    }
    let mut out = format!(
        "{:>4}  {:<13}  {:>6}  {:>6}  {:<11}  {}\n",
        "ID", "QUADRANT", "IMPACT", "EFFORT", "STATUS", "TITLE"
    );
    for o in items {
        let _ = writeln!(
            out,
            "{:>4}  {:<13}  {:>6}  {:>6}  {:<11}  {}",
            o.id,
            o.quadrant().label(),
            o.impact,
            o.effort,
            o.status.label(),
            clean(&o.title)
        );
    }
    out
}

pub fn json(items: &[&Opportunity]) -> Result<String, String> {
    serde_json::to_string_pretty(items)
        .map(|text| text + "\n")
        .map_err(|e| e.to_string())
}

pub fn csv(items: &[&Opportunity]) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "id",
            "title",
            "quadrant",
            "impact",
            "effort",
            "status",
            "category",
            "source",
            "owner",
            "target_on",
            "created_at",
        ])
        .map_err(|e| e.to_string())?;
    for o in items {
        writer
            .write_record([
                o.id.to_string(),
                o.title.clone(),
                name_of(&o.quadrant()),
                o.impact.to_string(),
                o.effort.to_string(),
                name_of(&o.status),
                o.category.map(|c| name_of(&c)).unwrap_or_default(),
                o.source.map(|s| name_of(&s)).unwrap_or_default(),
                o.owner.clone().unwrap_or_default(),
                o.target_on.map(|d| d.to_string()).unwrap_or_default(),
                o.created_at.to_rfc3339(),
            ])
            .map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
