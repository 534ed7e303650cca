//! The command line's arguments (clap): the subcommands, their flags, and the value parsers
//! that clean what was typed before any command sees it.

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "kaizen",
    version,
    about = "Run your operations team's continuous-improvement reviews in the terminal",
    long_about = "Run your operations team's continuous-improvement reviews in the terminal.\n\n\
        With no command, opens the app on the home screen. Cycle templates in your config \
        folder's cycles/ override or add to the built-in weekly, monthly, quarterly and \
        annual reviews."
)]
pub struct Cli {
    /// SQLite database to use (default: kaizen.db in your data folder), or a PostgreSQL one
    /// several facilitators share: postgres://user@host/db (password in KAIZEN_DB_PASSWORD).
    #[arg(long, env = "KAIZEN_DB", value_name = "PATH", global = true)]
    pub db: Option<PathBuf>,

    /// The team whose reviews these are, when the database holds several (made when first
    /// named; `kaizen teams` lists them). Without one, the database's default team.
    #[arg(long, env = "KAIZEN_TEAM", value_name = "NAME", global = true, value_parser = one_line)]
    pub team: Option<String>,

    /// Open a demo with sample history in a private in-memory database; nothing is saved.
    #[arg(long)]
    pub demo: bool,

    /// Colours: `high-contrast` for projectors and screen shares (white on black, bright
    /// colours, nothing dim). Wins over `theme` in the config file.
    #[arg(long, value_name = "THEME")]
    pub theme: Option<crate::ui::theme::Theme>,

    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Start a meeting of a cycle right away (e.g. `kaizen start weekly`).
    Start {
        /// The cycle's key, as `kaizen cycles` lists it.
        #[arg(value_parser = one_line)]
        cycle: String,
    },
    /// Check the config, reach Prometheus and run every panel query once.
    Doctor,
    /// List improvement opportunities (by status or quadrant), or add one.
    #[command(args_conflicts_with_subcommands = true)]
    Opportunities {
        #[command(subcommand)]
        command: Option<OpportunitiesCommand>,
        /// identified, analyzed, planned, in_progress, measuring, validated, documented, dropped.
        #[arg(long, value_name = "STATUS", value_parser = parse_status)]
        status: Option<crate::opportunities::Status>,
        /// quick_wins, strategic, nice_to_haves or avoid (impact and effort of 3 count as high).
        #[arg(long, value_name = "QUADRANT", value_parser = parse_quadrant)]
        quadrant: Option<crate::opportunities::Quadrant>,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[arg(long)]
        csv: bool,
    },
    /// List the teams the database holds, with their people, meetings and open items.
    Teams {
        #[arg(long)]
        json: bool,
    },
    /// Search what the team learned: documented opportunities (what changed, results,
    /// lessons) and reviewed incidents (factors, what went well, prevention).
    Lessons {
        /// Words every lesson shown has (in its title or text), any case.
        #[arg(value_parser = one_line)]
        text: Vec<String>,
        /// Only this category: performance, cost, quality or security.
        #[arg(long, value_name = "CATEGORY", value_parser = one_line)]
        category: Option<String>,
        #[arg(long)]
        json: bool,
        /// Write the whole library (a page per lesson and an index) to the docs repository's
        /// folder that [publish.git] lessons names, commit and push it.
        #[arg(long, conflicts_with_all = ["text", "category", "json"])]
        publish: bool,
    },
    /// List incidents (since a date, JSON or CSV), or add one.
    #[command(args_conflicts_with_subcommands = true)]
    Incidents {
        #[command(subcommand)]
        command: Option<IncidentsCommand>,
        /// Only those that started on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        since: Option<NaiveDate>,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[arg(long)]
        csv: bool,
    },
    /// List action items (filters, JSON or CSV), or add, close or drop one.
    #[command(args_conflicts_with_subcommands = true)]
    Actions {
        #[command(subcommand)]
        command: Option<ActionsCommand>,
        /// Only this owner's items.
        #[arg(long, value_name = "NAME", value_parser = one_line)]
        owner: Option<String>,
        /// Only items with this status: open, done or dropped.
        #[arg(long, value_name = "STATUS")]
        status: Option<crate::actions::Status>,
        /// Only open items past their due date.
        #[arg(long)]
        overdue: bool,
        /// Print JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV.
        #[arg(long)]
        csv: bool,
    },
    /// List the review cycles, check template files, or print one to start your own.
    Cycles {
        /// Validate these template files instead; exits non-zero with the reasons.
        #[arg(long, value_name = "FILE", num_args = 1..)]
        check: Vec<PathBuf>,
        /// Print a cycle's template (built in, or your file), to save in your cycles folder
        /// and edit: kaizen cycles --show weekly > ~/.config/kaizen/cycles/weekly.toml
        #[arg(long, value_name = "CYCLE", conflicts_with = "check", value_parser = one_line)]
        show: Option<String>,
    },
    /// Bring panels in from elsewhere: `kaizen panels import DASHBOARD.json --cycle weekly
    /// --section "Metrics Review"` adds a Grafana dashboard's panels to a cycle's template.
    Panels {
        #[command(subcommand)]
        command: PanelsCommand,
    },
    /// Print every review date in a date range.
    Schedule {
        /// First day, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<NaiveDate>,
        /// Last day, YYYY-MM-DD, included (default: 12 weeks after --from).
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<NaiveDate>,
        /// Print JSON: [{"date": "YYYY-MM-DD", "cycle": "weekly"}, ...].
        #[arg(long, conflicts_with = "ics")]
        json: bool,
        /// Print an iCalendar file for calendar apps (e.g. `--ics > reviews.ics`).
        #[arg(long)]
        ics: bool,
    },
    /// Write the whole database (meetings, notes, metric values, opportunities, action items,
    /// people) as one JSON document, to back up, move machines or feed other tools.
    Export {
        /// json (the only format so far).
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Write it to this file instead of printing it.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Restore an export into an empty database (e.g. `kaizen --db new.db import FILE`).
    Import {
        /// The JSON document `kaizen export` wrote (`-`: standard input).
        file: PathBuf,
    },
    /// Print or write a meeting's report (the latest ended meeting unless told which).
    /// Publish a meeting to the config's [publish] targets (docs repository, chat webhook,
    /// email); without a meeting, every publication waiting to be tried again.
    Publish {
        /// The meeting's id, as `kaizen report --list` shows it.
        #[arg(conflicts_with = "last")]
        meeting: Option<i64>,
        /// The latest ended meeting, of CYCLE when given.
        #[arg(long, value_name = "CYCLE", num_args = 0..=1, default_missing_value = "", value_parser = one_line)]
        last: Option<String>,
    },
    Report {
        /// The meeting's id, as `kaizen report --list` shows it.
        #[arg(conflicts_with_all = ["last", "list"])]
        meeting: Option<i64>,
        /// The latest ended meeting, of CYCLE when given.
        #[arg(long, value_name = "CYCLE", num_args = 0..=1, default_missing_value = "", value_parser = one_line)]
        last: Option<String>,
        /// md (Markdown) or json.
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Write it to this file instead of printing it.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// List the meetings, newest first, with their ids.
        #[arg(long)]
        list: bool,
    },
}

/// The formats an export comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
}

/// The formats a report comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Md,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum PanelsCommand {
    /// Add a Grafana dashboard's panels (exported JSON) to a section of a cycle's template,
    /// written to your cycles folder (or --out), and list what could not come over and why.
    Import {
        /// The dashboard as Grafana exports it (Share > Export > Save to file).
        dashboard: PathBuf,
        /// The cycle whose template gets the panels (weekly, monthly, ...).
        #[arg(long, value_parser = one_line)]
        cycle: String,
        /// The section of that cycle the panels go in.
        #[arg(long, value_parser = one_line)]
        section: String,
        /// A value for a dashboard variable, e.g. --var job=api (repeat for several).
        #[arg(long = "var", value_name = "NAME=VALUE", value_parser = variable)]
        vars: Vec<(String, String)>,
        /// Write the template here instead of your cycles folder.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum OpportunitiesCommand {
    /// Add an opportunity with a title and, optionally, its scores.
    Add {
        #[arg(value_parser = one_line)]
        title: String,
        /// 1 (least) to 5 (most).
        #[arg(long, default_value_t = 3, value_parser = score, allow_negative_numbers = true)]
        impact: u8,
        /// 1 (least) to 5 (most).
        #[arg(long, default_value_t = 3, value_parser = score, allow_negative_numbers = true)]
        effort: u8,
    },
}

#[derive(Debug, Subcommand)]
pub enum IncidentsCommand {
    /// Add an incident by hand (most come from the alerts that fired).
    Add {
        #[arg(value_parser = one_line)]
        title: String,
        /// When it started: "YYYY-MM-DD HH:MM", local time.
        #[arg(long, value_name = "WHEN")]
        start: String,
        /// When it ended, the same way (leave out while it goes on).
        #[arg(long, value_name = "WHEN")]
        end: Option<String>,
        #[arg(long, default_value = "", value_parser = one_line)]
        severity: String,
        #[arg(long, value_parser = one_line)]
        service: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ActionsCommand {
    /// Add an action item.
    Add {
        #[arg(value_parser = one_line)]
        title: String,
        /// Who owns it (someone in the team roster).
        #[arg(long, value_name = "NAME", value_parser = one_line)]
        owner: String,
        /// When it is due: 2026-12-04, fri, +3d, +2w, tomorrow, next week.
        #[arg(long, value_name = "WHEN")]
        due: String,
        /// Add the owner to the roster if they are not in it.
        #[arg(long)]
        add_owner: bool,
    },
    /// Mark an action item done.
    Done { id: i64 },
    /// Push an action item to the config's [tracker] as an issue (GitHub or GitLab).
    Push { id: i64 },
    /// Read back every pushed item's issue: one closed there is done here.
    Sync,
    /// Drop an action item, saying why.
    Drop {
        id: i64,
        #[arg(long, value_parser = lines)]
        reason: String,
    },
}

/// Text typed on the command line for a one-line field, as kaizen keeps it: line breaks
/// become spaces, other control and escape characters are made visible (`␛`), so what was
/// typed can never replay on a terminal.
fn one_line(text: &str) -> Result<String, String> {
    let joined = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
    Ok(crate::text::clean(&joined).into_owned())
}

/// `NAME=VALUE` for a dashboard variable; the value goes into PromQL, so one line.
fn variable(text: &str) -> Result<(String, String), String> {
    let (name, value) = text.split_once('=').ok_or_else(|| {
        let shown = crate::text::clean(text);
        format!("\"{shown}\" is not NAME=VALUE, e.g. --var job=api")
    })?;
    let name = name.trim().trim_start_matches('$');
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "\"{}\" is not a variable name: letters, digits and _",
            one_line(name)?
        ));
    }
    Ok((name.to_string(), one_line(value)?))
}

/// An impact or effort score: a whole number from 1 (least) to 5 (most).
fn score(text: &str) -> Result<u8, String> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|n| (1..=5).contains(n))
        .ok_or_else(|| {
            format!("\"{text}\" is not a score: give a whole number from 1 (least) to 5 (most)")
        })
}

/// The same for a field that keeps line breaks (a drop reason).
fn lines(text: &str) -> Result<String, String> {
    Ok(crate::text::clean_multiline(text))
}

/// Reads `--status` / `--quadrant` values, saying which names work.
fn parse_status(text: &str) -> Result<crate::opportunities::Status, String> {
    crate::opportunities::parse_name(text).ok_or_else(|| {
        format!(
            "status \"{text}\" is not one kaizen knows: use identified, analyzed, planned, \
             in_progress, measuring, validated, documented or dropped"
        )
    })
}

fn parse_quadrant(text: &str) -> Result<crate::opportunities::Quadrant, String> {
    crate::opportunities::parse_name(text).ok_or_else(|| {
        format!(
            "quadrant \"{text}\" is not one kaizen knows: use quick_wins, strategic, \
             nice_to_haves or avoid"
        )
    })
}

/// The subcommand's name for the log (its arguments may hold anything a user typed).
pub fn command_name(command: Option<&CliCommand>) -> &'static str {
    match command {
        None => "app",
        Some(CliCommand::Start { .. }) => "start",
        Some(CliCommand::Cycles { .. }) => "cycles",
        Some(CliCommand::Publish { .. }) => "publish",
        Some(CliCommand::Lessons { .. }) => "lessons",
        Some(CliCommand::Teams { .. }) => "teams",
        Some(CliCommand::Doctor) => "doctor",
        Some(_) => "other",
    }
}
