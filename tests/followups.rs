//! The Follow-ups step over three weekly meetings: items made in the first are reviewed in
//! the second (done, carried), and in the third the carried one is reassigned, rescheduled
//! and dropped; counts and histories are right at every step.

use crate::harness;

use harness::{Harness, at};
use kaizen::actions::{Filter, Status};
use kaizen::model::Focus;
use kaizen::store::Store;

/// A weekly meeting on `day` against the database at `path`, the model loaded as main does.
fn weekly_on(path: &std::path::Path, day: &str) -> Harness {
    let mut app = Harness::new(day, 100, 30);
    app.set_store(Store::open(path).expect("database"));
    app.model.people = app.store().people().expect("roster");
    app.model.actions = app.store().actions(&Filter::default()).expect("items");
    app.model.last_held = app.store().last_held().expect("history");
    app.now = at(harness::date(day), 9);
    app.press("s y");
    app
}

fn stored(app: &Harness) -> Vec<kaizen::actions::ActionItem> {
    app.store().actions(&Filter::default()).expect("items")
}

#[test]
fn three_weekly_meetings_review_what_was_promised() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaizen.db");

    // Week 1: nothing open yet, so no Follow-ups; two items are made.
    let mut week1 = weekly_on(&path, "2026-11-30");
    assert_eq!(
        week1.model.meeting().unwrap().sections[0].title,
        "Metrics Review"
    );
    week1
        .press("t")
        .type_text("Add index on user_id")
        .press("tab")
        .type_text("Ana");
    week1
        .press("tab")
        .type_text("2026-12-04")
        .press("enter enter");
    week1
        .press("t")
        .type_text("Warm the cache")
        .press("tab")
        .type_text("Bo");
    week1
        .press("tab")
        .type_text("2026-12-05")
        .press("enter enter");
    week1.press("e y enter");
    assert_eq!(stored(&week1).len(), 2);
    drop(week1);

    // Week 2: Follow-ups opens the meeting with both; one done, one carried.
    let mut week2 = weekly_on(&path, "2026-12-07");
    let meeting = week2.model.meeting().unwrap();
    assert_eq!(meeting.sections[0].title, "Follow-ups");
    assert_eq!(
        meeting.budget_secs(),
        30 * 60,
        "the seed's 30 minutes: Follow-ups takes its five from Action Items"
    );
    let plan: Vec<(&str, i64)> = meeting
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.timer.planned_secs / 60))
        .collect();
    assert_eq!(
        plan,
        [
            ("Follow-ups", 5),
            ("Metrics Review", 10),
            ("Anomaly Detection", 10),
            ("Action Items", 5)
        ]
    );
    let screen = week2.screen();
    assert!(
        screen.contains("Ana · 1 open") && screen.contains("Bo · 1 open"),
        "{screen}"
    );
    assert!(
        screen.contains("0 of 2 due since 30 Nov done (0%)"),
        "{screen}"
    );
    assert!(
        screen.contains("4 Dec late"),
        "overdue items say so: {screen}"
    );
    week2.press("d j c");
    let items = stored(&week2);
    assert_eq!(items[0].status, Status::Done);
    assert_eq!((items[1].status, items[1].carried), (Status::Open, 1));
    week2.press("n").advance(60).press("e y enter");
    drop(week2);

    // Week 3: only the carried item is open; reassign, reschedule, then drop it.
    let mut week3 = weekly_on(&path, "2026-12-14");
    let screen = week3.screen();
    assert!(
        screen.contains("Warm the cache") && !screen.contains("Add index"),
        "{screen}"
    );
    assert!(screen.contains("carried 1"), "{screen}");
    week3.press("h").type_text("Cy").press("enter");
    assert!(week3.screen().contains("Cy is new to the roster"));
    week3.press("enter w").type_text("someday").press("enter");
    assert!(week3.screen().contains("is not a due date"));
    for _ in 0.."someday".len() {
        week3.press("backspace");
    }
    week3.type_text("+3d").press("enter x enter");
    assert!(week3.screen().contains("Say why"));
    week3.type_text("cache replaced by CDN").press("enter");
    assert!(matches!(week3.model.focus, Focus::Clock));

    let items = stored(&week3);
    let item = &items[1];
    assert_eq!(item.owner, "Cy");
    assert_eq!(item.due_on, harness::date("2026-12-17"));
    assert_eq!(item.status, Status::Dropped);
    assert_eq!(item.drop_reason.as_deref(), Some("cache replaced by CDN"));
    assert_eq!(item.carried, 1);
    assert!(
        week3
            .store()
            .actions(&Filter {
                status: Some(Status::Open),
                ..Filter::default()
            })
            .unwrap()
            .is_empty(),
        "nothing falls through: every item was decided"
    );
}

/// The app and the folder of its database (kept alive as long as the app).
fn with_open_items(width: u16, height: u16) -> (Harness, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("test setup");
    let path = dir.path().join("kaizen.db");
    let mut store = Store::open(&path).expect("test setup");
    let made = at(harness::date("2026-11-16"), 9).wall;
    for (title, owner, due) in [
        (
            "Add composite index on user_id + status",
            "Ana",
            "2026-11-20",
        ),
        ("Cache warming for wind data", "Ana", "2026-12-04"),
        ("S3 lifecycle policy for old files", "Bo", "2026-12-11"),
    ] {
        let new = kaizen::actions::NewAction::standalone(title, owner, harness::date(due));
        store.create_action(&new, true, made).expect("test setup");
    }
    drop(store);
    let mut app = Harness::new("2026-11-30", width, height);
    app.set_store(Store::open(&path).expect("test setup"));
    app.model.people = app.store().people().expect("test setup");
    app.model.actions = app.store().actions(&Filter::default()).expect("test setup");
    app.model
        .last_held
        .insert("weekly".into(), harness::date("2026-11-23"));
    app.now = at(harness::date("2026-11-30"), 9);
    app.press("s y j c");
    (app, dir)
}

#[test]
fn followups_step_80x24() {
    let (mut app, _dir) = with_open_items(80, 24);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn followups_step_120x40() {
    let (mut app, _dir) = with_open_items(120, 40);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn the_home_screen_counts_open_and_late_items_per_owner() {
    let (mut app, _dir) = with_open_items(80, 24);
    app.press("e y enter");
    let screen = app.screen();
    assert!(
        screen.contains("Actions    Ana 2 open (1 late) · Bo 1 open"),
        "{screen}"
    );
}

/// The home screen with the three open items of `with_open_items`, no meeting running.
fn home_with_items(width: u16, height: u16) -> (Harness, tempfile::TempDir) {
    let (mut app, dir) = with_open_items(width, height);
    app.press("e y enter");
    (app, dir)
}

#[test]
fn the_action_list_filters_sorts_and_decides() {
    let (mut app, _dir) = home_with_items(100, 30);
    app.press("a");
    let screen = app.screen();
    assert!(
        screen.contains("Action items · open · everyone · by due date · 3"),
        "{screen}"
    );
    app.press("f");
    assert!(
        app.screen().contains("overdue · everyone"),
        "{}",
        app.screen()
    );
    assert!(
        app.screen().contains("· 1 "),
        "one overdue item: {}",
        app.screen()
    );
    app.press("f f f f f p");
    assert!(
        app.screen().contains("open · Ana · by due date · 2"),
        "{}",
        app.screen()
    );
    app.press("d");
    let items = app.store().actions(&Filter::default()).expect("items");
    assert_eq!(
        items[0].status,
        Status::Done,
        "the first of Ana's, by due date"
    );
    app.press("s");
    assert!(app.screen().contains("by owner"));
    app.press("esc");
    assert_eq!(app.model.screen, kaizen::model::Screen::Home);
}

#[test]
fn action_list_80x24() {
    let (mut app, _dir) = home_with_items(80, 24);
    app.press("a");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn action_list_in_a_meeting_keeps_the_clock_120x40() {
    let (mut app, _dir) = with_open_items(120, 40);
    app.press("n l f f f f f");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn enter_on_the_list_edits_what_who_and_due() {
    let (mut app, _dir) = home_with_items(100, 30);
    app.press("a enter");
    assert!(
        app.screen().contains("Edit action item"),
        "{}",
        app.screen()
    );
    for _ in 0.."Add composite index on user_id + status".len() {
        app.press("backspace");
    }
    app.type_text("Add the composite index").press("tab");
    for _ in 0.."Ana".len() {
        app.press("backspace");
    }
    app.type_text("Bo").press("tab");
    for _ in 0.."2026-11-20".len() {
        app.press("backspace");
    }
    app.type_text("+2d").press("enter");
    assert!(
        matches!(app.model.screen, kaizen::model::Screen::Actions(_)),
        "back on the list"
    );
    let items = app.store().actions(&Filter::default()).expect("items");
    let item = &items.iter().find(|i| i.id == 1).expect("item 1");
    assert_eq!(
        (item.title.as_str(), item.owner.as_str(), item.due_on),
        ("Add the composite index", "Bo", harness::date("2026-12-02"))
    );
    app.press("esc a");
}

#[test]
fn the_action_form_at_120x40() {
    let (mut app, _dir) = with_open_items(120, 40);
    app.press("n t")
        .type_text("Add index on user_id")
        .press("tab")
        .type_text("Ana");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn only_open_items_are_decided_and_carried_once_per_meeting() {
    let (mut app, _dir) = with_open_items(100, 30);
    // with_open_items carried the second item already ("j c"); the cursor went on to the
    // third, so back up to it.
    app.press("k c");
    assert!(
        app.screen().contains("Already decided in this meeting"),
        "{}",
        app.screen()
    );
    app.press("x").type_text("obsolete").press("enter k d");
    assert!(
        app.screen().contains("only open items can be decided"),
        "{}",
        app.screen()
    );
    let items = app.store().actions(&Filter::default()).expect("items");
    assert_eq!((items[1].status, items[1].carried), (Status::Dropped, 1));
    app.press("n");
    assert!(
        app.screen().contains("2 item(s) left undecided"),
        "{}",
        app.screen()
    );
}

#[test]
fn items_made_in_a_meeting_are_listed_at_once_and_fresh_after_it() {
    let (mut app, _dir) = with_open_items(100, 30);
    app.press("n t")
        .type_text("Rotate TLS certificates")
        .press("tab")
        .type_text("Ana");
    app.press("tab").type_text("fri").press("enter l");
    assert!(app.screen().contains("Rotate TLS"), "{}", app.screen());
    app.press("esc e y enter a");
    let screen = app.screen();
    assert!(screen.contains("Rotate TLS certificates"), "{screen}");
    assert!(
        screen.contains("· open · everyone · by due date · 4"),
        "{screen}"
    );
}

/// With items open, the home screen, the agenda preview and the start dialog show the plan
/// the meeting will run: the Follow-ups step first, its minutes from Action Items, 30 in all.
#[test]
fn the_plan_shown_before_a_meeting_is_the_plan_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaizen.db");
    let mut app = Harness::new("2026-11-30", 120, 40);
    app.set_store(Store::open(&path).expect("database"));
    let item = kaizen::actions::NewAction::standalone(
        "Rotate the keys",
        "Ana",
        harness::date("2026-12-04"),
    );
    let now = app.now.wall;
    app.store_mut()
        .create_action(&item, true, now)
        .expect("an item");
    app.model.actions = stored(&app);
    let home = app.screen();
    assert!(home.contains("Follow-ups"), "{home}");
    assert!(home.contains("5 min to Follow-ups"), "{home}");
    app.press("enter");
    let agenda = app.screen();
    assert!(
        agenda.contains("1. Follow-ups  5 min  0:00–0:05"),
        "{agenda}"
    );
    assert!(
        agenda.contains("4. Action Items  5 min  0:25–0:30  (5 min to Follow-ups)"),
        "{agenda}"
    );
    app.press("s");
    let dialog = app.screen();
    assert!(dialog.contains("(30 minutes: Follow-ups 5"), "{dialog}");
    assert!(dialog.contains("then 3 sections"), "{dialog}");
    app.press("y");
    let meeting = app.screen();
    assert!(meeting.contains("of 30:00"), "{meeting}");
    // Numbered as the plan numbered them: g 4 is Action Items.
    assert!(meeting.contains("4 Action Items"), "{meeting}");
}

#[test]
fn in_the_follow_ups_o_opens_the_quadrant_h_gives_a_new_owner_and_the_footer_says_how_to_move_on() {
    let (mut app, _dir) = with_open_items(120, 40);
    let screen = app.screen();
    assert!(screen.contains("h new owner"), "{screen}");
    app.press("esc"); // the message of the last decision goes; the hints show whole
    let screen = app.screen();
    assert!(
        screen.contains("n next") && screen.contains("Tab notes"),
        "{screen}"
    );
    // o means opportunities on every meeting screen, here too.
    app.press("o");
    assert!(matches!(
        app.model.screen,
        kaizen::model::Screen::Quadrant(_)
    ));
    app.press("esc h");
    assert!(app.screen().contains("New owner"), "{}", app.screen());
}

#[test]
fn the_cursor_follows_its_item_when_the_list_re_sorts() {
    let (mut app, _dir) = home_with_items(120, 40);
    app.press("a");
    let first = |app: &Harness| {
        let list = app.model.action_list().expect("the list").clone();
        app.model.listed_actions(&list)[0].title.clone()
    };
    let moved = first(&app);
    // A new due date far off sends the first item to the bottom of the by-due list; the
    // cursor goes with it, so the next key decides the same item.
    app.press("w").type_text("2026-12-31").press("enter");
    assert_ne!(first(&app), moved, "it moved down the list");
    app.press("d");
    let items = app.store().actions(&Filter::default()).expect("items");
    let decided = items.iter().find(|i| i.title == moved).expect("the item");
    assert_eq!(decided.status, Status::Done, "{}", app.screen());
    assert_eq!(
        items.iter().filter(|i| i.status == Status::Done).count(),
        1,
        "no other item was touched"
    );
}

#[test]
fn a_run_of_decisions_decides_one_item_each_and_never_the_same_twice() {
    let (mut app, _dir) = with_open_items(100, 30);
    // "j c" carried the second item; the cursor went on to the third.
    app.press("d");
    assert!(
        app.screen()
            .contains("S3 lifecycle policy for old files: done")
    );
    // Then round to the first, the only one still to decide.
    app.press("d");
    assert!(
        app.screen()
            .contains("Add composite index on user_id + status: done"),
        "{}",
        app.screen()
    );
    let items = stored(&app);
    let status = |title: &str| {
        let item = items.iter().find(|i| i.title == title).expect("stored");
        (item.status, item.carried)
    };
    assert_eq!(
        status("Add composite index on user_id + status"),
        (Status::Done, 0)
    );
    assert_eq!(status("Cache warming for wind data"), (Status::Open, 1));
    assert_eq!(
        status("S3 lifecycle policy for old files"),
        (Status::Done, 0)
    );
    app.press("n");
    assert!(
        !app.screen().contains("left undecided"),
        "every item was decided:\n{}",
        app.screen()
    );
}

#[test]
fn a_resumed_meeting_remembers_what_its_follow_ups_decided() {
    let (mut app, dir) = with_open_items(100, 30);
    // Carried (by "j c") and done; then the laptop dies.
    app.press("d");
    let crash = app.now;
    drop(app);
    let mut app = crate::meeting::restart(&dir.path().join("kaizen.db"), crash, 30);
    app.press("enter");
    let screen = app.screen();
    assert_eq!(
        screen.matches("✓ ").count(),
        2,
        "both decisions are still marked:\n{screen}"
    );
    // The cursor waits on the one item still to decide, and the carried one is not carried twice.
    app.press("d");
    assert!(
        app.screen()
            .contains("Add composite index on user_id + status: done"),
        "{}",
        app.screen()
    );
    app.press("j c");
    let items = stored(&app);
    let carried = items
        .iter()
        .find(|i| i.title == "Cache warming for wind data")
        .expect("stored");
    assert_eq!(
        carried.carried, 1,
        "carried once in this meeting, not twice"
    );
}
