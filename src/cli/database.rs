//! Which database a subcommand opens: the one the command line and config point at, or with
//! `--demo` the demo's own in memory, so that nothing real is read or written.

use super::CliCommand;
use crate::config::{Config, Paths, database_location};
use crate::cycles::Cycle;
use crate::store::Store;
use crate::{demo, runtime};

/// The database the command line and config point at (the default one made if need be), or
/// with `--demo` the demo's own in memory, so that nothing real is read or written.
pub(super) fn open_store(
    (demo, db, team): (bool, Option<std::path::PathBuf>, Option<&str>),
    config: &Config,
    paths: &Paths,
    cycles: &[Cycle],
) -> Result<Store, String> {
    if demo {
        return demo_store(cycles, runtime::now().wall);
    }
    let location = database_location(db, config, paths, |name| std::env::var(name).ok())?;
    if let Some(path) = location.file() {
        ensure_default_folder(path, paths)?;
    }
    let store = Store::open_for(&location, team).map_err(|e| e.to_string())?;
    // A damaged page can make a list come back short or empty without an error.
    store.check().map_err(|e| e.to_string())?;
    Ok(store)
}

/// Whether a command writes to the database (refused with `--demo`, which reads its own).
pub(super) fn changes_the_store(command: Option<&CliCommand>) -> bool {
    matches!(
        command,
        Some(
            CliCommand::Import { .. }
                | CliCommand::Publish { .. }
                | CliCommand::Actions {
                    command: Some(_),
                    ..
                }
                | CliCommand::Opportunities {
                    command: Some(_),
                    ..
                }
                | CliCommand::Incidents {
                    command: Some(_),
                    ..
                }
        )
    )
}

/// The demo's private store: a year of held reviews and a few opportunities, in memory.
pub(super) fn demo_store(
    cycles: &[Cycle],
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Store, String> {
    let mut store = Store::open_in_memory().map_err(|e| e.to_string())?;
    demo::seed_history(&mut store, cycles, now).map_err(|e| e.to_string())?;
    demo::seed_opportunities(&mut store, now).map_err(|e| e.to_string())?;
    Ok(store)
}

/// kaizen makes its own data folder; a folder the user named must already exist.
pub(super) fn ensure_default_folder(path: &std::path::Path, paths: &Paths) -> Result<(), String> {
    if path == paths.default_db() {
        std::fs::create_dir_all(&paths.data_dir)
            .map_err(|e| format!("{}: {e}", paths.data_dir.display()))?;
    }
    Ok(())
}
