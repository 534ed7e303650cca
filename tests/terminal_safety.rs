//! Nothing from outside reaches a terminal raw through the command line: titles typed as
//! arguments are cleaned as they enter, and every output (table, CSV, JSON, report) is safe
//! even for rows an older version wrote raw.

use assert_cmd::Command;
use tempfile::TempDir;

/// An OSC 52 clipboard write, a bell and a screen clear, then C1 CSI and a right-to-left
/// override.
const HOSTILE: &str = "T\u{1b}]52;c;SU5KRUNU\u{7}X\u{1b}[2J\u{9b}31m\u{202e}evil";

fn kaizen(home: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("kaizen").expect("binary builds");
    cmd.env_clear()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("TZ", "UTC");
    cmd
}

fn run(home: &TempDir, args: &[&str]) -> String {
    let out = kaizen(home).args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_safe(&text, args);
    text
}

fn assert_safe(text: &str, what: &[&str]) {
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(
            !text.contains(bad),
            "{what:?} printed U+{:04X}:\n{text:?}",
            bad as u32
        );
    }
}

#[test]
fn what_is_typed_on_the_command_line_is_cleaned_as_it_enters() {
    let home = TempDir::new().unwrap();
    run(
        &home,
        &[
            "actions",
            "add",
            HOSTILE,
            "--owner",
            HOSTILE,
            "--due",
            "+3d",
            "--add-owner",
        ],
    );
    run(&home, &["opportunities", "add", HOSTILE]);
    run(
        &home,
        &[
            "incidents",
            "add",
            HOSTILE,
            "--start",
            "2026-11-20 14:00",
            "--severity",
            HOSTILE,
        ],
    );
    // What is stored is what any reader sees: the escapes made visible.
    let db = home.path().join("data/kaizen/kaizen.db");
    let conn = rusqlite::Connection::open(db).unwrap();
    for (table, column) in [
        ("action_items", "title"),
        ("people", "name"),
        ("opportunities", "title"),
        ("incidents", "title"),
        ("incidents", "severity"),
    ] {
        let stored: String = conn
            .query_row(&format!("SELECT {column} FROM {table}"), [], |row| {
                row.get(0)
            })
            .unwrap();
        assert_safe(&stored, &[table, column]);
        assert!(stored.starts_with("T␛]52;c;SU5KRUNU␇X"), "{stored:?}");
    }
}

#[test]
fn every_listing_is_safe_for_rows_written_raw() {
    let home = TempDir::new().unwrap();
    run(
        &home,
        &[
            "actions",
            "add",
            "Plain",
            "--owner",
            "Ana",
            "--due",
            "+3d",
            "--add-owner",
        ],
    );
    run(&home, &["opportunities", "add", "Plain"]);
    run(
        &home,
        &["incidents", "add", "Plain", "--start", "2026-11-20 14:00"],
    );
    // As an older kaizen, or another tool, could have left them.
    let db = home.path().join("data/kaizen/kaizen.db");
    let conn = rusqlite::Connection::open(db).unwrap();
    for table in ["action_items", "opportunities", "incidents"] {
        conn.execute(&format!("UPDATE {table} SET title = ?1"), [HOSTILE])
            .unwrap();
    }
    drop(conn);
    for listing in ["actions", "opportunities", "incidents"] {
        run(&home, &[listing]);
        run(&home, &[listing, "--csv"]);
        let json = run(&home, &[listing, "--json"]);
        // Still JSON, still saying what is stored.
        let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(parsed[0]["title"], HOSTILE, "{listing}: {json}");
    }
    let export = run(&home, &["export"]);
    let parsed: serde_json::Value = serde_json::from_str(&export).expect("valid JSON");
    assert_eq!(parsed["tables"]["action_items"][0]["title"], HOSTILE);
}

#[test]
fn an_error_that_repeats_what_was_typed_is_safe() {
    let home = TempDir::new().unwrap();
    let out = kaizen(&home)
        .args(["start", HOSTILE])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert_safe(&said, &["start"]);
    assert!(said.contains("there is no cycle"), "{said}");
}

#[test]
fn a_reader_that_stops_early_is_no_crash() {
    use std::io::Read;
    let home = TempDir::new().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kaizen"))
        .args(["--demo", "export"])
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = [0u8; 10];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("the start of the export");
    // The pipe is closed here, as `| head -c 10` closes it.
    let out = child.wait_with_output().expect("ends");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!said.contains("panicked"), "{said}");
    assert!(out.status.success(), "{:?}: {said}", out.status);
}
