//! The team roster: added, renamed and removed from the app, with handles; someone who owns
//! action items cannot be removed; meetings list the roster in their attendance.

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY};
use kaizen::actions::{Filter, NewAction};
use kaizen::model::Screen;
use kaizen::model::roster::split_handle;

#[test]
fn names_may_carry_a_handle() {
    assert_eq!(
        split_handle("Ana Lima @ana"),
        ("Ana Lima".into(), Some("ana".into()))
    );
    assert_eq!(split_handle(" Bo "), ("Bo".into(), None));
    assert_eq!(split_handle("@"), ("@".into(), None));
}

#[test]
fn the_roster_is_edited_from_the_app_and_feeds_attendance() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("r a").type_text("Ana Lima @ana").press("enter");
    app.press("a").type_text("Bo").press("enter");
    app.press("a").type_text("bo").press("enter");
    assert!(
        app.screen().contains("bo is already in the roster"),
        "{}",
        app.screen()
    );
    let roster = app.store().roster().unwrap();
    assert_eq!(
        roster,
        [
            ("Ana Lima".to_string(), Some("ana".to_string())),
            ("Bo".to_string(), None)
        ]
    );
    assert!(app.screen().contains("Ana Lima @ana"), "{}", app.screen());

    // Bo owns an item, so cannot be removed; renaming keeps the item.
    let now = app.now.wall;
    app.store_mut()
        .create_action(
            &NewAction::standalone("Write the runbook", "Bo", harness::date("2026-12-04")),
            false,
            now,
        )
        .unwrap();
    app.model.actions = app.store().actions(&Filter::default()).unwrap();
    app.press("j x");
    assert!(
        app.screen().contains("Bo owns open action items"),
        "{}",
        app.screen()
    );
    app.press("e");
    for _ in 0..2 {
        app.press("backspace");
    }
    app.type_text("Bo Chen").press("enter");
    let items = app.store().actions(&Filter::default()).unwrap();
    assert_eq!(items[0].owner, "Bo Chen");
    app.press("k x");
    assert_eq!(app.store().people().unwrap(), ["Bo Chen"]);

    app.press("esc");
    assert_eq!(app.model.screen, Screen::Home);
    app.press("s y");
    let names: Vec<String> = app
        .model
        .meeting()
        .unwrap()
        .attendees
        .iter()
        .map(|a| a.name.clone())
        .collect();
    assert_eq!(names, ["Bo Chen"], "the roster, and no group to tick");
}

#[test]
fn an_owner_can_be_named_by_handle() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("r a")
        .type_text("Ana Lima @ana")
        .press("enter esc s y");
    app.press("t")
        .type_text("Rotate certificates")
        .press("tab")
        .type_text("@ana");
    app.press("tab").type_text("fri").press("enter");
    let items = app.store().actions(&Filter::default()).unwrap();
    assert_eq!(items[0].owner, "Ana Lima");
    assert_eq!(
        app.store().people().unwrap(),
        ["Ana Lima"],
        "nobody called @ana was added"
    );
}

#[test]
fn someone_whose_items_are_all_closed_can_leave_and_keeps_their_name_on_them() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    let now = app.now.wall;
    let id = app
        .store_mut()
        .create_action(
            &NewAction::standalone("Write the runbook", "Bo", harness::date("2026-12-04")),
            true,
            now,
        )
        .unwrap();
    app.store_mut()
        .decide(id, &kaizen::change::Decision::Done, None, now)
        .unwrap();
    app.model.people = app.store().people().unwrap();
    app.model.actions = app.store().actions(&Filter::default()).unwrap();
    app.press("r x");
    assert!(
        app.screen().contains("Bo left the roster"),
        "{}",
        app.screen()
    );
    assert!(app.store().people().unwrap().is_empty());
    let items = app.store().actions(&Filter::default()).unwrap();
    assert_eq!(
        items[0].owner, "Bo",
        "the finished item keeps its owner's name"
    );
    // Given an item again, Bo is back.
    app.store_mut()
        .create_action(
            &NewAction::standalone("Rotate the keys", "Bo", harness::date("2026-12-11")),
            true,
            now,
        )
        .unwrap();
    assert_eq!(app.store().people().unwrap(), ["Bo"]);
}

#[test]
fn someone_added_in_attendance_joins_the_roster_and_is_there_next_meeting() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("s y a a").type_text("Cy").press("enter");
    assert_eq!(app.store().people().unwrap(), ["Cy"]);
    assert!(app.model.people.contains(&"Cy".to_string()));
}

#[test]
fn a_handle_given_with_its_at_sign_is_kept_once() {
    let mut store = kaizen::store::Store::open_in_memory().expect("store");
    store
        .apply(&kaizen::change::Change::Roster(
            kaizen::change::RosterChange::Add {
                name: "Ana Lima".into(),
                handle: Some("@ana".into()),
            },
        ))
        .expect("added");
    assert_eq!(
        store.roster().expect("roster"),
        [("Ana Lima".to_string(), Some("ana".to_string()))]
    );
}

#[test]
fn an_owner_can_be_named_by_first_name_when_no_one_else_has_it() {
    use kaizen::model::roster::find_person;
    let people: Vec<String> = ["Ana Lima", "Bo Chen", "Bo Diaz", "Dana Kim"]
        .map(String::from)
        .to_vec();
    let handles = std::collections::HashMap::from([("Ana Lima".to_string(), "ana".to_string())]);
    assert_eq!(
        find_person(&people, &handles, "dana").as_deref(),
        Some("Dana Kim")
    );
    assert_eq!(
        find_person(&people, &handles, "ANA LIMA").as_deref(),
        Some("Ana Lima")
    );
    assert_eq!(
        find_person(&people, &handles, "@Ana").as_deref(),
        Some("Ana Lima")
    );
    // Two Bos: which one is not guessed.
    assert_eq!(find_person(&people, &handles, "bo"), None);
    assert_eq!(
        find_person(&people, &handles, "bo chen").as_deref(),
        Some("Bo Chen")
    );
    assert_eq!(
        find_person(&people, &handles, "Lima"),
        None,
        "a first name, not any word"
    );
}
