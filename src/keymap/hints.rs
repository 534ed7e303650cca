//! The footer's hints and the `?` help's rows, generated from [`BINDINGS`].

use super::bindings::Binding;
use super::{BINDINGS, display_chord};
use crate::command::{Command, Mode};

/// One row of hints or help: the chords for a command, and what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyHelp {
    pub command: Command,
    pub keys: String,
    pub help: &'static str,
}

/// Rows for `mode` (not including global ones), grouping chords of the same command.
pub fn help_rows(mode: Mode, hints_only: bool) -> Vec<KeyHelp> {
    rows_of(mode, |binding| !hints_only || binding.hint)
}

/// Rows of the bindings of `mode` that `shown` keeps, a row per command.
fn rows_of(mode: Mode, shown: impl Fn(&Binding) -> bool) -> Vec<KeyHelp> {
    let mut rows: Vec<(Command, Vec<String>, &'static str)> = Vec::new();
    for binding in BINDINGS.iter().filter(|b| b.mode == mode && shown(b)) {
        match rows
            .iter_mut()
            .find(|(command, ..)| *command == binding.command)
        {
            Some((_, keys, _)) => keys.push(display_chord(binding.chord)),
            None => rows.push((
                binding.command,
                vec![display_chord(binding.chord)],
                binding.help,
            )),
        }
    }
    rows.into_iter()
        .map(|(command, keys, help)| KeyHelp {
            command,
            keys: keys.join("/"),
            help,
        })
        .collect()
}

/// The footer's hints: the mode's own, then those of the mode it sits in that it does not
/// bind itself (a meeting's list still moves on with `n`), then the global ones.
pub fn footer_hints(mode: Mode) -> Vec<KeyHelp> {
    let mut rows = help_rows(mode, true);
    if let Some(parent) = mode.parent() {
        let own = |chord: &str| BINDINGS.iter().any(|b| b.mode == mode && b.chord == chord);
        let mut inherited = rows_of(parent, |b| b.hint && !own(b.chord));
        // How to move on and where to write come first: they are why a list shows them.
        inherited
            .sort_by_key(|row| !matches!(row.command, Command::NextSection | Command::EditNotes));
        rows.extend(inherited);
    }
    if !matches!(mode, Mode::Help | Mode::Confirm | Mode::Resume) && !mode.takes_text() {
        rows.extend(help_rows(Mode::Global, true));
    }
    rows
}
