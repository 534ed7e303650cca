//! The command line as a user runs it: listing and checking templates, the review
//! calendar, and setup errors refused before the terminal is touched.

use assert_cmd::Command;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

/// `kaizen` with its own empty home, config and data folders.
pub(crate) fn kaizen(home: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("kaizen").expect("binary builds");
    cmd.env_clear()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("TZ", "UTC");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let output = cmd.output().expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

#[test]
fn cycles_lists_the_four_reviews() {
    let home = TempDir::new().unwrap();
    let out = stdout(kaizen(&home).arg("cycles"));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert!(lines[1].starts_with("weekly"), "{out}");
    assert!(lines[1].contains("every Monday"));
    assert!(lines[1].contains("30 min"));
    assert!(
        lines[1]
            .contains("Metrics Review (10 min), Anomaly Detection (10 min), Action Items (10 min)")
    );
    assert!(lines[2].contains("first Monday of every month") && lines[2].contains("120 min"));
    assert!(lines[3].contains("first Monday of every quarter") && lines[3].contains("240 min"));
    assert!(lines[4].contains("first Monday of December") && lines[4].contains("360 min (1 day)"));
}

#[test]
fn a_user_template_shows_up_in_cycles() {
    let home = TempDir::new().unwrap();
    write(
        &home.path().join("config/kaizen/cycles/standup.toml"),
        "name = \"Standup\"\ncadence = \"every friday\"\nduration_minutes = 15\n\
         [[sections]]\ntitle = \"Round\"\nminutes = 15\n",
    );
    let out = stdout(kaizen(&home).arg("cycles"));
    assert!(
        out.lines()
            .any(|l| l.starts_with("standup") && l.contains("every Friday")),
        "{out}"
    );
}

#[test]
fn check_accepts_a_good_template_and_refuses_a_bad_one_with_line_and_reason() {
    let home = TempDir::new().unwrap();
    let good = home.path().join("weekly.toml");
    fs::write(&good, include_str!("../assets/cycles/weekly.toml")).unwrap();
    let out = stdout(kaizen(&home).args(["cycles", "--check"]).arg(&good));
    assert!(
        out.contains("ok (Weekly, every Monday, 3 sections, 30 min)"),
        "{out}"
    );

    let bad = home.path().join("bad.toml");
    let text = include_str!("../assets/cycles/weekly.toml").replace("minutes = 10", "minutes = 0");
    fs::write(&bad, text).unwrap();
    let output = kaizen(&home)
        .args(["cycles", "--check"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let err = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        err.trim(),
        format!(
            "{}:14: section 1 \"Metrics Review\" has 0 minutes: give it at least 1 minute",
            bad.display()
        )
    );
}

#[test]
fn schedule_json_lists_reviews_by_date_then_longest_first() {
    let home = TempDir::new().unwrap();
    let out = stdout(kaizen(&home).args([
        "schedule",
        "--from",
        "2028-12-25",
        "--until",
        "2029-01-08",
        "--json",
    ]));
    let reviews: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(
        reviews,
        serde_json::json!([
            {"date": "2028-12-25", "cycle": "weekly"},
            {"date": "2029-01-01", "cycle": "quarterly"},
            {"date": "2029-01-01", "cycle": "monthly"},
            {"date": "2029-01-01", "cycle": "weekly"},
            {"date": "2029-01-08", "cycle": "weekly"},
        ])
    );
}

#[test]
fn schedule_text_has_one_review_per_line() {
    let home = TempDir::new().unwrap();
    let out =
        stdout(kaizen(&home).args(["schedule", "--from", "2026-12-01", "--until", "2026-12-07"]));
    assert_eq!(
        out,
        "2026-12-07  Mon  annual\n2026-12-07  Mon  monthly\n2026-12-07  Mon  weekly\n"
    );
}

#[test]
fn schedule_refuses_a_backwards_range_and_a_bad_date() {
    let home = TempDir::new().unwrap();
    let output = kaizen(&home)
        .args(["schedule", "--from", "2026-12-07", "--until", "2026-12-01"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("is before --from"));
    let output = kaizen(&home)
        .args(["schedule", "--from", "2026-13-01"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--from"));
}

/// Setup errors come out as plain text, with no escape sequence from a terminal takeover.
fn refused(cmd: &mut Command) -> String {
    let output = cmd.output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "the terminal was not taken over");
    let err = String::from_utf8(output.stderr).expect("utf-8");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    err
}

#[test]
fn a_bad_user_template_is_refused_before_the_terminal_is_taken_over() {
    let home = TempDir::new().unwrap();
    let path = home.path().join("config/kaizen/cycles/weekly.toml");
    write(
        &path,
        &include_str!("../assets/cycles/weekly.toml").replace("every monday", "mondays"),
    );
    let err = refused(&mut kaizen(&home));
    assert!(
        err.contains(&format!(
            "{}:5: cadence \"mondays\" is not understood",
            path.display()
        )),
        "{err}"
    );
}

#[test]
fn a_database_that_is_not_one_is_refused_and_kept() {
    let home = TempDir::new().unwrap();
    let path = home.path().join("precious.txt");
    fs::write(&path, "my notes\n".repeat(10)).unwrap();
    let err = refused(kaizen(&home).arg("--db").arg(&path));
    assert!(
        err.contains(&format!("{}: not a SQLite database", path.display())),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "my notes\n".repeat(10));
    let err = refused(kaizen(&home).env("KAIZEN_DB", &path));
    assert!(
        err.contains("not a SQLite database"),
        "KAIZEN_DB is used too: {err}"
    );
}

#[test]
fn an_unknown_config_key_is_refused_with_file_and_line() {
    let home = TempDir::new().unwrap();
    let path = home.path().join("config/kaizen/config.toml");
    write(&path, "# kaizen\ndatabse = \"x.db\"\n");
    let err = refused(&mut kaizen(&home));
    assert!(err.contains(&format!("{}:2:", path.display())), "{err}");
    assert!(err.contains("databse"), "{err}");
}

#[test]
fn a_key_in_keys_that_means_something_else_is_refused_before_the_screen_opens() {
    let home = TempDir::new().unwrap();
    let path = home.path().join("config/kaizen/config.toml");
    write(&path, "[keys]\nend_meeting = \"q\"\n");
    let err = refused(&mut kaizen(&home));
    assert!(err.contains(&format!("{}:2:", path.display())), "{err}");
    assert!(err.contains("\"q\" already means quit (quit)"), "{err}");
    assert!(!err.contains("needs a terminal"), "refused first: {err}");
}

#[test]
fn a_theme_that_does_not_exist_is_refused_naming_the_ones_that_do() {
    let home = TempDir::new().unwrap();
    let err = refused(kaizen(&home).args(["--theme", "neon"]));
    assert!(
        err.contains("'neon'") && err.contains("high-contrast"),
        "{err}"
    );
    let path = home.path().join("config/kaizen/config.toml");
    write(&path, "theme = \"neon\"\n");
    let err = refused(&mut kaizen(&home));
    assert!(err.contains(&format!("{}:1:", path.display())), "{err}");
    assert!(err.contains("high-contrast"), "{err}");
}

#[test]
fn version_and_help() {
    let home = TempDir::new().unwrap();
    let out = stdout(kaizen(&home).arg("--version"));
    assert_eq!(out.trim(), format!("kaizen {}", env!("CARGO_PKG_VERSION")));
    let out = stdout(kaizen(&home).arg("--help"));
    for word in ["cycles", "schedule", "--db", "--demo"] {
        assert!(out.contains(word), "--help mentions {word}: {out}");
    }
}

#[test]
fn template_text_reaches_the_terminal_without_escape_sequences() {
    let home = TempDir::new().unwrap();
    write(
        &home.path().join("config/kaizen/cycles/evil.toml"),
        "name = \"Evil\"\ncadence = \"every friday\"\nduration_minutes = 5\n\
         [[sections]]\ntitle = \"A\\u001b[31mRED\\u0007\"\nminutes = 5\n",
    );
    let out = stdout(kaizen(&home).arg("cycles"));
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("A␛[31mRED␇"), "{out}");
}

#[test]
fn the_app_without_a_terminal_says_so_instead_of_panicking() {
    let home = TempDir::new().unwrap();
    let err = refused(&mut kaizen(&home));
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_database_in_a_missing_folder_is_refused_not_created() {
    let home = TempDir::new().unwrap();
    let path = home.path().join("no/such/folder/kaizen.db");
    let err = refused(kaizen(&home).arg("--db").arg(&path));
    assert!(err.contains("its folder does not exist"), "{err}");
    assert!(!home.path().join("no").exists());
}

#[test]
fn start_refuses_an_unknown_cycle_and_names_the_known_ones() {
    let home = TempDir::new().unwrap();
    let err = refused(kaizen(&home).args(["start", "weekley"]));
    assert!(err.contains("there is no cycle \"weekley\""), "{err}");
    assert!(err.contains("weekly, monthly, quarterly, annual"), "{err}");
}

#[test]
fn export_and_import_move_a_database_and_refuse_what_would_lose_data() {
    let home = TempDir::new().unwrap();
    let a = home.path().join("a.db");
    let b = home.path().join("b.db");
    let file = home.path().join("backup.json");
    stdout(kaizen(&home).arg("--db").arg(&a).args([
        "actions",
        "add",
        "Rotate the keys",
        "--owner",
        "Ana",
        "--due",
        "2026-12-04",
        "--add-owner",
    ]));
    let wrote = stdout(
        kaizen(&home)
            .arg("--db")
            .arg(&a)
            .args(["export", "--format", "json", "--output"])
            .arg(&file),
    );
    assert!(wrote.starts_with("Wrote "), "{wrote}");
    let imported = stdout(kaizen(&home).arg("--db").arg(&b).arg("import").arg(&file));
    assert!(imported.starts_with("Imported "), "{imported}");
    let listed = stdout(
        kaizen(&home)
            .arg("--db")
            .arg(&b)
            .args(["actions", "--json"]),
    );
    assert!(listed.contains("\"Rotate the keys\""), "{listed}");

    // Again into the same database: refused, and it still holds one item.
    let again = kaizen(&home)
        .arg("--db")
        .arg(&b)
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(!again.status.success());
    let error = String::from_utf8_lossy(&again.stderr);
    assert!(error.contains("is not empty"), "{error}");
    assert!(error.contains("nothing was imported"), "{error}");
    let listed = stdout(
        kaizen(&home)
            .arg("--db")
            .arg(&b)
            .args(["actions", "--json"]),
    );
    assert_eq!(listed.matches("\"Rotate the keys\"").count(), 1);

    // A file that is not an export never opens the database.
    let junk = home.path().join("junk.json");
    write(&junk, "{ not json");
    let c = home.path().join("c.db");
    let refused = kaizen(&home)
        .arg("--db")
        .arg(&c)
        .arg("import")
        .arg(&junk)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let error = String::from_utf8_lossy(&refused.stderr);
    assert!(error.contains("junk.json: not valid JSON"), "{error}");
    assert!(
        !c.exists(),
        "no database was made for a file that could not be imported"
    );
}

#[test]
fn incidents_are_added_and_listed_as_a_table_json_and_csv() {
    let home = TempDir::new().unwrap();
    let db = home.path().join("k.db");
    let added = stdout(kaizen(&home).arg("--db").arg(&db).args([
        "incidents",
        "add",
        "Checkout errors",
        "--start",
        "2026-11-20 14:00",
        "--end",
        "2026-11-20 15:30",
        "--severity",
        "page",
    ]));
    assert_eq!(added, "Added incident 1.\n");
    let table = stdout(kaizen(&home).arg("--db").arg(&db).arg("incidents"));
    assert!(
        table.contains("2026-11-20 14:00        1 h 30 min  page      Checkout errors"),
        "{table}"
    );
    let json = stdout(
        kaizen(&home)
            .arg("--db")
            .arg(&db)
            .args(["incidents", "--json"]),
    );
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(parsed[0]["title"], "Checkout errors");
    let csv = stdout(kaizen(&home).arg("--db").arg(&db).args([
        "incidents",
        "--csv",
        "--since",
        "2026-11-21",
    ]));
    assert_eq!(
        csv.lines().count(),
        1,
        "only the header: it started before the 21st"
    );
    let bad = kaizen(&home)
        .arg("--db")
        .arg(&db)
        .args(["incidents", "add", "X", "--start", "yesterday"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("--start \"yesterday\" is not a time: write it as \"2026-11-20 14:05\"")
    );
}

#[test]
fn an_incident_in_the_future_or_a_century_ago_is_refused_and_a_long_one_reads_in_days() {
    let home = TempDir::new().unwrap();
    let db = home.path().join("k.db");
    for (start, said) in [
        ("2999-11-20 14:00", "is in the future"),
        ("1900-01-01 00:00", "more than ten years ago"),
    ] {
        let out = kaizen(&home)
            .arg("--db")
            .arg(&db)
            .args(["incidents", "add", "Typo", "--start", start])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{start}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(said), "{start}: {err}");
    }
    stdout(kaizen(&home).arg("--db").arg(&db).args([
        "incidents",
        "add",
        "Long",
        "--start",
        "2026-11-20 14:00",
        "--end",
        "2026-11-23 18:30",
    ]));
    let table = stdout(kaizen(&home).arg("--db").arg(&db).arg("incidents"));
    assert!(
        table.contains("2026-11-20 14:00           3 d 4 h"),
        "{table}"
    );
}

#[test]
fn a_score_out_of_range_is_refused_with_the_range_in_words() {
    let home = TempDir::new().unwrap();
    for score in ["9", "-1", "2.5"] {
        let out = kaizen(&home)
            .args(["opportunities", "add", "X", "--impact", score])
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is not a score: give a whole number from 1 (least) to 5 (most)"),
            "{score}: {err}"
        );
    }
}

/// Makes `folder` read-only the way this machine allows: as root (where permissions do not
/// stop a write) a tmpfs mounted there and remounted read-only; as anyone else, `chmod`.
/// `None` outside CI when neither works.
enum ReadOnly {
    Mounted(crate::tmpfs::Tmpfs),
    Chmod(std::path::PathBuf),
}

impl ReadOnly {
    /// Prepares `folder` (a tmpfs of its own under root) for files that are then frozen.
    fn prepare(folder: &Path) -> Option<ReadOnly> {
        fs::create_dir_all(folder).expect("folder");
        if nix::unistd::geteuid().is_root() {
            crate::tmpfs::Tmpfs::mount(folder, "4m").map(ReadOnly::Mounted)
        } else {
            Some(ReadOnly::Chmod(folder.to_path_buf()))
        }
    }

    fn freeze(&self) {
        use std::os::unix::fs::PermissionsExt;
        match self {
            ReadOnly::Mounted(tmpfs) => tmpfs.remount_read_only(),
            ReadOnly::Chmod(folder) => {
                fs::set_permissions(folder, fs::Permissions::from_mode(0o555)).expect("chmod")
            }
        }
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if let ReadOnly::Chmod(folder) = self {
            let _ = fs::set_permissions(folder, fs::Permissions::from_mode(0o755));
        }
    }
}

#[test]
fn a_read_only_database_is_refused_at_once_and_left_as_it_was() {
    let home = TempDir::new().unwrap();
    let folder = home.path().join("shared");
    let Some(read_only) = ReadOnly::prepare(&folder) else {
        return;
    };
    let path = folder.join("kaizen.db");
    let db = path.to_str().expect("utf-8 path");
    stdout(
        kaizen(&home)
            .args([
                "--db",
                db,
                "actions",
                "add",
                "Rotate keys",
                "--owner",
                "Ana",
            ])
            .args(["--add-owner", "--due", "2030-01-04"]),
    );
    let before = fs::read(&path).expect("database written");
    read_only.freeze();

    // The app, and every command that would write, says so before anything else happens.
    for args in [
        vec![],
        vec!["start", "weekly"],
        vec!["actions", "done", "1"],
    ] {
        let output = kaizen(&home)
            .args(["--db", db])
            .args(&args)
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?}: {err}");
        assert!(err.contains(&format!("{db}: ")), "names the file: {err}");
        assert!(
            err.contains("is read-only, so nothing could be saved"),
            "{err}"
        );
        assert!(err.contains("point --db (or KAIZEN_DB) at a copy"), "{err}");
        assert!(!err.contains("needs a terminal"), "refused first: {err}");
    }
    assert_eq!(fs::read(&path).expect("still there"), before, "untouched");
}
