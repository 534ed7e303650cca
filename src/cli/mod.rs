//! The command line: its arguments (`args.rs`), one file per subcommand, and [`run`], which
//! loads the config and templates (refusing bad ones before the terminal is touched), then
//! runs the subcommand or opens the app.

mod actions;
mod args;
mod cycles;
mod database;
mod doctor;
mod emit;
mod export;
mod import;
mod incidents;
mod lessons;
mod opportunities;
mod panels;
mod publish;
mod report;
mod schedule;
mod start;
mod teams;
mod tracker;

pub use args::{
    ActionsCommand, Cli, CliCommand, ExportFormat, IncidentsCommand, OpportunitiesCommand,
    ReportFormat, command_name,
};
pub use cycles::cycles_table;
pub use schedule::{ScheduleFormat, schedule_output};
pub use start::load_rows;

use self::cycles::{check_templates, template_text};
use crate::config::{Paths, load_config};
use crate::cycles::load_team_cycles;
use crate::runtime;
use database::{changes_the_store, open_store};
use emit::emit;
use start::{open_app, start_meeting};
use std::process::ExitCode;

/// Runs what the command line asks for. An `Err` is a refusal to print (exit code 2).
pub fn run(cli: Cli, paths: &Paths) -> Result<ExitCode, String> {
    if let Some(CliCommand::Cycles { check, .. }) = &cli.command
        && !check.is_empty()
    {
        return Ok(check_templates(check));
    }
    let config = load_config(&paths.config_file())?;
    // A team's own templates (cycles/TEAM/) lie over everyone's.
    let team = cli.team.clone().or_else(|| config.team.clone());
    let cycles = load_team_cycles(&paths.cycles_dir(), team.as_deref()).map_err(|err| {
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
    // Opened only by the subcommands that read or write it, once their arguments are checked.
    let open = || {
        open_store(
            (cli.demo, cli.db.clone(), team.as_deref()),
            &config,
            paths,
            &cycles,
        )
    };
    match cli.command {
        Some(CliCommand::Cycles {
            show: Some(key), ..
        }) => emit(&template_text(&cycles, &key)?, false),
        Some(CliCommand::Cycles { .. }) => emit(&cycles_table(&cycles), false),
        Some(CliCommand::Panels {
            command:
                args::PanelsCommand::Import {
                    dashboard,
                    cycle,
                    section,
                    vars,
                    out,
                },
        }) => panels::import(&panels::Request {
            dashboard: &dashboard,
            cycle: &cycle,
            section: &section,
            vars: vars.into_iter().collect(),
            out: out.unwrap_or_else(|| paths.cycles_dir().join(format!("{cycle}.toml"))),
            cycles: &cycles,
        })?,
        Some(CliCommand::Actions {
            command: Some(args::ActionsCommand::Push { id }),
            ..
        }) => return tracker::push(&open()?, &config, id),
        Some(CliCommand::Actions {
            command: Some(args::ActionsCommand::Sync),
            ..
        }) => return tracker::sync(&mut open()?, &config),
        Some(CliCommand::Actions {
            command,
            owner,
            status,
            overdue,
            json,
            csv,
        }) => {
            let mut store = open()?;
            let now = runtime::now().wall;
            let filter = crate::actions::Filter {
                owner,
                status,
                overdue_on: overdue.then_some(today),
            };
            let done = actions::run(&mut store, command, &filter, (json, csv), now)?;
            emit(&done.text, json);
            if let Some(id) = done.made {
                return tracker::push_new(&store, &config, id);
            }
        }
        Some(CliCommand::Opportunities {
            command,
            status,
            quadrant,
            json,
            csv,
        }) => opportunities::run(&mut open()?, command, (status, quadrant), (json, csv))?,
        Some(CliCommand::Incidents {
            command,
            since,
            json,
            csv,
        }) => {
            let mut store = open()?;
            let now = runtime::now().wall;
            let text = incidents::run(&mut store, command, since, (json, csv), now)?;
            emit(&text, json);
        }
        Some(CliCommand::Export { format: _, output }) => export::run(&open()?, output)?,
        Some(CliCommand::Import { file }) => import::run(&file, &cycles, open)?,
        Some(CliCommand::Teams { json }) => emit(&teams::list(&open()?, json)?, json),
        Some(CliCommand::Lessons { publish: true, .. }) => {
            return lessons::publish(&open()?, &config);
        }
        Some(CliCommand::Lessons {
            text,
            category,
            json,
            ..
        }) => {
            let text = lessons::run(&open()?, &text.join(" "), category.as_deref(), json)?;
            emit(&text, json);
        }
        Some(CliCommand::Publish { meeting, last }) => {
            let store = open()?;
            let which = match (meeting, last) {
                (Some(id), _) => Some(report::Which::Id(id)),
                (None, Some(cycle)) => Some(report::Which::Last(Some(cycle))),
                (None, None) => None,
            };
            let location = store.location().clone();
            return publish::run(&store, &config, cycles, location, which);
        }
        Some(CliCommand::Report { list: true, .. }) => emit(&report::list(&open()?)?, false),
        Some(CliCommand::Report {
            meeting,
            last,
            format,
            output,
            list: false,
        }) => report::run(&open()?, &cycles, meeting, last, format, output)?,
        Some(CliCommand::Doctor) => return doctor::run(cli.db.clone(), &config, paths, &cycles),
        Some(CliCommand::Schedule {
            from,
            until,
            json,
            ics,
        }) => schedule::run(&cycles, today, (from, until), (json, ics))?,
        Some(CliCommand::Start { ref cycle }) => {
            let first = vec![start_meeting(&cycles, cycle)?];
            open_app(cli, &config, paths, cycles, first)?
        }
        None => open_app(cli, &config, paths, cycles, Vec::new())?,
    }
    Ok(ExitCode::SUCCESS)
}
