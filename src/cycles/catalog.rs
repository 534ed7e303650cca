//! The set of cycles kaizen knows: the built-in templates, overridden or extended by the
//! `.toml` files in the user's `cycles/` folder.

use super::{Cycle, Origin, TemplateError, parse_template};
use std::path::{Path, PathBuf};

/// The templates compiled into the binary, in the order the home screen lists them.
pub const BUILTIN_TEMPLATES: [(&str, &str); 4] = [
    ("weekly", include_str!("../../assets/cycles/weekly.toml")),
    ("monthly", include_str!("../../assets/cycles/monthly.toml")),
    (
        "quarterly",
        include_str!("../../assets/cycles/quarterly.toml"),
    ),
    ("annual", include_str!("../../assets/cycles/annual.toml")),
];

/// Everything wrong with the user's templates, so they can fix all of it in one go.
#[derive(Debug, thiserror::Error)]
#[error("{}", problems.join("\n"))]
pub struct CatalogError {
    pub problems: Vec<String>,
}

/// Loads the built-in cycles, the user's folder on top of them, then (for a team) the
/// team's own folder in it, `cycles/TEAM/`, on top of those.
pub fn load_team_cycles(user_dir: &Path, team: Option<&str>) -> Result<Vec<Cycle>, CatalogError> {
    let mut cycles = load_cycles(Some(user_dir))?;
    let Some(team) = team else {
        return Ok(cycles);
    };
    let dir = user_dir.join(crate::report::file::safe_name(&team.to_lowercase()));
    let mut problems = Vec::new();
    let files = template_files(&dir).unwrap_or_else(|err| {
        problems.push(err);
        Vec::new()
    });
    for path in files {
        match load_file(&path) {
            Ok(cycle) => add_or_replace(&mut cycles, cycle),
            Err(err) => problems.push(err.to_string()),
        }
    }
    match problems.is_empty() {
        true => Ok(cycles),
        false => Err(CatalogError { problems }),
    }
}

/// Loads the built-in cycles, then the user's folder (when it exists) on top of them.
pub fn load_cycles(user_dir: Option<&Path>) -> Result<Vec<Cycle>, CatalogError> {
    let mut problems = Vec::new();
    let mut cycles: Vec<Cycle> = Vec::new();
    for (key, text) in BUILTIN_TEMPLATES {
        let file = format!("built-in {key}.toml");
        match parse_template(key, &file, text, Origin::BuiltIn) {
            Ok(cycle) => cycles.push(cycle),
            Err(err) => problems.push(err.to_string()),
        }
    }
    let user_files = match user_dir {
        Some(dir) => template_files(dir).unwrap_or_else(|err| {
            problems.push(err);
            Vec::new()
        }),
        None => Vec::new(),
    };
    for path in user_files {
        match load_file(&path) {
            Ok(cycle) => add_or_replace(&mut cycles, cycle),
            Err(err) => problems.push(err.to_string()),
        }
    }
    if problems.is_empty() {
        Ok(cycles)
    } else {
        Err(CatalogError { problems })
    }
}

/// Reads and validates one template file (also what `kaizen cycles --check` runs).
pub fn load_file(path: &Path) -> Result<Cycle, TemplateError> {
    let file = path.display().to_string();
    let key = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let text = std::fs::read_to_string(path).map_err(|err| TemplateError {
        file: file.clone(),
        line: None,
        reason: format!("cannot read the template: {err}"),
    })?;
    parse_template(&key, &file, &text, Origin::File(path.to_path_buf()))
}

fn template_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|err| format!("{}: cannot read the cycles folder: {err}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

fn add_or_replace(cycles: &mut Vec<Cycle>, cycle: Cycle) {
    match cycles.iter_mut().find(|known| known.key == cycle.key) {
        Some(known) => *known = cycle,
        None => cycles.push(cycle),
    }
}
