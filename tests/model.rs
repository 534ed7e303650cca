//! The model on its own: keys become state changes and effects; the clock is an argument.

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY, at, date};
use kaizen::effect::Effect;
use kaizen::model::{AgendaView, Screen};
use kaizen::msg::Msg;

#[test]
fn selection_moves_and_stops_at_the_ends() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("k");
    assert_eq!(app.model.home_selected, 0);
    app.press("j down j j j");
    assert_eq!(app.model.home_selected, 3, "four cycles: stops at the last");
    app.press("home");
    assert_eq!(app.model.home_selected, 0);
    app.press("end");
    assert_eq!(app.model.home_selected, 3);
}

#[test]
fn enter_opens_the_selected_agenda_and_esc_returns_to_the_same_row() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("j j enter");
    assert_eq!(app.model.screen, Screen::Agenda(AgendaView::new(2)));
    app.press("esc");
    assert_eq!(app.model.screen, Screen::Home);
    assert_eq!(app.model.home_selected, 2);
}

fn scroll(app: &Harness) -> u16 {
    match &app.model.screen {
        Screen::Agenda(view) => view.scroll,
        other => panic!("not on the agenda: {other:?}"),
    }
}

#[test]
fn the_agenda_scrolls_within_its_content() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("j enter");
    app.press("k");
    assert_eq!(scroll(&app), 0, "cannot scroll above the top");
    app.press("j j");
    assert_eq!(scroll(&app), 2);
    app.press("end");
    let bottom = scroll(&app);
    assert!(bottom > 10, "monthly has more than a screen: {bottom}");
    app.press("j pagedown");
    assert_eq!(scroll(&app), bottom, "cannot scroll past the end");
    assert!(
        app.screen().contains("Access control audit"),
        "the last item shows"
    );
    app.press("home");
    assert_eq!(scroll(&app), 0);
}

#[test]
fn growing_the_terminal_pulls_the_scroll_back_into_range() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("j enter end");
    assert!(scroll(&app) > 0);
    app.resize(200, 60);
    assert_eq!(scroll(&app), 0, "everything fits at 200x60");
}

#[test]
fn help_opens_over_any_screen_and_closes_with_esc_or_question_mark() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("?");
    assert!(app.model.help_open);
    app.press("j");
    assert_eq!(
        app.model.home_selected, 0,
        "keys under the overlay do nothing"
    );
    app.press("esc");
    assert!(!app.model.help_open);
    app.press("enter ?");
    assert!(
        app.screen().contains("scroll down"),
        "agenda keys are listed"
    );
    app.press("?");
    assert!(!app.model.help_open);
    assert!(
        matches!(app.model.screen, Screen::Agenda(_)),
        "still on the agenda"
    );
}

#[test]
fn q_and_ctrl_c_quit_from_any_screen() {
    for keys in ["q", "ctrl-c", "enter q", "? q"] {
        let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
        app.press(keys);
        assert_eq!(app.effects, [Effect::Quit], "{keys}");
    }
}

#[test]
fn a_shutdown_quits() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.send(Msg::Shutdown);
    assert_eq!(app.effects, [Effect::Quit]);
}

#[test]
fn the_home_screen_follows_the_date_when_midnight_passes() {
    let mut app = Harness::new("2026-11-29", 80, 24);
    assert!(app.screen().contains("Sun 29 Nov 2026"));
    app.model.take_dirty();
    app.now = at(date("2026-11-30"), 0);
    app.send(Msg::Tick);
    assert!(app.model.take_dirty(), "a new day must be drawn");
    let screen = app.screen();
    assert!(screen.contains("Mon 30 Nov 2026"), "{screen}");
    assert!(screen.contains("Due today  Weekly"), "{screen}");
}

#[test]
fn a_tick_within_the_same_day_does_not_redraw() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.model.take_dirty();
    app.now = at(date(SNAPSHOT_DAY), 15);
    app.send(Msg::Tick);
    assert!(!app.model.take_dirty());
}
