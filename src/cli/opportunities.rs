//! `kaizen opportunities`: list the improvement backlog for scripts, or add to it.

mod output;

use super::OpportunitiesCommand;
use super::emit::emit;
use crate::opportunities::{Opportunity, Quadrant, Status};
use crate::runtime;
use crate::store::Store;

/// Adds the opportunity the command names, or prints those that match `--status` and
/// `--quadrant` as a table, JSON or CSV.
pub(super) fn run(
    store: &mut Store,
    command: Option<OpportunitiesCommand>,
    (status, quadrant): (Option<Status>, Option<Quadrant>),
    (json, csv): (bool, bool),
) -> Result<(), String> {
    if let Some(OpportunitiesCommand::Add {
        title,
        impact,
        effort,
    }) = command
    {
        if title.trim().is_empty() {
            return Err("the title is empty: name the improvement".into());
        }
        let mut new = Opportunity::titled(&title, runtime::now().wall);
        new.impact = impact;
        new.effort = effort;
        let id = store.save_opportunity(&new).map_err(|e| e.to_string())?;
        emit(
            &format!("Added opportunity {id} ({}).\n", new.quadrant().label()),
            false,
        );
        return Ok(());
    }
    let all = store.opportunities().map_err(|e| e.to_string())?;
    let chosen = output::select(&all, &output::Selection { status, quadrant });
    let text = match (json, csv) {
        (true, _) => output::json(&chosen)?,
        (_, true) => output::csv(&chosen)?,
        _ => output::table(&chosen),
    };
    emit(&text, json);
    Ok(())
}
