//! Action items for scripts and chat bots: a text table, JSON, and CSV.

use crate::actions::ActionItem;
use crate::text::clean;
use chrono::NaiveDate;
use std::fmt::Write;

pub fn table(items: &[ActionItem], today: NaiveDate) -> String {
    if items.is_empty() {
        return "No action items match.\n".into();
    }
    let owner_width = items
        .iter()
        .map(|item| item.owner.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut out = format!(
        "{:>4}  {:<10}  {:<owner_width$}  {:<7}  {:>7}  {}\n",
        "ID", "DUE", "OWNER", "STATUS", "CARRIED", "TITLE"
    );
    for item in items {
        let late = if item.overdue(today) {
            "  (overdue)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{:>4}  {:<10}  {:<owner_width$}  {:<7}  {:>7}  {}{late}",
            item.id,
            item.due_on,
            clean(&item.owner),
            item.status,
            item.carried,
            clean(&item.title)
        );
    }
    out
}

pub fn json(items: &[ActionItem]) -> Result<String, String> {
    serde_json::to_string_pretty(items)
        .map(|text| text + "\n")
        .map_err(|err| err.to_string())
}

pub fn csv(items: &[ActionItem]) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "title",
        "owner",
        "due_on",
        "status",
        "drop_reason",
        "meeting_id",
        "section",
        "created_at",
        "carried",
        "opportunity_id",
    ];
    writer.write_record(header).map_err(|e| e.to_string())?;
    for item in items {
        writer
            .write_record([
                item.id.to_string(),
                item.title.clone(),
                item.owner.clone(),
                item.due_on.to_string(),
                item.status.to_string(),
                item.drop_reason.clone().unwrap_or_default(),
                item.meeting_id.map(|id| id.to_string()).unwrap_or_default(),
                item.section.clone().unwrap_or_default(),
                item.created_at.to_rfc3339(),
                item.carried.to_string(),
                item.opportunity_id
                    .map(|id| id.to_string())
                    .unwrap_or_default(),
            ])
            .map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
