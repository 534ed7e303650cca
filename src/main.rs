//! The `kaizen` binary: parse the command line, start the log, then hand over to
//! [`kaizen::cli::run`]; what it refuses is printed here, with exit code 2.

use clap::Parser;
use kaizen::cli::{Cli, command_name};
use kaizen::config::Paths;
use kaizen::text::for_terminal;
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
    kaizen::cli::run(cli, &paths)
}
