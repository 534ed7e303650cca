//! `kaizen panels import`: a Grafana dashboard's panels added to a cycle's template, the
//! result checked as `cycles --check` checks it before it is written.

use super::cycles::template_text;
use super::emit::emit;
use crate::cycles::{Cycle, Origin, parse_template};
use crate::grafana::{self, Span};
use crate::text::clean;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

pub(super) struct Request<'a> {
    pub dashboard: &'a Path,
    pub cycle: &'a str,
    pub section: &'a str,
    pub vars: BTreeMap<String, String>,
    pub out: PathBuf,
    pub cycles: &'a [Cycle],
}

pub(super) fn import(request: &Request) -> Result<(), String> {
    let shown = request.dashboard.display().to_string();
    let text = std::fs::read_to_string(request.dashboard)
        .map_err(|err| format!("{}: cannot read it: {err}", clean(&shown)))?;
    let mut outcome = grafana::import(&text, &request.vars, &Span::for_cycle(request.cycle))
        .map_err(|err| format!("{}: {err}", clean(&shown)))?;
    // Importing the same dashboard again adds nothing twice.
    let present: Vec<&str> = request
        .cycles
        .iter()
        .filter(|c| c.key == request.cycle)
        .flat_map(|c| &c.sections)
        .filter(|s| s.title == request.section)
        .flat_map(|s| &s.panels)
        .map(|p| p.title.as_str())
        .collect();
    let (new, old): (Vec<_>, Vec<_>) = std::mem::take(&mut outcome.imported)
        .into_iter()
        .partition(|p| !present.contains(&p.title.as_str()));
    outcome.imported = new;
    outcome
        .skipped
        .extend(old.into_iter().map(|p| grafana::Skipped {
            reason: format!("already in {}", clean(request.section)),
            title: p.title,
        }));
    if outcome.imported.is_empty() {
        return Err(format!(
            "{}: no panel could come over, so nothing was written:\n{}",
            clean(&shown),
            skipped_lines(&outcome)
        ));
    }
    let template = template_text(request.cycles, request.cycle)?;
    let template = grafana::add_to_section(&template, request.section, &outcome.imported)?;
    let out = request.out.display().to_string();
    // The file is checked as kaizen will load it, before it is written.
    parse_template(
        request.cycle,
        &out,
        &template,
        Origin::File(request.out.clone()),
    )
    .map_err(|err| format!("the template with these panels would be refused: {err}"))?;
    if let Some(folder) = request.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .map_err(|err| format!("{}: cannot make the folder: {err}", folder.display()))?;
    }
    std::fs::write(&request.out, template)
        .map_err(|err| format!("{}: cannot write it: {err}", clean(&out)))?;
    emit(&summary(&outcome, request, &out), false);
    Ok(())
}

fn summary(outcome: &grafana::Outcome, request: &Request, out: &str) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "From \"{}\": {} panels into {} / {}, written to {}",
        outcome.dashboard,
        outcome.imported.len(),
        clean(request.cycle),
        clean(request.section),
        clean(out)
    );
    for panel in &outcome.imported {
        let _ = writeln!(text, "  + {}", panel.title);
        for note in &panel.notes {
            let _ = writeln!(text, "      {note}");
        }
    }
    if !outcome.variables.is_empty() {
        let _ = writeln!(text, "Variables:");
        for variable in &outcome.variables {
            let _ = writeln!(text, "  {variable}");
        }
    }
    if !outcome.skipped.is_empty() {
        let _ = writeln!(text, "Not brought over:");
        text.push_str(&skipped_lines(outcome));
    }
    let _ = writeln!(text, "Check it with: kaizen cycles --check {}", clean(out));
    text
}

fn skipped_lines(outcome: &grafana::Outcome) -> String {
    outcome
        .skipped
        .iter()
        .map(|s| format!("  - {}: {}\n", s.title, s.reason))
        .collect()
}
