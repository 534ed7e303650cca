//! The store on PostgreSQL when the server goes away mid-meeting: what the room does
//! meanwhile shows at once and waits in order ("WAITING TO SAVE"), the screen never stops,
//! and once the server is back every change lands, once, on the right rows.

use crate::harness::{Harness, SNAPSHOT_DAY};
use crate::pgserver::{PASSWORD, PgServer};
use kaizen::actions::{Filter, Status};
use kaizen::store::Store;

#[test]
fn a_server_restarted_mid_meeting_loses_nothing() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let url = format!("{}?sslmode=disable", server.url());
    let store = Store::open_postgres(&url, Some(PASSWORD), None).expect("PostgreSQL store");
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    app.set_store(store);
    app.store_mut()
        .apply(&kaizen::change::Change::Roster(
            kaizen::change::RosterChange::Add(kaizen::people::Person::named("Ana")),
        ))
        .expect("roster");
    app.model.people = vec!["Ana".into()];
    app.press("s y").advance(2);
    app.press("g 3");

    server.stop();
    // An opportunity, an action item carrying it out, that item done, and notes: all made
    // while the server is down.
    app.press("o a")
        .type_text("Warm the cache")
        .press("enter enter");
    app.press("t")
        .type_text("ana")
        .press("tab")
        .type_text("+3d");
    app.press("enter");
    app.press("esc l d esc");
    app.press("tab")
        .type_text("Cache warming agreed")
        .press("esc");
    let screen = app.screen();
    assert!(screen.contains("WAITING TO SAVE"), "{screen}");
    assert!(
        screen.contains("Cache warming agreed"),
        "the screen goes on:\n{screen}"
    );

    server.start_again();
    app.advance(10).advance(10);
    let screen = app.screen();
    assert!(!screen.contains("WAITING TO SAVE"), "{screen}");
    let items = app.store().actions(&Filter::default()).expect("items");
    let made: Vec<_> = items
        .iter()
        .filter(|i| i.title.contains("Warm the cache"))
        .collect();
    assert_eq!(made.len(), 1, "once: {items:?}");
    assert_eq!(made[0].status, Status::Done);
    assert!(made[0].opportunity_id.is_some(), "on the opportunity");
    let opportunities = app.store().opportunities().expect("opportunities");
    assert_eq!(
        opportunities
            .iter()
            .filter(|o| o.title == "Warm the cache")
            .count(),
        1
    );
    let (notes, _) = server.psql("SELECT notes FROM section_runs WHERE notes <> ''");
    assert_eq!(notes.trim(), "Cache warming agreed");
}
