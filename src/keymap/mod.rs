//! The one table of keys: `(mode, chord, command, help)`. Lookup, footer hints and the `?`
//! help overlay are all generated from [`BINDINGS`]; no key is matched anywhere else.

mod bindings;
mod chord;
mod hints;

pub use bindings::{BINDINGS, Binding};
pub use chord::{Chord, display_chord, parse_chord};
pub use hints::{KeyHelp, footer_hints, help_rows};

use crate::command::{Command, Mode};
use crossterm::event::{KeyEvent, KeyEventKind};

/// The parsed table, built once at start-up.
#[derive(Clone, Debug)]
pub struct Keymap {
    entries: Vec<(Mode, Chord, Command)>,
}

impl Keymap {
    /// Parses [`BINDINGS`]; a chord that does not parse is a bug the keymap tests catch.
    pub fn new() -> Result<Keymap, String> {
        let entries = BINDINGS
            .iter()
            .map(|b| Ok((b.mode, parse_chord(b.chord)?, b.command)))
            .collect::<Result<_, String>>()?;
        Ok(Keymap { entries })
    }

    /// The command a key means in `mode`; mode bindings win over global ones.
    pub fn lookup(&self, mode: Mode, event: &KeyEvent) -> Option<Command> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let chord = Chord::from_event(event);
        let find = |wanted: Mode| {
            self.entries
                .iter()
                .find(|(m, c, _)| *m == wanted && *c == chord)
                .map(|(_, _, command)| *command)
        };
        match find(mode).or_else(|| mode.parent().and_then(find)) {
            Some(command) => Some(command),
            // Typed characters are text there: `q` is a letter, not quit.
            None if mode.takes_text() => None,
            None => find(Mode::Global),
        }
    }
}
