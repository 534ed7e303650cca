//! `kaizen actions push ID` and `kaizen actions sync`: action items to the team's tracker and
//! back.

use super::emit::emit;
use crate::config::Config;
use crate::runtime;
use crate::store::Store;
use crate::tracker::Tracker;
use std::process::ExitCode;

fn tracker(config: &Config) -> Result<(Tracker, tokio::runtime::Runtime), String> {
    let config = config.tracker.as_ref().ok_or(
        "no tracker: add [tracker] with kind = \"github\" (or \"gitlab\"), project = \
         \"owner/name\" and token_env to the config file (README: Action items to the tracker)",
    )?;
    let tracker = Tracker::from_config(config, |name| std::env::var(name).ok())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("cannot start the async runtime: {err}"))?;
    Ok((tracker, runtime))
}

pub(super) fn push(store: &Store, config: &Config, id: i64) -> Result<ExitCode, String> {
    let (tracker, runtime) = tracker(config)?;
    let push = crate::tracker::sync::push(store, &tracker, id, runtime::now().wall);
    let (issue, new) = runtime.block_on(push)?;
    let said = if new { "Pushed" } else { "Already pushed:" };
    emit(
        &format!(
            "{said} action item {id} as {} {}: {}\n",
            tracker.kind.name(),
            issue.reference(),
            issue.url
        ),
        false,
    );
    Ok(ExitCode::SUCCESS)
}

/// A new item, pushed when `[tracker]` says `auto = true`. An item that could not be pushed
/// is kept, and the message says how to push it later (exit code 1).
pub(super) fn push_new(store: &Store, config: &Config, id: i64) -> Result<ExitCode, String> {
    if !config.tracker.as_ref().is_some_and(|t| t.auto) {
        return Ok(ExitCode::SUCCESS);
    }
    match push(store, config, id) {
        Ok(code) => Ok(code),
        Err(why) => {
            eprintln!(
                "kaizen: action item {id} is not pushed: {}; try again with `kaizen actions push {id}`",
                crate::text::clean(&why)
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

pub(super) fn sync(store: &mut Store, config: &Config) -> Result<ExitCode, String> {
    let (tracker, runtime) = tracker(config)?;
    let synced = runtime.block_on(crate::tracker::sync::sync(
        store,
        &tracker,
        runtime::now().wall,
    ))?;
    if synced.is_empty() {
        emit("No pushed action item is open.\n", false);
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let mut failed = false;
    for one in &synced {
        let line = match &one.result {
            Ok(true) => format!(
                "DONE    action item {} {}: closed in {} as {}\n",
                one.issue.item_id,
                one.title,
                tracker.kind.name(),
                one.issue.reference()
            ),
            Ok(false) => format!(
                "open    action item {} {}: {} is open\n",
                one.issue.item_id,
                one.title,
                one.issue.reference()
            ),
            Err(why) => {
                failed = true;
                format!(
                    "FAILED  action item {} {}: {why}\n",
                    one.issue.item_id, one.title
                )
            }
        };
        out.push_str(&line);
    }
    emit(&out, false);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
