//! The `kaizen` binary: parse the command line, load config and templates (refusing bad ones
//! before the terminal is touched), open the store, then hand over to the runtime.

use clap::Parser;
use kaizen::cli::{Cli, CliCommand, cycles_table, schedule_output};
use kaizen::config::{Paths, database_path, load_config, prometheus_connection};
use kaizen::cycles::{Cycle, load_cycles, load_file};
use kaizen::keymap::Keymap;
use kaizen::metrics::client::PrometheusClient;
use kaizen::metrics::source::Source;
use kaizen::model::Model;
use kaizen::model::dialog::Unfinished;
use kaizen::msg::Msg;
use kaizen::store::Store;
use kaizen::text::{clean, for_terminal, json_for_terminal};
use kaizen::{demo, runtime};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("kaizen: {}", for_terminal(&message));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    let paths = Paths::discover()?;
    // Kept to the end of `run`, so the last lines reach the file.
    let _log = kaizen::log::start(&paths.state_dir);
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        command = command_name(cli.command.as_ref()),
        demo = cli.demo,
        "kaizen starts"
    );
    if let Some(CliCommand::Cycles { check, .. }) = &cli.command
        && !check.is_empty()
    {
        return Ok(check_templates(check));
    }
    let config = load_config(&paths.config_file())?;
    let cycles = load_cycles(Some(&paths.cycles_dir())).map_err(|err| {
        format!("a cycle template was refused; fix it or move it out of the way:\n{err}")
    })?;
    let today = runtime::now().wall.date_naive();
    if cli.demo && changes_the_store(cli.command.as_ref()) {
        return Err(
            "the demo saves nothing, so it cannot take this change: run the same \
                    command without --demo to change your own database"
                .into(),
        );
    }
    match cli.command {
        Some(CliCommand::Cycles {
            show: Some(key), ..
        }) => emit(&template_text(&cycles, &key)?, false),
        Some(CliCommand::Cycles { .. }) => emit(&cycles_table(&cycles), false),
        Some(CliCommand::Actions {
            command,
            owner,
            status,
            overdue,
            json,
            csv,
        }) => {
            let mut store = open_store((cli.demo, cli.db.clone()), &config, &paths, &cycles)?;
            let now = runtime::now().wall;
            let filter = kaizen::actions::Filter {
                owner,
                status,
                overdue_on: overdue.then_some(today),
            };
            let text = kaizen::actions::cli::run(&mut store, command, &filter, (json, csv), now)?;
            emit(&text, json);
        }
        Some(CliCommand::Opportunities {
            command,
            status,
            quadrant,
            json,
            csv,
        }) => {
            use kaizen::opportunities::output;
            let mut store = open_store((cli.demo, cli.db.clone()), &config, &paths, &cycles)?;
            if let Some(kaizen::cli::OpportunitiesCommand::Add {
                title,
                impact,
                effort,
            }) = command
            {
                if title.trim().is_empty() {
                    return Err("the title is empty: name the improvement".into());
                }
                let mut new =
                    kaizen::opportunities::Opportunity::titled(&title, runtime::now().wall);
                new.impact = impact;
                new.effort = effort;
                let id = store.save_opportunity(&new).map_err(|e| e.to_string())?;
                emit(
                    &format!("Added opportunity {id} ({}).\n", new.quadrant().label()),
                    false,
                );
                return Ok(ExitCode::SUCCESS);
            }
            let all = store.opportunities().map_err(|e| e.to_string())?;
            let chosen = output::select(&all, &output::Selection { status, quadrant });
            let text = match (json, csv) {
                (true, _) => output::json(&chosen)?,
                (_, true) => output::csv(&chosen)?,
                _ => output::table(&chosen),
            };
            emit(&text, json);
        }
        Some(CliCommand::Incidents {
            command,
            since,
            json,
            csv,
        }) => {
            let mut store = open_store((cli.demo, cli.db.clone()), &config, &paths, &cycles)?;
            let now = runtime::now().wall;
            let text = kaizen::incidents::cli::run(&mut store, command, since, (json, csv), now)?;
            emit(&text, json);
        }
        Some(CliCommand::Export { format: _, output }) => {
            let store = open_store((cli.demo, cli.db.clone()), &config, &paths, &cycles)?;
            let text = store
                .export_json(runtime::now().wall)
                .map_err(|e| e.to_string())?;
            match output {
                Some(path) => {
                    kaizen::report::file::write_file(&path, &text)?;
                    emit(&format!("Wrote {}\n", path.display()), false);
                }
                None => emit(&text, true),
            }
        }
        Some(CliCommand::Import { file }) => {
            // Read and check the whole file before the database is opened, let alone written.
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("{}: cannot read it: {e}", file.display()))?;
            let import =
                kaizen::store::export::read(&text, kaizen::store::latest_version(), &cycles)
                    .map_err(|e| format!("{}: {e}; nothing was imported", file.display()))?;
            let mut store = open_store((cli.demo, cli.db.clone()), &config, &paths, &cycles)?;
            let rows = store
                .import(&import)
                .map_err(|e| format!("{}: {e}; nothing was imported", file.display()))?;
            emit(
                &format!(
                    "Imported {rows} rows from {} into {}.\n",
                    file.display(),
                    store.path().display()
                ),
                false,
            );
        }
        Some(CliCommand::Report {
            meeting,
            last,
            format,
            output,
            list,
        }) => {
            use kaizen::report::cli;
            let store = open_store((cli.demo, cli.db.clone()), &config, &paths, &cycles)?;
            if list {
                emit(&cli::list(&store)?, false);
                return Ok(ExitCode::SUCCESS);
            }
            let which = match meeting {
                Some(id) => cli::Which::Id(id),
                None => cli::Which::Last(last),
            };
            let json = format == kaizen::cli::ReportFormat::Json;
            let (_, text) = cli::report(&store, &cycles, which, format, runtime::now().wall)?;
            match output {
                Some(path) => {
                    kaizen::report::file::write_file(&path, &text)?;
                    emit(&format!("Wrote {}\n", path.display()), false);
                }
                None => emit(&text, json),
            }
        }
        Some(CliCommand::Doctor) => {
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
            let database_ok = database_check(cli.db.clone(), &config, &paths);
            let today = runtime::now().wall.with_timezone(&chrono::Utc).date_naive();
            emit(
                &format!(
                    "Log: {}\n",
                    kaizen::log::file_of(&paths.state_dir, today).display()
                ),
                false,
            );
            let connection =
                prometheus_connection(&config.prometheus, |name| std::env::var(name).ok())?;
            let (report, ok) = kaizen::doctor::run(
                connection.as_ref(),
                &cycles,
                &paths.cycles_dir(),
                runtime::now().wall,
            );
            emit(&report, false);
            return Ok(if ok && database_ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            });
        }
        Some(CliCommand::Schedule {
            from,
            until,
            json,
            ics,
        }) => {
            use kaizen::cli::ScheduleFormat;
            let from = from.unwrap_or(today);
            let until = until.unwrap_or(from + chrono::Days::new(84));
            let format = match (json, ics) {
                (_, true) => ScheduleFormat::Ics(runtime::now().wall.with_timezone(&chrono::Utc)),
                (true, _) => ScheduleFormat::Json,
                _ => ScheduleFormat::Text,
            };
            emit(&schedule_output(&cycles, from, until, format)?, json);
        }
        Some(CliCommand::Start { ref cycle }) => {
            if !cycles.iter().any(|c| &c.key == cycle) {
                let known: Vec<&str> = cycles.iter().map(|c| c.key.as_str()).collect();
                return Err(format!(
                    "there is no cycle \"{cycle}\": use one of {} (kaizen cycles lists them)",
                    known.join(", ")
                ));
            }
            let first = vec![Msg::StartMeeting(cycle.clone())];
            open_app(cli, &config, &paths, cycles, first)?
        }
        None => open_app(cli, &config, &paths, cycles, Vec::new())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The database the command line and config point at (the default one made if need be), or
/// with `--demo` the demo's own in memory, so that nothing real is read or written.
fn open_store(
    (demo, db): (bool, Option<std::path::PathBuf>),
    config: &kaizen::config::Config,
    paths: &Paths,
    cycles: &[Cycle],
) -> Result<Store, String> {
    if demo {
        return demo_store(cycles, runtime::now().wall);
    }
    let path = database_path(db, config, paths);
    ensure_default_folder(&path, paths)?;
    let store = Store::open(&path).map_err(|e| e.to_string())?;
    // A damaged page can make a list come back short or empty without an error.
    store.check().map_err(|e| e.to_string())?;
    Ok(store)
}

/// Whether a command writes to the database (refused with `--demo`, which reads its own).
fn changes_the_store(command: Option<&CliCommand>) -> bool {
    matches!(
        command,
        Some(
            CliCommand::Import { .. }
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
fn demo_store(
    cycles: &[Cycle],
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Store, String> {
    let mut store = Store::open_in_memory().map_err(|e| e.to_string())?;
    demo::seed_history(&mut store, cycles, now).map_err(|e| e.to_string())?;
    demo::seed_opportunities(&mut store, now).map_err(|e| e.to_string())?;
    Ok(store)
}

/// kaizen makes its own data folder; a folder the user named must already exist.
fn ensure_default_folder(path: &std::path::Path, paths: &Paths) -> Result<(), String> {
    if path == paths.default_db() {
        std::fs::create_dir_all(&paths.data_dir)
            .map_err(|e| format!("{}: {e}", paths.data_dir.display()))?;
    }
    Ok(())
}

/// Prints a command's output safe for a terminal, whatever the database or a file holds:
/// JSON with the characters a terminal acts on escaped (it still decodes to the same text),
/// anything else with them made visible.
fn emit(text: &str, json: bool) {
    let text = if json {
        json_for_terminal(text)
    } else {
        for_terminal(text)
    };
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    // A reader that stopped early (`kaizen export | head`) wants no more: not an error.
    if let Err(err) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("kaizen: cannot write the output: {err}");
    }
}

fn emit_line(text: String) {
    emit(&(text + "\n"), false);
}

/// The subcommand's name for the log (its arguments may hold anything a user typed).
fn command_name(command: Option<&CliCommand>) -> &'static str {
    match command {
        None => "app",
        Some(CliCommand::Start { .. }) => "start",
        Some(CliCommand::Cycles { .. }) => "cycles",
        Some(CliCommand::Doctor) => "doctor",
        Some(_) => "other",
    }
}

/// `kaizen doctor`'s database line: SQLite's quick check of every page, so a damaged file is
/// found before a read answers with fewer rows. Whether it passed.
fn database_check(
    cli: Option<std::path::PathBuf>,
    config: &kaizen::config::Config,
    paths: &Paths,
) -> bool {
    let path = database_path(cli, config, paths);
    let (line, ok) = if !path.exists() {
        (
            "not created yet (kaizen makes it when the first change is saved)".to_string(),
            true,
        )
    } else {
        match kaizen::store::Store::check_file(&path) {
            Ok(()) => ("ok (quick check of every page)".to_string(), true),
            Err(err) => (format!("FAILED: {err}"), false),
        }
    };
    emit(&format!("Database: {}: {line}\n", path.display()), false);
    ok
}

/// `kaizen cycles --show KEY`: the cycle's template as kaizen reads it, built in or the
/// user's own file.
fn template_text(cycles: &[kaizen::cycles::Cycle], key: &str) -> Result<String, String> {
    let Some(cycle) = cycles.iter().find(|c| c.key == key) else {
        let known: Vec<&str> = cycles.iter().map(|c| c.key.as_str()).collect();
        return Err(format!(
            "no cycle \"{key}\": the cycles are {} (kaizen cycles lists them)",
            known.join(", ")
        ));
    };
    match &cycle.origin {
        kaizen::cycles::Origin::File(path) => std::fs::read_to_string(path)
            .map_err(|err| format!("{}: cannot read the template: {err}", path.display())),
        kaizen::cycles::Origin::BuiltIn => kaizen::cycles::BUILTIN_TEMPLATES
            .iter()
            .find(|(builtin, _)| *builtin == key)
            .map(|(_, text)| text.to_string())
            .ok_or_else(|| format!("no built-in template \"{key}\"")),
    }
}

fn check_templates(files: &[std::path::PathBuf]) -> ExitCode {
    let mut failed = false;
    for file in files {
        match load_file(file) {
            Ok(cycle) => emit_line(format!(
                "{}: ok ({}, {}, {} section{}, {} min)",
                file.display(),
                clean(&cycle.name),
                cycle.cadence,
                cycle.sections.len(),
                if cycle.sections.len() == 1 { "" } else { "s" },
                cycle.duration_minutes
            )),
            Err(err) => {
                eprintln!("{}", for_terminal(&err.to_string()));
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn open_app(
    cli: Cli,
    config: &kaizen::config::Config,
    paths: &Paths,
    cycles: Vec<Cycle>,
    first: Vec<Msg>,
) -> Result<(), String> {
    let now = runtime::now();
    let path = database_path(cli.db.clone(), config, paths);
    let reports = kaizen::config::reports_dir(config, &path);
    let (store, label) = if cli.demo {
        (
            demo_store(&cycles, now.wall)?,
            "demo: nothing is saved".to_string(),
        )
    } else {
        ensure_default_folder(&path, paths)?;
        let store = Store::open(&path).map_err(|e| e.to_string())?;
        (store, path.display().to_string())
    };
    let source = if cli.demo {
        Source::Demo
    } else {
        match prometheus_connection(&config.prometheus, |name| std::env::var(name).ok())? {
            Some(connection) => {
                // The URL as shown (a password in it hidden); never the credentials.
                tracing::info!(
                    url = %kaizen::config::shown_url(&connection.url),
                    credentials = connection.credentials.is_some(),
                    "Prometheus"
                );
                Source::Prometheus(PrometheusClient::new(&connection)?)
            }
            None => Source::Missing,
        }
    };
    let last_held = store.last_held().map_err(|e| e.to_string())?;
    let keymap = Keymap::new()?;
    let mut model = Model::new(cycles, last_held, now, keymap);
    model.store_label = label;
    model.settings = config.meeting.clone();
    model.anomalies = config.anomalies;
    // The report names who ran the meeting: the config says, or the login name.
    if model.settings.facilitator.is_none() {
        model.settings.facilitator = ["USER", "LOGNAME"]
            .iter()
            .find_map(|name| std::env::var(name).ok())
            .filter(|name| !name.trim().is_empty());
    }
    model.demo = cli.demo;
    let roster = store.roster().map_err(|e| e.to_string())?;
    model.people = roster.iter().map(|(name, _)| name.clone()).collect();
    model.handles = roster
        .into_iter()
        .filter_map(|(name, handle)| Some((name, handle?)))
        .collect();
    model.actions = store
        .actions(&kaizen::actions::Filter::default())
        .map_err(|e| e.to_string())?;
    model.previous_values = store.previous_values().map_err(|e| e.to_string())?;
    if let Some(meeting) = store.unfinished_meeting().map_err(|e| e.to_string())? {
        let elsewhere = store
            .meeting_running_elsewhere()
            .map_err(|e| e.to_string())?;
        model.offer_resume(Unfinished { meeting, elsewhere });
    }
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(
            "kaizen's meeting screen needs a terminal (stdin and stdout are not one). \
                    For scripts use `kaizen cycles` or `kaizen schedule`; over ssh use `ssh -t`"
                .into(),
        );
    }
    // A write waits a moment for another process's lock, then waits in kaizen's own queue
    // and is tried again: the screen never stands still for the disk.
    store
        .set_busy_wait(std::time::Duration::from_millis(100))
        .map_err(|e| e.to_string())?;
    tracing::info!(database = %model.store_label, "the meeting screen opens");
    let ended = runtime::run(model, store, source, reports, first)
        .map_err(|err| format!("terminal error: {err}"));
    match &ended {
        Ok(()) => tracing::info!("the meeting screen closes"),
        Err(err) => tracing::error!(error = %err, "the meeting screen failed"),
    }
    ended
}
