//! Making an action item in a meeting with `t`: the form asks for what is missing, offers to
//! add an owner who is not in the roster, parses the due date, keeps the clock going, and
//! gives back what was typed after Esc.

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY};
use kaizen::actions::{Filter, Status};
use kaizen::model::Focus;

fn meeting() -> Harness {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("s y");
    app
}

#[test]
fn t_makes_an_owned_dated_action_item_in_the_current_section() {
    let mut app = meeting();
    app.model.people = vec!["Ana".into()];
    let now = app.now.wall;
    app.store_mut()
        .create_action(
            &kaizen::actions::NewAction::standalone(
                "seed roster",
                "Ana",
                harness::date("2026-12-01"),
            ),
            true,
            now,
        )
        .unwrap();
    app.press("n t")
        .type_text("Add index on user_id")
        .press("tab")
        .type_text("ana");
    app.press("tab").type_text("+3d");
    app.advance(5); // the clock keeps running while typing
    app.press("enter");
    assert!(matches!(app.model.focus, Focus::Clock));
    assert!(
        app.screen()
            .contains("Action item for Ana, due Tue 1 Dec: Add index on user_id")
    );
    let items = app.store().actions(&Filter::default()).unwrap();
    let item = items
        .iter()
        .find(|i| i.title == "Add index on user_id")
        .expect("saved");
    assert_eq!(item.owner, "Ana", "the roster's spelling");
    assert_eq!(item.due_on, harness::date("2026-12-01"));
    assert_eq!(item.status, Status::Open);
    assert_eq!(item.section.as_deref(), Some("Anomaly Detection"));
    assert!(item.meeting_id.is_some());
    assert_eq!(app.remaining(), 595);
}

#[test]
fn the_form_says_what_is_missing_and_offers_to_add_a_new_owner() {
    let mut app = meeting();
    app.press("t enter");
    assert!(app.screen().contains("Say what is to be done"));
    app.type_text("Warm the cache").press("enter");
    assert!(app.screen().contains("Who owns it?"));
    app.type_text("Bo").press("enter");
    assert!(app.screen().contains("When is it due?"));
    app.type_text("someday").press("enter");
    assert!(
        app.screen().contains("is not a due date"),
        "{}",
        app.screen()
    );
    for _ in 0.."someday".len() {
        app.press("backspace");
    }
    app.type_text("fri").press("enter");
    assert!(
        app.screen()
            .contains("Bo is new to the roster: Enter again adds them")
    );
    assert!(
        app.store().actions(&Filter::default()).unwrap().is_empty(),
        "nothing saved yet"
    );
    app.press("enter");
    let items = app.store().actions(&Filter::default()).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].owner, "Bo");
    assert_eq!(app.store().people().unwrap(), ["Bo"]);
    assert_eq!(app.model.people, ["Bo"]);
}

#[test]
fn esc_puts_the_form_away_and_u_brings_it_back() {
    let mut app = meeting();
    app.press("t").type_text("Review the error budget");
    app.press("esc");
    assert!(matches!(app.model.focus, Focus::Clock));
    assert!(app.screen().contains("u brings it back"));
    app.press("u");
    let Focus::NewAction(form) = &app.model.focus else {
        panic!("the form is back");
    };
    assert_eq!(form.text(0), "Review the error budget");
}

#[test]
fn q_in_the_form_is_a_letter() {
    let mut app = meeting();
    app.press("t").type_text("quarterly quota");
    assert!(!app.quit && app.model.dialog.is_none());
    let Focus::NewAction(form) = &app.model.focus else {
        panic!("still in the form");
    };
    assert_eq!(form.text(0), "quarterly quota");
}

#[test]
fn t_again_brings_back_the_draft_put_away_instead_of_throwing_it_away() {
    let mut app = meeting();
    app.press("t").type_text("Review the error budget");
    app.press("esc");
    assert!(
        app.screen().contains("t or u brings it back"),
        "{}",
        app.screen()
    );
    app.press("t");
    let Focus::NewAction(form) = &app.model.focus else {
        panic!("the form is open");
    };
    assert_eq!(form.text(0), "Review the error budget");
    // Once made, the next t is a fresh form.
    app.press("tab")
        .type_text("Ana")
        .press("tab")
        .type_text("+3d")
        .press("enter enter");
    app.press("t");
    let Focus::NewAction(form) = &app.model.focus else {
        panic!("the form is open");
    };
    assert_eq!(form.text(0), "");
}
