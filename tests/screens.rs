//! Screen snapshots at 80x24 and 120x40 on a fixed date. Review every change to these like
//! code: they are what the facilitator's room sees.

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY, date, history_before};
use std::collections::HashMap;

#[test]
fn home_80x24() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn home_120x40() {
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn home_on_a_monday_when_reviews_are_due_80x24() {
    // Monday 7 December 2026: the annual, monthly and weekly reviews all fall today; the
    // quarterly one was last held in July, so October's was missed.
    let mut held = history_before(date("2026-12-07"));
    held.insert("quarterly".into(), date("2026-07-06"));
    let mut app = Harness::with_history("2026-12-07", 80, 24, held);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn home_selection_and_due_colours_styled() {
    let mut held = history_before(date("2026-12-07"));
    held.insert("quarterly".into(), date("2026-07-06"));
    let mut app = Harness::with_history("2026-12-07", 80, 24, held);
    app.press("j");
    insta::assert_snapshot!(app.styled());
}

#[test]
fn home_with_nothing_ever_held_120x40() {
    let mut app = Harness::with_history(SNAPSHOT_DAY, 120, 40, HashMap::new());
    insta::assert_snapshot!(app.screen());
}

#[test]
fn agenda_weekly_80x24() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("enter");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn agenda_monthly_scrolled_to_the_end_80x24() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("j enter end");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn agenda_monthly_120x40() {
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    app.press("j enter");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn agenda_annual_120x40() {
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    app.press("end enter");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn help_over_home_80x24() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("?");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn too_small_says_so() {
    let mut app = Harness::new(SNAPSHOT_DAY, 79, 24);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn when_several_reviews_fall_on_the_next_day_the_home_screen_names_each() {
    // Saturday 5 Dec 2026: weekly, monthly and annual all fall on Monday 7 Dec.
    let mut app = Harness::new("2026-12-05", 120, 40);
    let screen = app.screen();
    assert!(
        screen.contains("Next       Annual · Monthly · Weekly on Mon 7 Dec, in 2 days"),
        "{screen}"
    );
}
