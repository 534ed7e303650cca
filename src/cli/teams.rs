//! `kaizen teams`: the teams a database holds, each with its people, meetings and open
//! action items.

use crate::store::Store;

/// The teams as a table (a line each, names aligned) or as JSON.
pub(super) fn list(store: &Store, json: bool) -> Result<String, String> {
    let teams = store.teams().map_err(|e| e.to_string())?;
    if json {
        return serde_json::to_string_pretty(&teams)
            .map(|text| text + "\n")
            .map_err(|e| e.to_string());
    }
    let width = teams
        .iter()
        .map(|t| t.name.chars().count())
        .max()
        .unwrap_or(4);
    Ok(teams
        .iter()
        .map(|t| {
            format!(
                "{:width$}  {} people  {} meetings  {} open items\n",
                t.name, t.people, t.meetings, t.open_items
            )
        })
        .collect())
}
