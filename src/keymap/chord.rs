//! Chords: a key with its modifiers, parsed from the table's text (`"ctrl-c"`) and written
//! on screen (`"Ctrl-c"`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers, normalised so that `?` typed with Shift matches `"?"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Chord {
    pub fn from_event(event: &KeyEvent) -> Chord {
        let modifiers = match event.code {
            // Shift is already in the character ('?', 'G') and in BackTab itself.
            KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
            _ => event.modifiers,
        };
        Chord {
            code: event.code,
            modifiers,
        }
    }

    /// The event a person pressing this chord produces (tests drive the app with it).
    pub fn to_event(self) -> KeyEvent {
        KeyEvent::new(self.code, self.modifiers)
    }
}

/// Parses `"q"`, `"?"`, `"enter"`, `"ctrl-c"`, `"shift-tab"`, `"f1"`...
pub fn parse_chord(text: &str) -> Result<Chord, String> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    // "ctrl--" is Ctrl with the '-' key: a dash with nothing after it is the key itself.
    while let Some((prefix, tail)) = rest.split_once('-').filter(|(_, tail)| !tail.is_empty()) {
        modifiers |= match prefix {
            "ctrl" => KeyModifiers::CONTROL,
            "alt" => KeyModifiers::ALT,
            "shift" => KeyModifiers::SHIFT,
            _ => return Err(format!("key \"{text}\": unknown modifier \"{prefix}\"")),
        };
        rest = tail;
    }
    let code = match rest {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "delete" => KeyCode::Delete,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        f if f.len() > 1 && f.starts_with('f') => {
            let n: u8 = f[1..]
                .parse()
                .map_err(|_| format!("key \"{text}\" is not understood"))?;
            KeyCode::F(n)
        }
        single if single.chars().count() == 1 => {
            KeyCode::Char(single.chars().next().unwrap_or(' '))
        }
        _ => return Err(format!("key \"{text}\" is not understood")),
    };
    // Written the way `from_event` normalises what the terminal sends.
    let shifted = modifiers.contains(KeyModifiers::SHIFT);
    let code = match code {
        KeyCode::Tab if shifted => KeyCode::BackTab,
        KeyCode::Char(c) if shifted => KeyCode::Char(c.to_ascii_uppercase()),
        other => other,
    };
    let modifiers = match code {
        KeyCode::Char(_) | KeyCode::BackTab => modifiers - KeyModifiers::SHIFT,
        _ => modifiers,
    };
    Ok(Chord { code, modifiers })
}

/// How a chord is written on screen: "↑", "Enter", "Ctrl-c".
pub fn display_chord(chord: &str) -> String {
    match chord {
        "up" => "↑".into(),
        "down" => "↓".into(),
        "left" => "←".into(),
        "right" => "→".into(),
        "enter" => "Enter".into(),
        "esc" => "Esc".into(),
        "space" => "Space".into(),
        "tab" => "Tab".into(),
        "backspace" => "Bksp".into(),
        "pageup" => "PgUp".into(),
        "pagedown" => "PgDn".into(),
        "home" => "Home".into(),
        "end" => "End".into(),
        other => other.replacen("ctrl-", "Ctrl-", 1),
    }
}
