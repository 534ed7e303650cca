//! `kaizen cycles`: the review cycles as a table, one cycle's template to start your own from,
//! or a check of template files before they go in the cycles folder.

use super::emit::emit_line;
use crate::cycles::{Cycle, format_minutes, load_file};
use crate::text::{clean, for_terminal};
use std::fmt::Write;
use std::process::ExitCode;

/// `kaizen cycles`: one line per cycle.
pub fn cycles_table(cycles: &[Cycle]) -> String {
    let rows: Vec<[String; 4]> = cycles
        .iter()
        .map(|cycle| {
            let sections: Vec<String> = cycle
                .sections
                .iter()
                .map(|s| format!("{} ({})", s.title, format_minutes(s.minutes)))
                .collect();
            let length = format!("{} min", cycle.duration_minutes);
            let length = if cycle.duration_label == format_minutes(cycle.duration_minutes) {
                length
            } else {
                format!("{length} ({})", cycle.duration_label)
            };
            // Template text is outside text: it reaches the terminal only cleaned.
            [
                cycle.key.clone(),
                cycle.cadence.to_string(),
                length,
                sections.join(", "),
            ]
            .map(|cell| clean(&cell).into_owned())
        })
        .collect();
    let header = ["CYCLE", "CADENCE", "LENGTH", "SECTIONS"].map(String::from);
    let width = |column: usize| {
        rows.iter()
            .chain([&header])
            .map(|row| row[column].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w0, w1, w2) = (width(0), width(1), width(2));
    let mut out = String::new();
    for row in [&header].into_iter().chain(rows.iter()) {
        let _ = writeln!(
            out,
            "{:<w0$}  {:<w1$}  {:<w2$}  {}",
            row[0], row[1], row[2], row[3]
        );
    }
    out
}

/// `kaizen cycles --show KEY`: the cycle's template as kaizen reads it, built in or the
/// user's own file.
pub(super) fn template_text(cycles: &[Cycle], key: &str) -> Result<String, String> {
    let Some(cycle) = cycles.iter().find(|c| c.key == key) else {
        let known: Vec<&str> = cycles.iter().map(|c| c.key.as_str()).collect();
        return Err(format!(
            "no cycle \"{key}\": the cycles are {} (kaizen cycles lists them)",
            known.join(", ")
        ));
    };
    match &cycle.origin {
        crate::cycles::Origin::File(path) => std::fs::read_to_string(path)
            .map_err(|err| format!("{}: cannot read the template: {err}", path.display())),
        crate::cycles::Origin::BuiltIn => crate::cycles::BUILTIN_TEMPLATES
            .iter()
            .find(|(builtin, _)| *builtin == key)
            .map(|(_, text)| text.to_string())
            .ok_or_else(|| format!("no built-in template \"{key}\"")),
    }
}

/// `kaizen cycles --check FILE...`: each file's verdict; fails when any was refused.
pub(super) fn check_templates(files: &[std::path::PathBuf]) -> ExitCode {
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
