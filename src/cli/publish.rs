//! `kaizen publish [ID | --last [CYCLE]]`: a meeting to every `[publish]` target, or (without
//! one) every publication waiting to be tried again, e.g. from cron. A line per target; the
//! exit code says whether all went.

use super::emit::emit;
use super::report::{Which, meeting_id};
use crate::config::Config;
use crate::cycles::Cycle;
use crate::publish::run::{Ask, Context};
use crate::runtime;
use crate::store::Store;
use std::process::ExitCode;
use std::sync::Arc;

pub(super) fn run(
    store: &Store,
    config: &Config,
    cycles: Vec<Cycle>,
    location: crate::store::Location,
    which: Option<Which>,
) -> Result<ExitCode, String> {
    let targets =
        crate::publish::Targets::from_config(&config.publish, |name| std::env::var(name).ok())?;
    if targets.configured().is_empty() {
        return Err(
            "nothing to publish to: add [publish.git], [publish.webhook] or \
                    [publish.email] to the config file (README: Publishing)"
                .into(),
        );
    }
    let ask = match which {
        Some(which) => Ask::Meeting(meeting_id(store, &cycles, which)?),
        None => Ask::Due { hold: None },
    };
    let context = Arc::new(Context {
        targets,
        cycles,
        location,
        team: store.team_name().map(str::to_string),
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("cannot start the async runtime: {err}"))?;
    let published =
        runtime.block_on(crate::publish::run::run(context, ask, runtime::now().wall))?;
    if published.is_empty() {
        emit("Nothing waits to be published.\n", false);
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let mut failed = 0usize;
    for done in &published {
        let meeting = done.meeting;
        for outcome in &done.outcomes {
            let line = match &outcome.result {
                Ok(done) => format!("OK      meeting {meeting} → {}: {done}\n", outcome.target),
                Err(why) => {
                    failed += 1;
                    format!(
                        "FAILED  meeting {meeting} → {}: {why} (kept: tried again by the app, \
                         or by `kaizen publish`)\n",
                        outcome.target
                    )
                }
            };
            out.push_str(&line);
        }
    }
    emit(&out, false);
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
