//! The footer's hints and the `?` help's rows, generated from [`BINDINGS`].

use super::{BINDINGS, display_chord};
use crate::command::{Command, Mode};

/// One row of hints or help: the chords for a command, and what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyHelp {
    pub keys: String,
    pub help: &'static str,
}

/// Rows for `mode` (not including global ones), grouping chords of the same command.
pub fn help_rows(mode: Mode, hints_only: bool) -> Vec<KeyHelp> {
    let mut rows: Vec<(Command, Vec<String>, &'static str)> = Vec::new();
    for binding in BINDINGS.iter().filter(|b| b.mode == mode) {
        let shown = !hints_only || binding.hint;
        match rows
            .iter_mut()
            .find(|(command, ..)| *command == binding.command)
        {
            Some((_, keys, _)) if shown => keys.push(display_chord(binding.chord)),
            Some(_) => {}
            None if shown => rows.push((
                binding.command,
                vec![display_chord(binding.chord)],
                binding.help,
            )),
            None => {}
        }
    }
    rows.into_iter()
        .map(|(_, keys, help)| KeyHelp {
            keys: keys.join("/"),
            help,
        })
        .collect()
}

/// The footer's hints: the mode's own, then the global ones.
pub fn footer_hints(mode: Mode) -> Vec<KeyHelp> {
    let mut rows = help_rows(mode, true);
    if !matches!(mode, Mode::Help | Mode::Confirm | Mode::Resume) && !mode.takes_text() {
        rows.extend(help_rows(Mode::Global, true));
    }
    rows
}
