//! Where a meeting's report is saved: its file name, written whole (a temporary file renamed
//! over it), the cycle's first meeting of the day under the plain name.

use super::Report;
use crate::store::Store;
use std::path::{Path, PathBuf};

impl Report {
    /// The file name reports are saved under: `2026-11-30-weekly.md`, or with the meeting's
    /// id (`2026-11-30-weekly-12.md`) for a later meeting of the cycle that day. The cycle key
    /// is kept to letters, digits, `-` and `_`, so it can never name another folder.
    pub fn file_name(&self, extension: &str, same_day: bool) -> String {
        let cycle = safe_name(&self.cycle);
        match same_day {
            true => format!("{}-{cycle}-{}.{extension}", self.held_on, self.meeting_id),
            false => format!("{}-{cycle}.{extension}", self.held_on),
        }
    }
}

/// A cycle key as part of a file name: letters, digits, `-` and `_` kept, anything else `-`,
/// so it can never name another folder.
pub fn safe_name(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Saves `text`, the report's Markdown, in `folder`: the cycle's first meeting of the day keeps
/// the plain name, so writing it again (from the history) replaces its file instead of adding
/// a second one. A folder that cannot be written loses nothing: the message says how to get
/// the report later.
pub fn save(store: &Store, report: &Report, text: &str, folder: &Path) -> Result<PathBuf, String> {
    let later_that_day = store
        .meetings(Some(&report.cycle))
        .map_err(|err| err.to_string())?
        .iter()
        .any(|m| m.held_on == report.held_on && m.id < report.meeting_id);
    let path = folder.join(report.file_name("md", later_that_day));
    std::fs::create_dir_all(folder)
        .map_err(|err| format!("{}: {err}", folder.display()))
        .and_then(|()| write_file(&path, text))
        .map(|()| path)
        .map_err(|err| {
            format!(
                "{err}. The meeting is saved: `kaizen report {} --output FILE` writes its \
                 report later",
                report.meeting_id
            )
        })
}

/// Writes `text` to `path` whole: into a temporary file beside it, then renamed over it, so
/// a reader never sees half a report.
pub fn write_file(path: &Path, text: &str) -> Result<(), String> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let temporary = folder.join(format!(".{name}.tmp"));
    std::fs::write(&temporary, text)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|err| {
            let _ = std::fs::remove_file(&temporary);
            format!("{}: cannot write the report: {err}", path.display())
        })
}
