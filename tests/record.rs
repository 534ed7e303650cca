//! The meeting record: the demo keeps to itself and reads back whole, and a read of the store
//! that fails is said on screen, never dropped.

use crate::harness;

use assert_cmd::Command;
use harness::{Harness, SNAPSHOT_DAY};
use kaizen::store::Store;
use tempfile::TempDir;

#[test]
fn the_demo_history_reads_back_with_names_times_and_reports() {
    let cycles = kaizen::cycles::load_cycles(None).expect("templates");
    let now = harness::at(harness::date("2026-12-02"), 17).wall;
    let mut store = crate::harness::test_store();
    kaizen::demo::seed_history(&mut store, &cycles, now).expect("seeded");
    let meetings = store.meetings(None).expect("every demo meeting reads back");
    assert!(meetings.len() > 60, "a year of reviews: {}", meetings.len());
    assert!(
        meetings
            .iter()
            .all(|m| !m.cycle_name.is_empty() && m.ended_at.is_some())
    );
    let monthly = meetings
        .iter()
        .find(|m| m.cycle == "monthly")
        .expect("a monthly");
    let report = kaizen::report::gather(&store, monthly.id, &cycles, now).expect("a report");
    let text = kaizen::report::markdown::render(&report);
    assert!(text.starts_with("# Monthly review"), "{text}");
    assert!(
        text.contains("| 1 | Performance Review | 30 min |"),
        "{text}"
    );
}

#[test]
fn a_history_that_cannot_be_read_says_so_instead_of_waiting() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("kaizen.db");
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    app.set_store(Store::open(&path).expect("database"));
    // A row an older kaizen could have left: a time that is not one.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "INSERT INTO meetings (cycle, held_on, started_at) VALUES ('weekly', '2026-11-23', 'not a date')",
        [],
    )
    .unwrap();
    app.press("h");
    let screen = app.screen();
    assert!(!screen.contains("Reading the meetings"), "{screen}");
    assert!(screen.contains("Could not read the meetings"), "{screen}");
    assert!(screen.contains("NOT READ"), "{screen}");
    // Once the row is mended, the next read clears the mark.
    raw.execute(
        "UPDATE meetings SET started_at = '2026-11-23T09:00:00+00:00'",
        [],
    )
    .unwrap();
    app.press("esc h");
    let screen = app.screen();
    assert!(screen.contains("Past meetings · 1"), "{screen}");
    assert!(!screen.contains("NOT READ"), "{screen}");
}

#[test]
fn the_opportunities_that_cannot_be_read_are_said_on_the_quadrant() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("kaizen.db");
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    app.set_store(Store::open(&path).expect("database"));
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("DROP TABLE opportunity_dependencies; DROP TABLE opportunity_history; DROP TABLE opportunities;")
        .unwrap();
    app.press("o");
    let screen = app.screen();
    assert!(
        screen.contains("Could not read the opportunities"),
        "{screen}"
    );
    assert!(screen.contains("NOT READ"), "{screen}");
}

/// `kaizen` with its own empty home, config and data folders.
fn kaizen(home: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("kaizen").expect("binary builds");
    cmd.env_clear()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("TZ", "UTC");
    cmd
}

#[test]
fn the_demo_never_reads_or_writes_the_real_database() {
    let home = TempDir::new().unwrap();
    let real = kaizen(&home)
        .args([
            "actions",
            "add",
            "Real item",
            "--owner",
            "Ana",
            "--due",
            "+3d",
            "--add-owner",
        ])
        .output()
        .expect("runs");
    assert!(
        real.status.success(),
        "{}",
        String::from_utf8_lossy(&real.stderr)
    );
    let db = home.path().join("data/kaizen/kaizen.db");
    let before = std::fs::read(&db).expect("the real database");

    let listed = kaizen(&home)
        .args(["--demo", "actions"])
        .output()
        .expect("runs");
    assert!(listed.status.success());
    assert!(!String::from_utf8_lossy(&listed.stdout).contains("Real item"));

    let report = kaizen(&home)
        .args(["--demo", "report", "--list"])
        .output()
        .expect("runs");
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    assert!(String::from_utf8_lossy(&report.stdout).contains("Weekly"));

    for change in [
        vec!["--demo", "opportunities", "add", "X"],
        vec![
            "--demo", "actions", "add", "Y", "--owner", "Ana", "--due", "+1d",
        ],
    ] {
        let out = kaizen(&home).args(&change).output().expect("runs");
        assert!(!out.status.success(), "{change:?} is refused");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("without --demo"), "{said}");
    }
    assert_eq!(
        std::fs::read(&db).expect("still there"),
        before,
        "untouched"
    );
}

/// A database with 200 action items whose table's first page was overwritten by a page that
/// reads as an empty one: SQLite answers queries on it with no rows and no error.
fn damaged_database(dir: &TempDir) -> std::path::PathBuf {
    let path = dir.path().join("kaizen.db");
    {
        let mut store = Store::open(&path).expect("database");
        let now = harness::at(harness::date("2026-11-30"), 9).wall;
        for n in 0..200 {
            let item = kaizen::actions::NewAction::standalone(
                &format!("Item {n} with a title long enough to fill a few pages"),
                "Ana",
                harness::date("2026-12-04"),
            );
            store.create_action(&item, true, now).expect("an item");
        }
    }
    let conn = rusqlite::Connection::open(&path).expect("test setup");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("test setup");
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'action_items'",
            [],
            |row| row.get(0),
        )
        .expect("test setup");
    let size: i64 = conn
        .query_row("PRAGMA page_size", [], |row| row.get(0))
        .expect("test setup");
    drop(conn);
    let mut bytes = std::fs::read(&path).expect("test setup");
    let page = ((root - 1) * size) as usize;
    let empty_leaf = &mut bytes[page..page + size as usize];
    empty_leaf.fill(0);
    empty_leaf[0] = 0x0d; // a table leaf with no cells
    empty_leaf[5..7].copy_from_slice(&(size as u16).to_be_bytes());
    std::fs::write(&path, bytes).expect("test setup");
    path
}

#[test]
fn a_damaged_database_is_said_not_listed_as_empty() {
    let dir = TempDir::new().unwrap();
    let path = damaged_database(&dir);
    let home = TempDir::new().unwrap();
    let out = kaizen(&home)
        .arg("--db")
        .arg(&path)
        .arg("actions")
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("No action items match"));
    assert!(said.contains("the database is damaged"), "{said}");
    assert!(said.contains("restore a backup"), "{said}");
}

#[test]
fn a_stored_value_kaizen_never_writes_is_an_error_not_a_default() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("kaizen.db");
    let mut store = Store::open(&path).expect("database");
    let now = harness::at(harness::date("2026-11-30"), 9).wall;
    let idea = kaizen::opportunities::Opportunity::titled("Cache the wind data", now);
    store.save_opportunity(&idea).expect("saved");
    // As another tool, or an older kaizen, could leave it.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute("UPDATE opportunities SET status = 'finished'", [])
        .unwrap();
    let err = store.opportunities().expect_err("not read as identified");
    assert!(
        err.to_string()
            .contains("\"finished\" is not a value kaizen writes"),
        "{err}"
    );
}

#[test]
fn doctor_checks_the_database_and_says_a_damaged_one() {
    let dir = TempDir::new().unwrap();
    let path = damaged_database(&dir);
    let home = TempDir::new().unwrap();
    let out = kaizen(&home)
        .arg("--db")
        .arg(&path)
        .arg("doctor")
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!("Database: {}: FAILED: ", path.display())),
        "{said}"
    );
    assert!(said.contains("the database is damaged"), "{said}");
    // Where there is no config file, it says so rather than leaving one to guess.
    assert!(
        said.contains("(not there: kaizen runs on its defaults"),
        "{said}"
    );

    // A sound one passes its check.
    let sound = dir.path().join("sound.db");
    Store::open(&sound).expect("database");
    let out = kaizen(&home)
        .arg("--db")
        .arg(&sound)
        .arg("doctor")
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!(
            "Database: {}: ok (quick check of every page)",
            sound.display()
        )),
        "{said}"
    );
}

#[test]
fn changes_waiting_to_be_saved_are_shown_and_quitting_asks_first() {
    let mut app = Harness::new("2026-11-30", 120, 40);
    app.send(kaizen::msg::Msg::SavesWaiting(2));
    let screen = app.screen();
    assert!(screen.contains(" 2 WAITING TO SAVE "), "{screen}");
    assert!(screen.contains("2 change(s) wait"), "{screen}");
    // q says what would be lost; a second q quits anyway.
    app.press("q");
    assert!(!app.quit);
    assert!(
        app.screen().contains("still waiting to be saved"),
        "{}",
        app.screen()
    );
    app.press("q");
    assert!(app.quit);
    // They are tried again after a second; once they land (this store holds none back),
    // the warning goes.
    let mut app = Harness::new("2026-11-30", 120, 40);
    app.send(kaizen::msg::Msg::SavesWaiting(1));
    app.advance(1);
    assert!(app.effects.contains(&kaizen::effect::Effect::RetrySaves));
    let screen = app.screen();
    assert!(!screen.contains("WAITING TO SAVE"), "{screen}");
    assert!(screen.contains("The waiting changes are saved"), "{screen}");
}
