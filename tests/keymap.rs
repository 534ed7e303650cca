//! The keymap table: every chord parses, no chord means two things in one mode, every
//! command has a key and help, and the footer and help are generated from the table.

use crate::harness;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kaizen::command::{Command, Mode};
use kaizen::keymap::{BINDINGS, Keymap, parse_chord};
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
    let keymap = Keymap::new().unwrap();
    let help = keymap.help_rows(Mode::Home, false);
    let up = help
        .iter()
        .find(|row| row.help == "previous cycle")
        .unwrap();
    assert_eq!(up.keys, "↑/k");
    let hints: Vec<String> = keymap
        .footer_hints(Mode::Home)
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
        screen
            .lines()
            .any(|l| l.contains("opportunities: the impact/effort quadrant ")
                && l.contains("open_quadrant")),
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

/// The config file at `text` as kaizen reads it, or why it was refused.
fn config(text: &str) -> Result<kaizen::config::Config, String> {
    kaizen::config::parse_config(
        text,
        std::path::Path::new("/home/ops/.config/kaizen/config.toml"),
    )
}

#[test]
fn keys_rebound_in_the_config_move_the_meeting_and_the_footer_and_help_say_so() {
    let config = config("# mine\n[keys]\nnext_section = [\"N\", \"right\"]\nend_meeting = \"E\"\n")
        .expect("no conflict");
    let keymap = Keymap::with_rebinds(&config.rebinds).expect("checked");
    let mut app = harness::Harness::new(harness::SNAPSHOT_DAY, 120, 40).with_keymap(keymap);
    app.send(kaizen::msg::Msg::StartMeeting("weekly".into()));
    assert!(app.screen().contains("1/3  "), "{}", app.screen());
    // n is no longer next; N is, here and in the lists that sit in the meeting.
    app.press("n");
    assert!(app.screen().contains("1/3  "), "{}", app.screen());
    app.press("N");
    assert!(app.screen().contains("2/3  "), "{}", app.screen());
    let footer = app.screen().lines().last().unwrap_or_default().to_string();
    assert!(footer.contains("N next"), "{footer}");
    assert!(footer.contains("E end"), "{footer}");
    assert!(!footer.contains(" n next"), "{footer}");
    app.press("?");
    let help = app.screen();
    assert!(help.contains("N/→"), "{help}");
    assert!(
        help.contains("next_section"),
        "the name to rebind it by:\n{help}"
    );
    app.press("esc E");
    assert!(app.screen().contains("End the meeting"), "{}", app.screen());
}

#[test]
fn a_rebound_key_that_already_means_something_is_refused_with_its_line() {
    // l is the meeting's list of action items.
    let refused = config("[keys]\n\nnext_section = \"l\"\n").unwrap_err();
    assert_eq!(
        refused,
        "/home/ops/.config/kaizen/config.toml:3: [keys] next_section: \"l\" already means \
         list of action items (open_action_list) in Meeting: pick another key, or rebind \
         open_action_list too"
    );
    // j moves down the Follow-ups, which sit in the meeting: next would never be reached there.
    let refused = config("[keys]\nnext_section = \"j\"\n").unwrap_err();
    assert!(
        refused.contains(":2: [keys] next_section: \"j\" already means next"),
        "{refused}"
    );
    // Two of the user's own on one screen.
    let refused = config("[keys]\nnext_section = \"N\"\nend_meeting = \"N\"\n").unwrap_err();
    assert!(refused.contains("already means"), "{refused}");
    // Swapping two keys is fine when both are rebound.
    config("[keys]\nnext_section = \"t\"\nnew_action_item = \"n\"\n").expect("a swap");
}

#[test]
fn an_unknown_command_or_key_in_keys_is_refused_with_its_line() {
    let refused = config("[keys]\nnext = \"N\"\n").unwrap_err();
    assert!(
        refused.contains("config.toml:2: [keys] has no command \"next\""),
        "{refused}"
    );
    let refused = config("[keys]\n\nnext_section = \"hyper-x\"\n").unwrap_err();
    assert!(
        refused.contains("config.toml:3: [keys] next_section: key \"hyper-x\""),
        "{refused}"
    );
    let refused = config("[keys]\nnext_section = []\n").unwrap_err();
    assert!(
        refused.contains("config.toml:2: [keys] next_section has no key"),
        "{refused}"
    );
    let refused = config("[keys]\nconfirm = \"Y\"\n").unwrap_err();
    assert!(refused.contains("keys are fixed"), "{refused}");
}
