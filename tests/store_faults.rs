//! The store on PostgreSQL when the server goes away mid-meeting: what the room does
//! meanwhile shows at once and waits in order ("WAITING TO SAVE"), the screen never stops,
//! and once the server is back every change lands, once, on the right rows.

use crate::harness::{Harness, SNAPSHOT_DAY};
use crate::pgserver::{PASSWORD, PgServer};
use kaizen::actions::{Filter, Status};
use kaizen::store::Store;

/// A weekly meeting in its Action Items, on the PostgreSQL store at `url`, Ana on the roster.
fn meeting_on(url: &str) -> Harness {
    let store = Store::open_postgres(url, Some(PASSWORD), None).expect("PostgreSQL store");
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
    app
}

#[test]
fn a_server_restarted_mid_meeting_loses_nothing() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let url = format!("{}?sslmode=disable", server.url());
    let mut app = meeting_on(&url);

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

/// The network between kaizen and the server drops mid-meeting (a proxy the test cuts):
/// changes wait in order, and land when the link is back.
#[test]
fn a_dropped_network_loses_nothing() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let proxy = crate::tcp_proxy::Proxy::start(server.port);
    let url = format!(
        "postgres://{}@127.0.0.1:{}/postgres?sslmode=disable",
        crate::pgserver::USER,
        proxy.port
    );
    let mut app = meeting_on(&url);

    proxy.cut();
    for title in ["First", "Second", "Third"] {
        app.press("t")
            .type_text(title)
            .press("tab")
            .type_text("ana");
        app.press("tab").type_text("+3d").press("enter");
    }
    assert!(app.screen().contains("WAITING TO SAVE"), "{}", app.screen());

    proxy.mend();
    app.advance(10).advance(10);
    assert!(
        !app.screen().contains("WAITING TO SAVE"),
        "{}",
        app.screen()
    );
    let (titles, _) = server.psql("SELECT title FROM action_items ORDER BY id");
    assert_eq!(
        titles.lines().collect::<Vec<_>>(),
        ["First", "Second", "Third"],
        "each once, in order"
    );
}

/// A slow server (every new action item takes the server 3 s) in the real binary: the screen
/// answers keys meanwhile, and the items land in the order they were made.
#[test]
#[allow(clippy::disallowed_methods)] // waiting on a real server needs a clock
fn a_slow_server_never_holds_the_screen() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let url = format!("{}?sslmode=disable", server.url());
    {
        let mut store = Store::open_postgres(&url, Some(PASSWORD), None).expect("PostgreSQL store");
        store
            .apply(&kaizen::change::Change::Roster(
                kaizen::change::RosterChange::Add(kaizen::people::Person::named("Ana")),
            ))
            .expect("roster");
    }
    server.exec(
        "CREATE FUNCTION slow() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(3); RETURN NEW; END $$ LANGUAGE plpgsql;
         CREATE TRIGGER slow BEFORE INSERT ON action_items FOR EACH ROW EXECUTE FUNCTION slow();",
    );
    let home = crate::pgserver::home_on(&url);
    let pane = crate::pty::Pane::start(home.path(), &[], 120, 40);
    pane.wait_for("Review cycles");
    pane.keys(&["s"]);
    pane.wait_for("Start the Weekly review");
    pane.keys(&["y"]);
    pane.wait_for("1/3  Metrics Review");
    for title in ["Slow one", "Slow two"] {
        pane.keys(&["t"]);
        pane.keys(&["-l", title]);
        pane.keys(&["Tab"]);
        pane.keys(&["-l", "Ana"]);
        pane.keys(&["Tab"]);
        pane.keys(&["-l", "+3d"]);
        pane.keys(&["Enter"]);
    }
    // Both items are on screen and the next section opens at once, while the server works.
    pane.keys(&["n"]);
    let started = std::time::Instant::now();
    pane.wait_for("2/3  Anomaly Detection");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "the screen answered in {:?}",
        started.elapsed()
    );
    let (titles, _) = server.psql("SELECT count(*) FROM action_items");
    assert!(
        titles.trim() != "2",
        "the server is still at work: {titles}"
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let (titles, _) = server.psql("SELECT title FROM action_items ORDER BY id");
        if titles.lines().count() == 2 {
            assert_eq!(titles.lines().collect::<Vec<_>>(), ["Slow one", "Slow two"]);
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the items never landed: {titles}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    pane.keys(&["q"]);
}
