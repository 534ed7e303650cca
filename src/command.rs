//! Commands: what the user means by a key, independent of which key it was.
//!
//! Names are snake_case in serde so a config file can rebind keys with the same words.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Quit,
    ToggleHelp,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
}

/// Which screen or overlay is taking keys; each has its own bindings over the global ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Global,
    Home,
    Agenda,
    Help,
}

impl Mode {
    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Everywhere",
            Mode::Home => "Home",
            Mode::Agenda => "Agenda",
            Mode::Help => "Help",
        }
    }
}
