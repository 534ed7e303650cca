//! The config file's `[keys]`: a command's keys replaced by the user's, everywhere the
//! command has keys outside typing and dialogs, and refused when a key would then mean two
//! things on one screen.

use super::{Entry, Keymap, parse_chord};
use crate::command::{Command, Mode};

/// One line of `[keys]`: `next_section = "l"` or `next_section = ["l", "right"]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebind {
    pub command: String,
    pub chords: Vec<String>,
    /// Its line in the config file.
    pub line: usize,
}

/// Why a `[keys]` line was refused, and its line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct RebindError {
    pub line: usize,
    pub message: String,
}

/// Keys that can be rebound: not while typing (letters are text there, and Enter/Esc are
/// how to get out) and not in the yes/no dialogs or the help itself.
fn rebindable(mode: Mode) -> bool {
    !mode.takes_text() && !matches!(mode, Mode::Help | Mode::Confirm | Mode::Resume)
}

impl Keymap {
    /// The table with `rebinds` laid over it, or the first line that cannot be.
    pub fn with_rebinds(rebinds: &[Rebind]) -> Result<Keymap, RebindError> {
        let table = Keymap::new().map_err(|message| RebindError { line: 0, message })?;
        let mut keymap = table.clone();
        for rebind in rebinds {
            keymap.rebind(rebind)?;
        }
        keymap.refuse_conflicts(&table)?;
        Ok(keymap)
    }

    fn rebind(&mut self, rebind: &Rebind) -> Result<(), RebindError> {
        let refuse = |message: String| RebindError {
            line: rebind.line,
            message,
        };
        let command = self.command_named(&rebind.command).ok_or_else(|| {
            refuse(format!(
                "[keys] has no command \"{}\": use a name the ? help shows in brackets, \
                 e.g. next_section",
                rebind.command
            ))
        })?;
        if rebind.chords.is_empty() {
            return Err(refuse(format!(
                "[keys] {} has no key: give one, e.g. {} = \"l\"",
                rebind.command, rebind.command
            )));
        }
        let chords = rebind
            .chords
            .iter()
            .map(|text| parse_chord(text).map(|chord| (chord, text.clone())))
            .collect::<Result<Vec<_>, String>>()
            .map_err(|err| refuse(format!("[keys] {}: {err}", rebind.command)))?;
        let modes: Vec<Mode> = self
            .modes()
            .into_iter()
            .filter(|m| rebindable(*m))
            .filter(|m| {
                self.entries
                    .iter()
                    .any(|e| e.mode == *m && e.command == command)
            })
            .collect();
        if modes.is_empty() {
            return Err(refuse(format!(
                "[keys] {}: its keys work while typing or in a dialog, where keys are fixed",
                rebind.command
            )));
        }
        for mode in modes {
            self.replace(mode, command, &chords, rebind.line);
        }
        Ok(())
    }

    /// The command's keys in `mode` become `chords`, where its first key was.
    fn replace(
        &mut self,
        mode: Mode,
        command: Command,
        chords: &[(super::Chord, String)],
        line: usize,
    ) {
        let ours = |e: &Entry| e.mode == mode && e.command == command;
        let Some(at) = self.entries.iter().position(ours) else {
            return;
        };
        let first = self.entries[at].clone();
        let hint = self.entries.iter().any(|e| ours(e) && e.hint);
        self.entries.retain(|e| !ours(e));
        let made = chords
            .iter()
            .enumerate()
            .map(|(index, (chord, written))| Entry {
                chord: *chord,
                written: written.clone(),
                // The footer shows the first of them, as it does for the table's.
                hint: hint && index == 0,
                user_line: Some(line),
                ..first.clone()
            });
        self.entries.splice(at..at, made);
    }

    /// Every mode with keys, once each, in the table's order.
    fn modes(&self) -> Vec<Mode> {
        let mut modes = Vec::new();
        for entry in &self.entries {
            if !modes.contains(&entry.mode) {
                modes.push(entry.mode);
            }
        }
        modes
    }

    fn command_named(&self, name: &str) -> Option<Command> {
        self.entries
            .iter()
            .map(|e| e.command)
            .find(|command| command.name() == name)
    }

    /// A key of the user's that means something else where it is looked up (the screen,
    /// the meeting it sits in, or everywhere) is refused, naming both.
    /// A key the table already gave that command there shadows as it always did (the
    /// panels' → is "next panel" though the meeting's is "next").
    fn refuse_conflicts(&self, table: &Keymap) -> Result<(), RebindError> {
        let new = |mine: &Entry| {
            !table
                .entries
                .iter()
                .any(|e| e.mode == mine.mode && e.chord == mine.chord && e.command == mine.command)
        };
        for mode in self.modes().into_iter().filter(|m| rebindable(*m)) {
            let chain: Vec<&Entry> = [Some(mode), mode.parent(), Some(Mode::Global)]
                .into_iter()
                .flatten()
                .flat_map(|m| self.entries.iter().filter(move |e| e.mode == m))
                .collect();
            for mine in chain.iter().filter(|e| e.user_line.is_some() && new(e)) {
                let other = chain
                    .iter()
                    .find(|e| e.chord == mine.chord && e.command != mine.command);
                if let Some(other) = other {
                    return Err(RebindError {
                        line: mine.user_line.unwrap_or_default(),
                        message: format!(
                            "[keys] {}: \"{}\" already means {} ({}) in {}: pick another key, \
                             or rebind {} too",
                            mine.command.name(),
                            mine.written,
                            other.help,
                            other.command.name(),
                            mode.title(),
                            other.command.name()
                        ),
                    });
                }
            }
        }
        Ok(())
    }
}
