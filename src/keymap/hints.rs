//! The footer's hints and the `?` help's rows, generated from the keymap in use.

use super::{Entry, Keymap};
use crate::command::{Command, Mode};

/// One row of hints or help: the chords for a command, and what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyHelp {
    pub command: Command,
    pub keys: String,
    pub help: &'static str,
}

impl Keymap {
    /// Rows for `mode` (not including global ones), grouping chords of the same command.
    pub fn help_rows(&self, mode: Mode, hints_only: bool) -> Vec<KeyHelp> {
        self.rows_of(mode, |entry| !hints_only || entry.hint)
    }

    /// Rows of the bindings of `mode` that `shown` keeps, a row per command.
    fn rows_of(&self, mode: Mode, shown: impl Fn(&Entry) -> bool) -> Vec<KeyHelp> {
        let mut rows: Vec<KeyHelp> = Vec::new();
        for entry in self.entries.iter().filter(|e| e.mode == mode && shown(e)) {
            let keys = super::display_chord(&entry.written);
            match rows.iter_mut().find(|row| row.command == entry.command) {
                Some(row) => {
                    row.keys.push('/');
                    row.keys.push_str(&keys);
                }
                None => rows.push(KeyHelp {
                    command: entry.command,
                    keys,
                    help: entry.help,
                }),
            }
        }
        rows
    }

    /// The footer's hints: the mode's own, then those of the mode it sits in that it does
    /// not bind itself (a meeting's list still moves on with `n`), then the global ones.
    pub fn footer_hints(&self, mode: Mode) -> Vec<KeyHelp> {
        let mut rows = self.help_rows(mode, true);
        if let Some(parent) = mode.parent() {
            let own = |entry: &Entry| {
                self.entries
                    .iter()
                    .any(|e| e.mode == mode && e.chord == entry.chord)
            };
            let mut inherited = self.rows_of(parent, |e| e.hint && !own(e));
            // How to move on and where to write come first: they are why a list shows them.
            inherited.sort_by_key(|row| {
                !matches!(row.command, Command::NextSection | Command::EditNotes)
            });
            rows.extend(inherited);
        }
        if !matches!(mode, Mode::Help | Mode::Confirm | Mode::Resume) && !mode.takes_text() {
            rows.extend(self.help_rows(Mode::Global, true));
        }
        rows
    }
}
