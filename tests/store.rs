//! The SQLite store: migrating from empty, refusing files it must not touch, and keeping
//! what was written across reopening.

use chrono::NaiveDate;
use kaizen::store::{Store, StoreError, latest_version};
use std::fs;

fn date(text: &str) -> NaiveDate {
    text.parse().expect("valid test date")
}

#[test]
fn a_new_database_is_created_and_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaizen.db");
    let store = Store::open(&path).unwrap();
    assert!(path.exists());
    assert_eq!(store.schema_version().unwrap(), latest_version());
    assert!(store.last_held().unwrap().is_empty());
}

#[test]
fn a_database_in_a_folder_that_does_not_exist_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo/kaizen.db");
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::NoFolder(_)), "{err}");
    assert!(
        err.to_string().contains("its folder does not exist"),
        "{err}"
    );
    assert!(!dir.path().join("typo").exists(), "no folder was made");
}

#[test]
fn a_migration_from_the_first_schema_keeps_its_meetings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(kaizen::store::MIGRATIONS[0]).unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO meetings (id, cycle, held_on, started_at, ended_at)
               VALUES (1, 'weekly', '2026-11-23', '2026-11-23T09:00:00+00:00',
                       '2026-11-23T09:31:00+00:00');
             INSERT INTO section_runs (meeting_id, position, title, planned_minutes, spent_ms)
               VALUES (1, 0, 'Metrics Review', 10, 660000);",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
    assert_eq!(
        store.last_held().unwrap().get("weekly"),
        Some(&date("2026-11-23"))
    );
    let meeting = store.load_meeting(1).unwrap();
    assert_eq!(
        meeting.sections[0].timer.planned_secs, 600,
        "the plan is carried over"
    );
    assert_eq!(meeting.sections[0].timer.spent_ms, 660_000);
}

#[test]
fn held_meetings_survive_reopening() {
    let time = |text: &str| chrono::DateTime::parse_from_rfc3339(text).expect("test time");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaizen.db");
    {
        let store = Store::open(&path).unwrap();
        store
            .record_held(
                "weekly",
                date("2026-11-16"),
                time("2026-11-16T09:00:00Z"),
                time("2026-11-16T09:30:00Z"),
            )
            .unwrap();
        store
            .record_held(
                "weekly",
                date("2026-11-23"),
                time("2026-11-23T09:00:00Z"),
                time("2026-11-23T09:31:00Z"),
            )
            .unwrap();
        store
            .record_held(
                "monthly",
                date("2026-11-02"),
                time("2026-11-02T10:00:00Z"),
                time("2026-11-02T12:00:00Z"),
            )
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let held = store.last_held().unwrap();
    assert_eq!(held.get("weekly"), Some(&date("2026-11-23")));
    assert_eq!(held.get("monthly"), Some(&date("2026-11-02")));
    assert_eq!(held.get("annual"), None);
}

#[test]
fn reopening_a_current_database_does_not_migrate_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaizen.db");
    drop(Store::open(&path).unwrap());
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
}

#[test]
fn a_database_from_a_newer_kaizen_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("future.db"), "{message}");
    assert!(message.contains("newer kaizen"), "{message}");
    assert!(message.contains("upgrade kaizen"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), before, "the file is not touched");
    assert!(
        !dir.path().join("future.db-wal").exists(),
        "no WAL was started"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    let text = "these are my meeting notes, not a database\n".repeat(200);
    fs::write(&path, &text).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::NotADatabase(_)), "{err}");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        text,
        "nothing is recreated"
    );
}

#[test]
fn an_empty_file_becomes_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
}

#[test]
fn the_database_runs_in_wal_mode_with_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaizen.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    // A section run must belong to a meeting.
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let orphan = conn.execute(
        "INSERT INTO section_runs (meeting_id, position, title, planned_minutes) VALUES (42, 0, 'x', 10)",
        [],
    );
    assert!(orphan.is_err(), "orphan section runs are refused");
}

#[test]
fn several_kaizens_opening_a_new_database_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaizen.db");
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || Store::open(&path).map(|_| ()).map_err(|e| e.to_string()))
        })
        .collect();
    for handle in handles {
        handle.join().unwrap().unwrap();
    }
    assert_eq!(
        Store::open(&path).unwrap().schema_version().unwrap(),
        latest_version()
    );
}

#[test]
fn panel_values_saved_before_series_were_kept_come_through_as_the_panel_s_one_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v9.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &kaizen::store::MIGRATIONS[..9] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 9;
             INSERT INTO meetings (id, cycle, held_on, started_at, ended_at)
               VALUES (1, 'weekly', '2026-11-23', '2026-11-23T09:00:00+00:00',
                       '2026-11-23T09:31:00+00:00');
             INSERT INTO panel_values (meeting_id, position, section, panel, query, value,
                                       range_start, range_end, fetched_at)
               VALUES (1, 0, 'Metrics Review', 'Uptime', 'avg(up)', 0.999, 1.0, 2.0,
                       '2026-11-23T09:10:00+00:00'),
                      (1, 0, 'Metrics Review', 'Error rate', 'x', NULL, 1.0, 2.0,
                       '2026-11-23T09:10:00+00:00');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
    let values = store.panel_values(1).unwrap();
    assert_eq!(values.len(), 2);
    let uptime = values.iter().find(|v| v.panel == "Uptime").unwrap();
    assert_eq!((uptime.series.as_str(), uptime.value), ("", Some(0.999)));
    let errors = values.iter().find(|v| v.panel == "Error rate").unwrap();
    assert_eq!(errors.value, None, "no value stays no value");
    let previous = store.previous_values().unwrap();
    let key = (
        "Metrics Review".to_string(),
        "Uptime".to_string(),
        String::new(),
    );
    assert_eq!(previous["weekly"].values.get(&key), Some(&0.999));
}
