//! `kaizen doctor`'s command-line side: where the config, database and log are and whether the
//! database is whole, then `crate::doctor`'s check of Prometheus and every panel query.

use super::emit::emit;
use crate::config::{Config, Paths, database_path, prometheus_connection};
use crate::cycles::Cycle;
use crate::runtime;
use std::path::PathBuf;
use std::process::ExitCode;

/// Prints every check; fails when the database or a check of Prometheus failed.
pub(super) fn run(
    db: Option<PathBuf>,
    config: &Config,
    paths: &Paths,
    cycles: &[Cycle],
) -> Result<ExitCode, String> {
    let config_file = paths.config_file();
    let missing = if config_file.exists() {
        ""
    } else {
        " (not there: kaizen runs on its defaults; the README lists the keys)"
    };
    emit(
        &format!("Config: {}{missing}\n", config_file.display()),
        false,
    );
    let database_ok = database_check(db, config, paths);
    let today = runtime::now().wall.with_timezone(&chrono::Utc).date_naive();
    emit(
        &format!(
            "Log: {}\n",
            crate::log::file_of(&paths.state_dir, today).display()
        ),
        false,
    );
    let connection = prometheus_connection(&config.prometheus, |name| std::env::var(name).ok())?;
    let (report, ok) = crate::doctor::run(
        connection.as_ref(),
        cycles,
        &paths.cycles_dir(),
        runtime::now().wall,
    );
    emit(&report, false);
    let sql = crate::sql::settings::connections(&config.sources, |name| std::env::var(name).ok())?;
    let (sql_report, sql_ok) =
        crate::doctor::sql_report(&sql, cycles, &paths.cycles_dir(), runtime::now().wall);
    emit(&sql_report, false);
    Ok(if ok && sql_ok && database_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `kaizen doctor`'s database line: SQLite's quick check of every page, so a damaged file is
/// found before a read answers with fewer rows. Whether it passed.
fn database_check(cli: Option<PathBuf>, config: &Config, paths: &Paths) -> bool {
    let path = database_path(cli.clone(), config, paths);
    if crate::store::is_postgres(&path) {
        let location =
            crate::config::database_location(cli, config, paths, |name| std::env::var(name).ok());
        let (line, ok) = match location.map(|l| (l.open().map_err(|e| e.to_string()), l)) {
            Ok((Ok(store), _)) => match store.schema_version() {
                Ok(version) => (format!("ok (PostgreSQL, schema version {version})"), true),
                Err(err) => (format!("FAILED: {err}"), false),
            },
            Ok((Err(why), _)) | Err(why) => (format!("FAILED: {why}"), false),
        };
        let shown = crate::store::Location::postgres(&path.to_string_lossy(), None, None, "")
            .map(|l| l.shown())
            .unwrap_or_else(|_| "the PostgreSQL database".into());
        emit(&format!("Database: {shown}: {line}\n"), false);
        return ok;
    }
    let (line, ok) = if !path.exists() {
        (
            "not created yet (kaizen makes it when the first change is saved)".to_string(),
            true,
        )
    } else {
        match crate::store::Store::check_file(&path) {
            Ok(()) => ("ok (quick check of every page)".to_string(), true),
            Err(err) => (format!("FAILED: {err}"), false),
        }
    };
    emit(&format!("Database: {}: {line}\n", path.display()), false);
    ok
}
