//! The team roster: added, renamed and removed from the app, with handles; someone who owns
//! action items cannot be removed; meetings list the roster in their attendance.

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY};
use kaizen::actions::{Filter, NewAction};
use kaizen::model::Screen;
use kaizen::people::Person;

fn person(name: &str, handle: Option<&str>, email: Option<&str>) -> Person {
    Person {
        name: name.into(),
        handle: handle.map(String::from),
        email: email.map(String::from),
    }
}

#[test]
fn names_may_carry_a_handle_and_an_address() {
    let typed = |text: &str| Person::typed(text).expect("read");
    assert_eq!(
        typed("Ana Lima @ana"),
        person("Ana Lima", Some("ana"), None)
    );
    assert_eq!(typed(" Bo "), person("Bo", None, None));
    assert_eq!(typed("@"), person("@", None, None));
    assert_eq!(
        typed("Ana Lima @ana <ana@example.com>"),
        person("Ana Lima", Some("ana"), Some("ana@example.com"))
    );
    assert_eq!(
        typed("Bo Chen <bo.chen@ops.example>"),
        person("Bo Chen", None, Some("bo.chen@ops.example"))
    );
    assert_eq!(
        typed("Ana Lima @ana <ana@example.com>").written(),
        "Ana Lima @ana <ana@example.com>"
    );
    // Without its '>', or written bare, an address is still one.
    assert_eq!(
        typed("Ana Lima @ana <ana@example.com"),
        person("Ana Lima", Some("ana"), Some("ana@example.com"))
    );
    assert_eq!(
        typed("Ana Lima ana@example.com"),
        person("Ana Lima", None, Some("ana@example.com"))
    );
    assert!(
        Person::typed("Ana <ana@example").is_ok(),
        "a local domain is one"
    );
    let refused = Person::typed("Bo <not an address>").expect_err("refused");
    assert_eq!(
        refused,
        "\"not an address\" is not an email address: write it like <ana@example.com>"
    );
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
            person("Ana Lima", Some("ana"), None),
            person("Bo", None, None)
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
    let mut store = crate::harness::test_store();
    store
        .apply(&kaizen::change::Change::Roster(
            kaizen::change::RosterChange::Add(person("Ana Lima", Some("@ana"), None)),
        ))
        .expect("added");
    assert_eq!(
        store.roster().expect("roster"),
        [person("Ana Lima", Some("ana"), None)]
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

/// An address is given on the roster screen when adding or editing someone; a typo in it is
/// said, and what was typed stays to be mended.
#[test]
fn an_address_is_added_and_edited_on_the_roster_screen() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("r a")
        .type_text("Ana Lima @ana <ana.example.com>")
        .press("enter");
    let screen = app.screen();
    assert!(
        screen.contains("\"ana.example.com\" is not an email address"),
        "{screen}"
    );
    assert!(app.store().roster().unwrap().is_empty());
    for _ in 0.."ana.example.com>".len() {
        app.press("backspace");
    }
    app.type_text("ana@example.com>").press("enter");
    assert_eq!(
        app.store().roster().unwrap(),
        [person("Ana Lima", Some("ana"), Some("ana@example.com"))]
    );
    let screen = app.screen();
    assert!(
        screen.contains("Ana Lima @ana") && screen.contains("<ana@example.com>"),
        "{screen}"
    );
    // e starts from everything known of her.
    app.press("e");
    for _ in 0.."example.com>".len() {
        app.press("backspace");
    }
    app.type_text("ops.example>").press("enter");
    assert_eq!(
        app.store().roster().unwrap(),
        [person("Ana Lima", Some("ana"), Some("ana@ops.example"))]
    );
}
