//! Saving while the database is held by someone else, through the app's own executor: rows
//! made on screen meanwhile show under provisional ids, changes to them wait behind them in
//! order, and once the database is free everything lands on the right rows.

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY};
use kaizen::actions::{Filter, Status};
use kaizen::store::Store;
use std::time::Duration;

/// A meeting in Action Items on a database file that a second connection can lock.
fn meeting_on_file(dir: &tempfile::TempDir) -> (Harness, rusqlite::Connection) {
    let path = dir.path().join("kaizen.db");
    let mut app = meeting_at(&path);
    app.press("g 3");
    let holder = rusqlite::Connection::open(&path).expect("a second connection");
    (app, holder)
}

/// A weekly meeting begun on the database at `path`, Ana in the roster.
fn meeting_at(path: &std::path::Path) -> Harness {
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    let store = Store::open(path).expect("database");
    // Held by someone else, a write gives up at once and waits its turn.
    store.set_busy_wait(Duration::ZERO).expect("busy wait");
    app.set_store(store);
    app.store_mut()
        .apply(&kaizen::change::Change::Roster(
            kaizen::change::RosterChange::Add(kaizen::people::Person::named("Ana")),
        ))
        .expect("roster");
    app.model.people = vec!["Ana".into()];
    app.press("s y").advance(2);
    app
}

#[test]
fn rows_made_while_the_database_is_locked_land_with_every_change_made_to_them() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let (mut app, holder) = meeting_on_file(&dir);
    holder
        .execute_batch("BEGIN IMMEDIATE")
        .expect("the write lock");

    // An opportunity, an action item that carries it out, and the item marked done: all
    // made while nothing can be written.
    app.press("o a")
        .type_text("Warm the cache")
        .press("enter enter");
    let screen = app.screen();
    assert!(screen.contains("WAITING TO SAVE"), "{screen}");
    assert!(
        screen.contains("Warm the cache"),
        "shown at once:\n{screen}"
    );
    app.press("t")
        .type_text("ana")
        .press("tab")
        .type_text("+3d");
    app.press("enter");
    assert!(
        app.screen().contains("Action item for Ana"),
        "{}",
        app.screen()
    );
    app.press("esc l");
    app.press("d");
    let made = app
        .model
        .actions
        .iter()
        .find(|a| a.title.contains("Warm the cache"))
        .expect("the item on screen")
        .clone();
    assert!(made.id < 0, "provisional until it lands: {}", made.id);

    holder.execute_batch("COMMIT").expect("released");
    app.advance(10);
    let screen = app.screen();
    assert!(!screen.contains("WAITING TO SAVE"), "{screen}");

    let opportunity = app
        .store()
        .opportunities()
        .expect("opportunities")
        .into_iter()
        .find(|o| o.title == "Warm the cache")
        .expect("the opportunity landed");
    let items = app.store().actions(&Filter::default()).expect("items");
    let item = items
        .iter()
        .find(|a| a.title.contains("Warm the cache"))
        .expect("the action item landed");
    assert_eq!(
        item.opportunity_id,
        Some(opportunity.id),
        "linked to the real row"
    );
    assert_eq!(
        item.status,
        Status::Done,
        "the decision made meanwhile landed on it"
    );
    assert!(item.meeting_id.is_some_and(|id| id > 0));
    // The screen holds the stored ids now: nothing provisional is left.
    assert!(app.model.actions.iter().all(|a| a.id > 0));
    assert!(app.model.opportunities.iter().all(|o| o.id > 0));
    // And the very row the store has: the store is the one source of truth for rows.
    assert_eq!(
        app.model.actions.iter().find(|a| a.id == item.id),
        Some(item)
    );
}

#[test]
fn changes_made_on_a_full_disk_land_once_it_has_room_whatever_they_were() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let Some(tmpfs) = crate::tmpfs::Tmpfs::mount(&dir.path().join("disk"), "2m") else {
        return;
    };
    let mut app = meeting_at(&tmpfs.path().join("kaizen.db"));
    for round in 0..3 {
        let filler = tmpfs.fill();
        app.press("tab")
            .type_text(&format!("note {round} "))
            .press("esc");
        app.advance(1);
        app.press("+ t")
            .type_text(&format!("Act {round}"))
            .press("tab")
            .type_text("Ana");
        app.press("tab").type_text("+3d").press("enter");
        app.press("o a")
            .type_text(&format!("Idea {round}"))
            .press("enter enter esc");
        app.press("n");
        app.advance(2);
        assert!(
            app.model.saves_waiting > 0,
            "round {round}: the disk was full"
        );
        std::fs::remove_file(&filler).expect("room again");
        app.advance(20);
        let waiting = app.model.saves_waiting;
        assert_eq!(waiting, 0, "round {round}: {}", app.screen());
    }
    let items = app.store().actions(&Filter::default()).expect("items");
    assert_eq!(items.len(), 3, "{items:?}");
    let meeting = app
        .store()
        .unfinished_meeting()
        .expect("reads")
        .expect("resumable");
    assert!(
        meeting.sections[0].notes.contains("note 0"),
        "{:?}",
        meeting.sections[0].notes
    );
}
