//! The keymap table: every chord parses, no chord means two things in one mode, every
//! command has a key and help, and the footer and help are generated from the table.

use crate::harness;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kaizen::command::{Command, Mode};
use kaizen::keymap::{BINDINGS, Keymap, footer_hints, help_rows, parse_chord};
use std::collections::HashSet;

#[test]
fn every_chord_parses() {
    for binding in BINDINGS {
        assert!(
            parse_chord(binding.chord).is_ok(),
            "{:?} {:?}: {}",
            binding.mode,
            binding.command,
            binding.chord
        );
    }
}

#[test]
fn no_chord_is_bound_twice_in_one_mode() {
    let mut seen = HashSet::new();
    for binding in BINDINGS {
        let chord = parse_chord(binding.chord).unwrap();
        assert!(
            seen.insert((binding.mode, chord)),
            "{} bound twice in {:?}",
            binding.chord,
            binding.mode
        );
    }
}

#[test]
fn every_binding_has_help_and_every_command_a_key() {
    for binding in BINDINGS {
        assert!(!binding.help.trim().is_empty(), "{:?}", binding.command);
    }
    // Commands with a value (a quadrant's number) count once, whatever the value.
    let bound: HashSet<_> = BINDINGS
        .iter()
        .map(|b| std::mem::discriminant(&b.command))
        .collect();
    let unbound: Vec<Command> = <Command as strum::IntoEnumIterator>::iter()
        .filter(|command| !bound.contains(&std::mem::discriminant(command)))
        .collect();
    assert!(unbound.is_empty(), "commands without a key: {unbound:?}");
}

#[test]
fn chords_parse_to_the_keys_a_terminal_sends() {
    let cases = [
        ("q", KeyCode::Char('q'), KeyModifiers::NONE),
        ("?", KeyCode::Char('?'), KeyModifiers::NONE),
        ("ctrl-c", KeyCode::Char('c'), KeyModifiers::CONTROL),
        ("shift-g", KeyCode::Char('G'), KeyModifiers::NONE),
        ("shift-tab", KeyCode::BackTab, KeyModifiers::NONE),
        ("-", KeyCode::Char('-'), KeyModifiers::NONE),
        ("ctrl--", KeyCode::Char('-'), KeyModifiers::CONTROL),
        ("f1", KeyCode::F(1), KeyModifiers::NONE),
        ("space", KeyCode::Char(' '), KeyModifiers::NONE),
        ("pagedown", KeyCode::PageDown, KeyModifiers::NONE),
    ];
    for (text, code, modifiers) in cases {
        let chord = parse_chord(text).unwrap();
        assert_eq!((chord.code, chord.modifiers), (code, modifiers), "{text}");
    }
    for bad in ["hyper-x", "enterr", "fx", ""] {
        assert!(parse_chord(bad).is_err(), "{bad} must not parse");
    }
}

#[test]
fn lookup_prefers_the_mode_then_global_and_ignores_shift_on_characters() {
    let keymap = Keymap::new().unwrap();
    let question = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(
        keymap.lookup(Mode::Home, &question),
        Some(Command::ToggleHelp)
    );
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(keymap.lookup(Mode::Agenda, &esc), Some(Command::Back));
    assert_eq!(keymap.lookup(Mode::Help, &esc), Some(Command::ToggleHelp));
    assert_eq!(keymap.lookup(Mode::Home, &esc), None);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(keymap.lookup(Mode::Agenda, &ctrl_c), Some(Command::Quit));
    let plain_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE);
    assert_eq!(keymap.lookup(Mode::Agenda, &plain_c), None);
}

#[test]
fn hints_and_help_group_the_keys_of_one_command() {
    let help = help_rows(Mode::Home, false);
    let up = help
        .iter()
        .find(|row| row.help == "previous cycle")
        .unwrap();
    assert_eq!(up.keys, "↑/k");
    let hints: Vec<String> = footer_hints(Mode::Home)
        .into_iter()
        .map(|h| format!("{} {}", h.keys, h.help))
        .collect();
    assert_eq!(
        hints,
        [
            "Enter agenda",
            "s start",
            "a actions",
            "o opportunities",
            "h history",
            "? keys",
            "q quit"
        ]
    );
}

#[test]
fn help_fits_the_terminal_wraps_and_scrolls() {
    let mut app = harness::Harness::new(harness::SNAPSHOT_DAY, 80, 24);
    app.send(kaizen::msg::Msg::StartMeeting("weekly".into()));
    app.press("?");
    let screen = app.screen();
    assert!(screen.contains("↑↓ scroll (1–22 of "), "{screen}");
    assert!(!screen.contains("Everywhere"), "{screen}");
    // The last page shows the global keys; scrolling stops there, and comes back at once.
    app.press("pagedown pagedown pagedown");
    let screen = app.screen();
    assert!(screen.contains("Everywhere"), "{screen}");
    assert!(screen.contains("suspend (fg resumes)"), "{screen}");
    app.press("up");
    assert!(
        !app.screen().contains("suspend (fg resumes)"),
        "{}",
        app.screen()
    );
    // No line is cut (it was: "the impact/effort quadran").
    app.press("esc ?");
    let screen = app.screen();
    assert!(
        screen.contains("opportunities: the impact/effort quadrant│"),
        "{screen}"
    );
}

#[test]
fn ctrl_z_suspends_from_every_screen_even_while_typing_and_saves_the_notes_first() {
    use kaizen::effect::Effect;
    let mut app = harness::Harness::new(harness::SNAPSHOT_DAY, 120, 40);
    app.press("ctrl-z");
    assert_eq!(app.effects.last(), Some(&Effect::Suspend));
    // In the notes, typing: the note so far is saved, then the terminal is given back.
    app.send(kaizen::msg::Msg::StartMeeting("weekly".into()));
    app.press("tab").type_text("half a thought");
    let before = app.effects.len();
    app.press("ctrl-z");
    let effects = &app.effects[before..];
    assert_eq!(effects.last(), Some(&Effect::Suspend));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Persist(kaizen::change::Change::SaveNotes { .. }))),
        "{effects:?}"
    );
    // The help lists it.
    app.press("esc ?");
    assert!(
        app.screen().contains("suspend (fg resumes)"),
        "{}",
        app.screen()
    );
}
