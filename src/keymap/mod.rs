//! The one table of keys: `(mode, chord, command, help)`. Lookup, footer hints and the `?`
//! help overlay are all generated from a [`Keymap`]: [`BINDINGS`] with the config file's
//! `[keys]` laid over them. No key is matched anywhere else.

mod bindings;
mod chord;
mod hints;
mod rebind;

pub use bindings::{BINDINGS, Binding};
pub use chord::{Chord, display_chord, parse_chord};
pub use hints::KeyHelp;
pub use rebind::{Rebind, RebindError};

use crate::command::{Command, Mode};
use crossterm::event::{KeyEvent, KeyEventKind};

/// One binding as the app uses it: the table's, or one the user made in `[keys]`.
#[derive(Clone, Debug)]
struct Entry {
    mode: Mode,
    chord: Chord,
    /// As written in the table or the config (`"ctrl-c"`), for the help.
    written: String,
    command: Command,
    help: &'static str,
    /// Shown in the footer (the rest only in the `?` overlay).
    hint: bool,
    /// From the config file's `[keys]`, with its line there.
    user_line: Option<usize>,
}

/// The parsed table, built once at start-up.
#[derive(Clone, Debug)]
pub struct Keymap {
    entries: Vec<Entry>,
}

impl Keymap {
    /// Parses [`BINDINGS`]; a chord that does not parse is a bug the keymap tests catch.
    pub fn new() -> Result<Keymap, String> {
        let entries = BINDINGS
            .iter()
            .map(|b| {
                Ok(Entry {
                    mode: b.mode,
                    chord: parse_chord(b.chord)?,
                    written: b.chord.to_string(),
                    command: b.command,
                    help: b.help,
                    hint: b.hint,
                    user_line: None,
                })
            })
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
                .find(|e| e.mode == wanted && e.chord == chord)
                .map(|e| e.command)
        };
        match find(mode).or_else(|| mode.parent().and_then(find)) {
            Some(command) => Some(command),
            // Typed characters are text there: `q` is a letter, not quit.
            None if mode.takes_text() => None,
            None => find(Mode::Global),
        }
    }

    /// The chords that mean `command` in `mode` (or the mode it sits in), as the help
    /// writes them, joined with "/": for messages that name a key.
    pub fn keys_for(&self, mode: Mode, command: Command) -> String {
        [Some(mode), mode.parent(), Some(Mode::Global)]
            .into_iter()
            .flatten()
            .map(|m| self.written_for(m, command))
            .find(|keys| !keys.is_empty())
            .unwrap_or_default()
    }

    fn written_for(&self, mode: Mode, command: Command) -> String {
        let keys: Vec<String> = self
            .entries
            .iter()
            .filter(|e| e.mode == mode && e.command == command)
            .map(|e| display_chord(&e.written))
            .collect();
        keys.join("/")
    }
}
