//! `kaizen actions` from the shell: adding, listing (text, JSON, CSV with quoting), closing
//! and dropping, with clear refusals.

use assert_cmd::Command;
use tempfile::TempDir;

fn kaizen(home: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("kaizen").expect("binary");
    cmd.env_clear()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"));
    cmd
}

fn run(home: &TempDir, args: &[&str]) -> (bool, String, String) {
    let output = kaizen(home).args(args).output().expect("runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn actions_are_added_listed_as_csv_and_json_and_closed() {
    let home = TempDir::new().unwrap();
    let (ok, _, err) = run(
        &home,
        &[
            "actions",
            "add",
            "Index user_id",
            "--owner",
            "Ana",
            "--due",
            "2030-01-04",
        ],
    );
    assert!(
        !ok && err.contains("\"Ana\" is not in the team roster"),
        "{err}"
    );
    let (ok, out, _) = run(
        &home,
        &[
            "actions",
            "add",
            "Index user_id",
            "--owner",
            "Ana",
            "--due",
            "2030-01-04",
            "--add-owner",
        ],
    );
    assert!(
        ok && out.contains("Added action item 1, due 2030-01-04."),
        "{out}"
    );
    let (ok, _, _) = run(
        &home,
        &[
            "actions",
            "add",
            "Warm the cache, \"wind\" data\nthen measure",
            "--owner",
            "ana",
            "--due",
            "2030-01-02",
        ],
    );
    assert!(ok, "owners match whatever their case");

    let (_, csv, _) = run(&home, &["actions", "--csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("valid CSV")).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        &rows[0][1], "Warm the cache, \"wind\" data then measure",
        "quoting round-trips; a title is one line"
    );
    assert_eq!(&rows[0][2], "Ana");
    assert_eq!(&rows[1][3], "2030-01-04");

    let (ok, out, _) = run(&home, &["actions", "done", "1"]);
    assert!(ok && out.contains("Action item 1 is done."), "{out}");
    let (ok, _, err) = run(&home, &["actions", "done", "1"]);
    assert!(
        !ok && err.contains("there is no open action item 1"),
        "{err}"
    );
    let (ok, _, err) = run(&home, &["actions", "drop", "2", "--reason", " "]);
    assert!(!ok && err.contains("say why"), "{err}");
    let (ok, _, _) = run(
        &home,
        &["actions", "drop", "2", "--reason", "cache replaced"],
    );
    assert!(ok);

    let (_, json, _) = run(&home, &["actions", "--json", "--status", "dropped"]);
    let items: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(items.as_array().map(Vec::len), Some(1));
    assert_eq!(items[0]["drop_reason"], "cache replaced");
    assert_eq!(items[0]["owner"], "Ana");
}

#[test]
fn overdue_and_owner_filters_and_bad_input() {
    let home = TempDir::new().unwrap();
    for (title, owner, due) in [("Old", "Ana", "2020-01-01"), ("New", "Bo", "+7d")] {
        let (ok, out, _) = run(
            &home,
            &[
                "actions",
                "add",
                title,
                "--owner",
                owner,
                "--due",
                due,
                "--add-owner",
            ],
        );
        assert!(ok, "{out}");
    }
    let (_, out, _) = run(&home, &["actions", "--overdue"]);
    assert!(
        out.contains("Old") && out.contains("(overdue)") && !out.contains("New"),
        "{out}"
    );
    let (_, out, _) = run(&home, &["actions", "--owner", "bo"]);
    assert!(out.contains("New") && !out.contains("Old"), "{out}");
    let (ok, _, err) = run(
        &home,
        &["actions", "add", "X", "--owner", "Ana", "--due", "soonish"],
    );
    assert!(
        !ok && err.contains("--due: \"soonish\" is not a due date"),
        "{err}"
    );
    let (ok, _, err) = run(&home, &["actions", "--status", "finished"]);
    assert!(!ok && err.contains("use open, done or dropped"), "{err}");
}

#[test]
fn opportunities_are_added_and_listed_by_quadrant() {
    let home = TempDir::new().unwrap();
    let (ok, out, _) = run(
        &home,
        &[
            "opportunities",
            "add",
            "Slow project list query",
            "--impact",
            "5",
            "--effort",
            "1",
        ],
    );
    assert!(
        ok && out.contains("Added opportunity 1 (quick wins)."),
        "{out}"
    );
    let (ok, _, _) = run(
        &home,
        &[
            "opportunities",
            "add",
            "Rewrite, \"all\" of it",
            "--impact",
            "2",
            "--effort",
            "5",
        ],
    );
    assert!(ok);
    let (ok, _, err) = run(&home, &["opportunities", "add", "Too big", "--impact", "7"]);
    assert!(!ok && err.contains("\"7\" is not a score"), "{err}");
    let (_, csv, _) = run(&home, &["opportunities", "--quadrant", "avoid", "--csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("CSV")).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (&rows[0][1], &rows[0][2]),
        ("Rewrite, \"all\" of it", "avoid")
    );
    let (_, json, _) = run(
        &home,
        &["opportunities", "--json", "--status", "identified"],
    );
    let items: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(items.as_array().map(Vec::len), Some(2));
    assert_eq!(items[0]["status"], "identified");
    let (ok, _, err) = run(&home, &["opportunities", "--quadrant", "best"]);
    assert!(
        !ok && err.contains("use quick_wins, strategic, nice_to_haves or avoid"),
        "{err}"
    );
}
