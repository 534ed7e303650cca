//! Opening the app: the store, the metric source and the model made ready, then the terminal
//! handed to the runtime (`kaizen`, `kaizen start CYCLE`).

use super::Cli;
use super::database::{demo_store, ensure_default_folder};
use crate::config::{Config, Paths, prometheus_connection};
use crate::cycles::Cycle;
use crate::keymap::Keymap;
use crate::metrics::client::PrometheusClient;
use crate::metrics::source::Source;
use crate::model::Model;
use crate::model::dialog::Unfinished;
use crate::msg::Msg;
use crate::runtime;
use crate::store::{Store, StoreError};

/// `kaizen start CYCLE`: the message that starts its meeting once the app is open, or why
/// there is no such cycle.
pub(super) fn start_meeting(cycles: &[Cycle], cycle: &str) -> Result<Msg, String> {
    if !cycles.iter().any(|c| c.key == cycle) {
        let known: Vec<&str> = cycles.iter().map(|c| c.key.as_str()).collect();
        return Err(format!(
            "there is no cycle \"{cycle}\": use one of {} (kaizen cycles lists them)",
            known.join(", ")
        ));
    }
    Ok(Msg::StartMeeting(cycle.to_string()))
}

/// Gives a new model the rows it starts from: the roster, every action item, the last
/// values of each panel, and a meeting left unfinished (with what its Follow-ups decided).
pub fn load_rows(model: &mut Model, store: &Store) -> Result<(), StoreError> {
    let roster = store.roster()?;
    model.people = roster.iter().map(|p| p.name.clone()).collect();
    model.handles = roster
        .iter()
        .filter_map(|p| Some((p.name.clone(), p.handle.clone()?)))
        .collect();
    model.emails = roster
        .into_iter()
        .filter_map(|p| Some((p.name, p.email?)))
        .collect();
    model.actions = store.actions(&crate::actions::Filter::default())?;
    model.previous_values = store.previous_values()?;
    if let Some(meeting) = store.unfinished_meeting()? {
        let elsewhere = store.meeting_running_elsewhere()?;
        let decided = match meeting.id {
            Some(id) => store.decided_in(id)?,
            None => Default::default(),
        };
        model.offer_resume(Unfinished {
            meeting,
            elsewhere,
            holder: store.meeting_holder()?,
            decided,
        });
    }
    Ok(())
}

/// Opens the app with `first` queued (a meeting to start, or nothing for the home screen).
pub(super) fn open_app(
    cli: Cli,
    config: &Config,
    paths: &Paths,
    cycles: Vec<Cycle>,
    first: Vec<Msg>,
) -> Result<(), String> {
    let now = runtime::now();
    // SQL panels' databases, checked with the templates that name them before anything
    // else: the demo has none (its panels say so).
    let sql = if cli.demo {
        crate::sql::Sources::new()
    } else {
        let sql =
            crate::sql::settings::connections(&config.sources, |name| std::env::var(name).ok())?;
        crate::sql::check_panels(&cycles, &sql)?;
        // The source's name only: its address and user stay out of the log.
        for connection in sql.values() {
            tracing::info!(source = connection.name(), "SQL source");
        }
        sql
    };
    let location = crate::config::database_location(cli.db.clone(), config, paths, |name| {
        std::env::var(name).ok()
    })?;
    let team = cli.team.clone().or_else(|| config.team.clone());
    // Where ended meetings go, checked (and their secrets read) before the terminal is
    // taken; the demo publishes nothing.
    let publish = if cli.demo {
        None
    } else {
        let targets =
            crate::publish::Targets::from_config(&config.publish, |name| std::env::var(name).ok())?;
        (!targets.configured().is_empty()).then(|| crate::publish::run::Context {
            targets,
            cycles: cycles.clone(),
            location: location.clone(),
            team: team.clone(),
        })
    };
    let tracker = match (&config.tracker, cli.demo) {
        (Some(tracker), false) => Some(crate::tracker::Tracker::from_config(tracker, |name| {
            std::env::var(name).ok()
        })?),
        _ => None,
    };
    // Reports go beside a database file; beside a server's, in kaizen's data folder.
    let default_db = paths.default_db();
    let reports = crate::config::reports_dir(config, location.file().unwrap_or(&default_db));
    let (store, label) = if cli.demo {
        (
            demo_store(&cycles, now.wall)?,
            "demo: nothing is saved".to_string(),
        )
    } else {
        if let Some(path) = location.file() {
            ensure_default_folder(path, paths)?;
        }
        let store = Store::open_for(&location, team.as_deref()).map_err(|e| e.to_string())?;
        let label = match &team {
            Some(team) => format!("{} · team {}", location.shown(), crate::text::clean(team)),
            None => location.shown(),
        };
        (store, label)
    };
    let source = if cli.demo {
        Source::Demo
    } else {
        match prometheus_connection(&config.prometheus, |name| std::env::var(name).ok())? {
            Some(connection) => {
                // The URL as shown (a password in it hidden); never the credentials.
                tracing::info!(
                    url = %crate::config::shown_url(&connection.url),
                    credentials = connection.credentials.is_some(),
                    "Prometheus"
                );
                Source::Prometheus(PrometheusClient::new(&connection)?)
            }
            None => Source::Missing,
        }
    };
    let last_held = store.last_held().map_err(|e| e.to_string())?;
    // Checked when the config was read; the same result here.
    let keymap = Keymap::with_rebinds(&config.rebinds).map_err(|err| err.to_string())?;
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
    if let Some(publish) = &publish {
        model.publish_targets = publish.targets.configured();
        model.publish_on_end = publish.targets.on_end;
    }
    model.tracker = match &tracker {
        Some(tracker) if tracker.auto => crate::model::Tracking::Auto,
        Some(_) => crate::model::Tracking::OnRequest,
        None => crate::model::Tracking::Off,
    };
    model.theme = cli.theme.unwrap_or(config.theme);
    // https://no-color.org: set and not empty.
    model.plain = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    load_rows(&mut model, &store).map_err(|e| e.to_string())?;
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
    let ended = runtime::run(
        model,
        store,
        source,
        crate::executor::Reach {
            sql,
            publish,
            tracker,
        },
        reports,
        first,
    )
    .map_err(|err| format!("terminal error: {err}"));
    match &ended {
        Ok(()) => tracing::info!("the meeting screen closes"),
        Err(err) => tracing::error!(error = %err, "the meeting screen failed"),
    }
    ended
}
