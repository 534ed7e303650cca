//! The log: a file in the user's state folder (`~/.local/state/kaizen/kaizen.log.DATE`), a new
//! one each day and the last week kept, never on screen. What goes in is what helps later:
//! starts and stops, queries that failed, changes that could not be saved. Never a secret:
//! credentials are not logged, and URLs are logged as `config::shown_url` shows them.

use std::path::{Path, PathBuf};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};

/// How many daily files are kept.
const DAYS_KEPT: usize = 7;

/// The file name's start; each day's file adds its date.
pub const FILE_PREFIX: &str = "kaizen.log";

/// Starts logging into `folder` at the level `KAIZEN_LOG` names (default `info`), or not at
/// all when the folder cannot be made: a log is never a reason not to run. Keep the guard
/// until exit, so the last lines are written.
pub fn start(folder: &Path) -> Option<WorkerGuard> {
    std::fs::create_dir_all(folder).ok()?;
    let appender = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix(FILE_PREFIX)
        .max_log_files(DAYS_KEPT)
        .build(folder)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = tracing_subscriber::EnvFilter::try_from_env("KAIZEN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}

/// Where the log of `today` (a UTC date, as the files are named) is, as `kaizen doctor`
/// says it.
pub fn file_of(folder: &Path, today: chrono::NaiveDate) -> PathBuf {
    folder.join(format!("{FILE_PREFIX}.{}", today.format("%Y-%m-%d")))
}
