//! Every screen at 200x60, on the demo's history (a team of four, a year of meetings, the
//! process's opportunities), so a big shared screen is reviewed as often as a laptop's.

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY, at, date};
use kaizen::actions::NewAction;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// The app on the demo's data, as `kaizen --demo` loads it, with three items left open by
/// the last weekly so the Follow-ups step has something to decide.
fn demo() -> Harness {
    let mut app = Harness::new(SNAPSHOT_DAY, WIDTH, HEIGHT);
    let mut store = crate::harness::test_store();
    let cycles = app.model.cycles.clone();
    kaizen::demo::seed_history(&mut store, &cycles, app.now.wall).expect("history");
    kaizen::demo::seed_opportunities(&mut store, app.now.wall).expect("opportunities");
    let made = at(date("2026-11-23"), 10).wall;
    for (title, owner, due) in [
        (
            "Add composite index on user_id + status",
            "Ana Lima",
            "2026-11-27",
        ),
        ("Cache warming for wind data", "Bo Chen", "2026-12-04"),
        (
            "S3 lifecycle policy for old files",
            "Dana Kim",
            "2026-12-11",
        ),
    ] {
        let new = NewAction::standalone(title, owner, date(due));
        store.create_action(&new, false, made).expect("an item");
    }
    app.model.last_held = store.last_held().expect("history");
    kaizen::cli::load_rows(&mut app.model, &store).expect("rows");
    app.set_store(store);
    app.send(kaizen::msg::Msg::Resize(WIDTH, HEIGHT));
    app
}

#[test]
fn home_200x60() {
    insta::assert_snapshot!(demo().screen());
}

#[test]
fn agenda_200x60() {
    let mut app = demo();
    app.press("enter");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn follow_ups_200x60() {
    let mut app = demo();
    app.press("s y d");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn metrics_review_200x60() {
    let mut app = demo();
    app.press("s y n").advance(200);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn what_stands_out_and_one_in_full_200x60() {
    let mut app = demo();
    app.press("s y n n f");
    insta::assert_snapshot!("what_stands_out_200x60", app.screen());
    app.press("enter");
    insta::assert_snapshot!("a_finding_in_full_200x60", app.screen());
}

#[test]
fn incident_review_200x60() {
    let mut app = demo();
    app.press("j s y");
    for _ in 0..3 {
        app.press("n");
    }
    assert!(app.screen().contains("Incident Review"), "{}", app.screen());
    insta::assert_snapshot!(app.screen());
}

#[test]
fn quadrant_and_an_opportunity_200x60() {
    let mut app = demo();
    app.press("o");
    insta::assert_snapshot!("quadrant_200x60", app.screen());
    app.press("enter");
    insta::assert_snapshot!("opportunity_200x60", app.screen());
}

#[test]
fn action_list_200x60() {
    let mut app = demo();
    app.press("a");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn history_and_a_report_200x60() {
    let mut app = demo();
    app.press("h");
    insta::assert_snapshot!("history_200x60", app.screen());
    app.press("enter");
    insta::assert_snapshot!("report_200x60", app.screen());
}

#[test]
fn summary_200x60() {
    let mut app = demo();
    app.press("s y n").advance(300);
    app.press("tab")
        .type_text("p95 back under 100 ms after the index")
        .press("esc");
    app.press("e y");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn help_over_a_meeting_200x60() {
    let mut app = demo();
    app.press("s y n ?");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn roster_200x60() {
    let mut app = demo();
    app.press("r");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn checklist_200x60() {
    let mut app = demo();
    app.press("s y n c space j space");
    insta::assert_snapshot!(app.screen());
}
