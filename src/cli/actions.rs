//! `kaizen actions`: list, add, close and drop action items from the shell.

mod output;

use super::ActionsCommand;
use crate::actions::due::parse_due;
use crate::actions::{Filter, NewAction, Status};
use crate::store::Store;
use chrono::{DateTime, FixedOffset};

/// What a command did: what to print, and the item it made (for the tracker's `auto`).
pub struct Done {
    pub text: String,
    pub made: Option<i64>,
}

/// Runs the command and returns what to print; errors say what to fix.
pub fn run(
    store: &mut Store,
    command: Option<ActionsCommand>,
    filter: &Filter,
    formats: (bool, bool),
    now: DateTime<FixedOffset>,
) -> Result<Done, String> {
    match command {
        Some(ActionsCommand::Add {
            title,
            owner,
            due,
            add_owner,
        }) => add(store, (&title, &owner, &due), add_owner, now),
        command => Ok(Done {
            text: run_one(store, command, filter, formats, now)?,
            made: None,
        }),
    }
}

fn add(
    store: &mut Store,
    (title, owner, due): (&str, &str, &str),
    add_owner: bool,
    now: DateTime<FixedOffset>,
) -> Result<Done, String> {
    let today = now.date_naive();
    if title.trim().is_empty() {
        return Err("the title is empty: say what is to be done".into());
    }
    if owner.trim().is_empty() {
        return Err("--owner is empty: say who owns it".into());
    }
    let due_on = parse_due(due, today).map_err(|e| format!("--due: {e}"))?;
    let new = NewAction::standalone(title, owner, due_on);
    let id = store
        .create_action(&new, add_owner, now)
        .map_err(|e| e.to_string())?;
    let past = if due_on < today {
        " (that date is past)"
    } else {
        ""
    };
    Ok(Done {
        text: format!("Added action item {id}, due {due_on}{past}.\n"),
        made: Some(id),
    })
}

fn run_one(
    store: &mut Store,
    command: Option<ActionsCommand>,
    filter: &Filter,
    (json, csv): (bool, bool),
    now: DateTime<FixedOffset>,
) -> Result<String, String> {
    let today = now.date_naive();
    match command {
        None => {
            let items = store.actions(filter).map_err(|e| e.to_string())?;
            match (json, csv) {
                (true, _) => output::json(&items),
                (_, true) => output::csv(&items),
                _ => Ok(output::table(&items, today)),
            }
        }
        Some(ActionsCommand::Add { .. }) => Err("an item is added by cli::actions::add".into()),
        Some(ActionsCommand::Done { id }) => close(store, id, Status::Done, None, now),
        // The tracker's commands are `cli::tracker`'s: they need the config.
        Some(ActionsCommand::Push { .. } | ActionsCommand::Sync) => {
            Err("push and sync are run by cli::tracker".into())
        }
        Some(ActionsCommand::Drop { id, reason }) => {
            if reason.trim().is_empty() {
                return Err("--reason is empty: say why it is dropped".into());
            }
            close(store, id, Status::Dropped, Some(&reason), now)
        }
    }
}

fn close(
    store: &mut Store,
    id: i64,
    status: Status,
    reason: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<String, String> {
    match store.close_action(id, status, reason, now, None) {
        Ok(true) => Ok(format!("Action item {id} is {status}.\n")),
        Ok(false) => Err(format!(
            "there is no open action item {id}: kaizen actions lists them"
        )),
        Err(err) => Err(err.to_string()),
    }
}
