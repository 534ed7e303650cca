//! Properties of the whole app under any keys: random sequences of every bound key, typed
//! letters, seconds passing and resizes, on the real model, executor and renderer. Whatever
//! is pressed, nothing panics, no section's clock goes below zero or runs beside another, a
//! meeting's time never grows faster than the clock, and the quadrant's undo and redo are
//! exact inverses.

use crate::harness::{Harness, SNAPSHOT_DAY};
use kaizen::keymap::BINDINGS;
use proptest::prelude::*;

/// One thing a facilitator (or a cat on the keyboard) does.
#[derive(Clone, Debug)]
enum Step {
    /// A key as the keymap writes it.
    Key(&'static str),
    /// A letter typed into whatever takes text.
    Letter(char),
    Wait(i64),
    Resize(u16, u16),
}

/// Every chord any screen binds, and the keys that move between fields.
fn chords() -> Vec<&'static str> {
    let mut chords: Vec<&'static str> = BINDINGS.iter().map(|b| b.chord).collect();
    chords.extend(["esc", "enter", "tab", "backspace"]);
    chords.sort_unstable();
    chords.dedup();
    chords
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => proptest::sample::select(chords()).prop_map(Step::Key),
        2 => proptest::char::range('a', 'z').prop_map(Step::Letter),
        2 => (1i64..400).prop_map(Step::Wait),
        1 => (60u16..200, 16u16..60).prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

/// What must hold after every step.
fn check(app: &mut Harness, elapsed_before: Option<i64>, waited: i64) -> Result<(), TestCaseError> {
    // Drawing is part of the step: a panic in any screen at any size fails here.
    let screen = app.screen();
    prop_assert!(
        !screen.chars().any(|c| c.is_control() && c != '\n'),
        "a control character reached the screen"
    );
    let Some(meeting) = app.model.meeting() else {
        return Ok(());
    };
    let now = app.now.wall;
    let running = meeting
        .sections
        .iter()
        .filter(|s| s.timer.is_running())
        .count();
    prop_assert!(running <= 1, "{running} section clocks run at once");
    for run in &meeting.sections {
        prop_assert!(
            run.timer.spent_secs(now) >= 0,
            "{}: negative time",
            run.title
        );
        prop_assert!(
            run.timer.planned_secs >= 60,
            "{}: timebox under a minute",
            run.title
        );
    }
    if let Some(before) = elapsed_before {
        let grown = meeting.elapsed_secs(now) - before;
        prop_assert!(
            (0..=waited + 1).contains(&grown),
            "the meeting's time grew by {grown} s while {waited} s passed"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_keys_on_any_screen_keep_the_clocks_honest(
        in_a_meeting in any::<bool>(),
        steps in proptest::collection::vec(step(), 1..120)
    ) {
        let mut app = Harness::new(SNAPSHOT_DAY, 100, 30);
        if in_a_meeting {
            app.press("s y");
            prop_assert!(app.model.meeting().is_some());
        }
        for step in steps {
            if app.quit {
                break;
            }
            // Only time kept by the same meeting is compared.
            let before = app.model.meeting().map(|m| (m.id, m.elapsed_secs(app.now.wall)));
            let waited = match step {
                Step::Key(chord) => {
                    app.press(chord);
                    0
                }
                Step::Letter(letter) => {
                    app.type_text(&letter.to_string());
                    0
                }
                Step::Wait(secs) => {
                    app.advance(secs);
                    secs
                }
                Step::Resize(width, height) => {
                    app.resize(width, height);
                    0
                }
            };
            let same = app.model.meeting().map(|m| m.id);
            let before = before.filter(|(id, _)| Some(*id) == same).map(|(_, e)| e);
            check(&mut app, before, waited)?;
        }
    }
}

/// A move on the quadrant: one step in impact or effort.
fn arrow() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec![
        "up", "down", "left", "right", "1", "2", "3", "4", "j", "k",
    ])
}

/// Each opportunity's impact and effort, by title.
fn scores(app: &Harness) -> Vec<(String, u8, u8)> {
    let mut scores: Vec<(String, u8, u8)> = app
        .model
        .opportunities
        .iter()
        .map(|o| (o.title.clone(), o.impact, o.effort))
        .collect();
    scores.sort();
    scores
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn undo_then_redo_returns_the_same_quadrant(
        moves in proptest::collection::vec(arrow(), 1..30),
        undos in 1usize..30,
    ) {
        let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
        for (title, impact, effort) in [("Cache", 4, 2), ("Index", 2, 4), ("Docs", 3, 3)] {
            let mut o = kaizen::opportunities::Opportunity::titled(title, app.now.wall);
            o.impact = impact;
            o.effort = effort;
            app.store_mut().save_opportunity(&o).expect("saved");
        }
        app.press("o");
        let start = scores(&app);
        for key in moves {
            app.press(key);
        }
        let moved = scores(&app);
        for _ in 0..undos {
            app.press("u");
        }
        for _ in 0..undos {
            app.press("ctrl-r");
        }
        prop_assert_eq!(scores(&app), moved.clone(), "redo after undo");
        // Undoing every move brings back where it started, and the store agrees.
        for _ in 0..40 {
            app.press("u");
        }
        prop_assert_eq!(scores(&app), start.clone());
        let mut stored: Vec<(String, u8, u8)> = app
            .store()
            .opportunities()
            .expect("opportunities")
            .into_iter()
            .map(|o| (o.title, o.impact, o.effort))
            .collect();
        stored.sort();
        prop_assert_eq!(stored, start);
    }
}

proptest! {
    /// `fit` never draws wider than asked, keeps all of a text that fits, marks a cut with
    /// "…", and never lets a control character through.
    #[test]
    fn fit_stays_in_its_columns(text in "\\PC{0,40}|[\\x00-\\x7f]{0,40}", width in 0usize..30) {
        use kaizen::text::{clean, fit};
        let shown = fit(&text, width);
        let columns = textwrap::core::display_width(&shown);
        prop_assert!(columns <= width, "{shown:?} is {columns} wide, asked {width}");
        prop_assert!(!shown.chars().any(char::is_control), "{shown:?}");
        let whole = clean(&text);
        if textwrap::core::display_width(&whole) <= width {
            prop_assert_eq!(shown, whole.into_owned());
        } else if width > 0 {
            prop_assert!(shown.ends_with('…'), "{shown:?}");
            prop_assert!(whole.starts_with(shown.trim_end_matches('…')));
        }
    }
}
