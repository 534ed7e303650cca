//! End to end with the real binary in tmux: a meeting survives SIGKILL (notes and clock come
//! back), and SIGTERM or a closed terminal save and exit instead of lingering.
#![allow(clippy::disallowed_methods)] // the test measures real time passing

use crate::pty;

use kaizen::store::Store;
use pty::Pane;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// The "mm:ss left" of the current section in the agenda sidebar.
fn left_on_clock(screen: &str) -> i64 {
    let line = screen
        .lines()
        .find(|l| l.contains(" left"))
        .unwrap_or_else(|| panic!("no clock in:\n{screen}"));
    let before = &line[..line.find(" left").expect("left")];
    let clock = before.rsplit(' ').next().expect("a clock");
    let (minutes, seconds) = clock.split_once(':').expect("mm:ss");
    minutes.parse::<i64>().expect("minutes") * 60 + seconds.parse::<i64>().expect("seconds")
}

/// `kaizen start weekly` with a note typed into the first section (not yet saved by a tick).
fn weekly_with_note(home: &TempDir, note: &str) -> Pane {
    let pane = Pane::start(home.path(), &["start", "weekly"], 80, 24);
    pane.wait_for("1/3  Metrics Review");
    pane.keys(&["Tab"]);
    pane.wait_for("Esc when done");
    pane.keys(&["-l", note]);
    pane.wait_for(note);
    pane
}

fn database(home: &TempDir) -> std::path::PathBuf {
    home.path().join("data/kaizen/kaizen.db")
}

#[test]
fn a_killed_meeting_resumes_with_its_notes_and_the_right_time_left() {
    let home = TempDir::new().unwrap();
    let pane = Pane::start(home.path(), &["start", "weekly"], 100, 30);
    pane.wait_for("1/3  Metrics Review");
    pane.keys(&["Tab"]);
    pane.wait_for("Esc when done");
    pane.keys(&["-l", "Uptime 99.95% and a note that must survive"]);
    pane.wait_for("must survive");
    pane.keys(&["Escape"]);
    pane.wait_for("Tab to type");
    pane.keys(&["n"]);
    pane.wait_for("2/3  Anomaly Detection");
    let entered = Instant::now();
    std::thread::sleep(Duration::from_millis(1500));
    pane.signal("KILL");
    assert_eq!(pane.exit_status(), 137, "killed by SIGKILL");
    drop(pane);
    std::thread::sleep(Duration::from_millis(1500));

    let pane = Pane::start(home.path(), &[], 100, 30);
    pane.wait_for("Unfinished meeting");
    pane.keys(&["Enter"]);
    let screen = pane.wait_for_all(&["2/3  Anomaly Detection", " left · 10m"]);
    let expected = 600 - entered.elapsed().as_secs() as i64;
    let shown = left_on_clock(&screen);
    assert!(
        (shown - expected).abs() <= 2,
        "the clock shows {shown}s left, expected about {expected}s:\n{screen}"
    );
    pane.keys(&["p"]);
    pane.wait_for("Uptime 99.95% and a note that must survive");
    pane.keys(&["q"]);
    pane.wait_for("Leave kaizen?");
    pane.keys(&["y"]);
    assert_eq!(pane.exit_status(), 0);
}

#[test]
fn sigterm_saves_notes_typed_a_moment_ago_and_exits() {
    let home = TempDir::new().unwrap();
    let pane = weekly_with_note(&home, "typed just before the signal");
    pane.signal("TERM");
    assert_eq!(pane.exit_status(), 0);
    let store = Store::open(&database(&home)).unwrap();
    let meeting = store
        .unfinished_meeting()
        .unwrap()
        .expect("still resumable");
    assert_eq!(meeting.sections[0].notes, "typed just before the signal");
}

#[test]
fn closing_the_terminal_saves_and_ends_the_process() {
    let home = TempDir::new().unwrap();
    let pane = weekly_with_note(&home, "the terminal closes now");
    let pid = pane.kaizen_pid();
    pane.tmux(&["kill-server"]);
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.split_whitespace().nth(2) == Some("Z") {
            break; // exited; only its parent has yet to collect it
        }
        assert!(
            Instant::now() < deadline,
            "kaizen kept running without a terminal"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let store = Store::open(&database(&home)).unwrap();
    let meeting = store
        .unfinished_meeting()
        .unwrap()
        .expect("still resumable");
    assert_eq!(meeting.sections[0].notes, "the terminal closes now");
}

#[test]
fn changes_made_while_another_process_holds_the_database_wait_and_land() {
    let home = TempDir::new().unwrap();
    let pane = Pane::start(home.path(), &["start", "weekly"], 120, 30);
    pane.wait_for("1/3  Metrics Review");
    let db = home.path().join("data/kaizen/kaizen.db");
    let holder = rusqlite::Connection::open(&db).expect("a second connection");
    holder
        .execute_batch("BEGIN IMMEDIATE")
        .expect("the write lock");
    // Three more minutes while the lock is held: the screen answers at once and says the
    // changes wait.
    let pressed = Instant::now();
    pane.keys(&["+", "+", "+"]);
    let screen = pane.wait_for("WAITING TO SAVE");
    assert!(
        pressed.elapsed() < Duration::from_secs(3),
        "the screen answered in {:?}",
        pressed.elapsed()
    );
    assert!(
        screen.contains("13:0") || screen.contains("12:5"),
        "{screen}"
    );
    // Still held a while: nothing lost, still waiting.
    std::thread::sleep(Duration::from_secs(3));
    assert!(pane.screen().contains("WAITING TO SAVE"));
    holder.execute_batch("COMMIT").expect("released");
    pane.wait_for("The waiting changes are saved");
    let planned: i64 = holder
        .query_row(
            "SELECT planned_seconds FROM section_runs ORDER BY meeting_id DESC, position LIMIT 1",
            [],
            |row| row.get(0),
        )
        .expect("the section's timebox");
    assert_eq!(
        planned,
        13 * 60,
        "every minute shown on screen is in the database"
    );
    pane.keys(&["q"]);
    pane.wait_for("Leave");
}

#[test]
fn changes_made_on_a_full_disk_wait_and_land_when_it_has_room() {
    let home = TempDir::new().unwrap();
    let Some(tmpfs) = crate::tmpfs::Tmpfs::mount(&home.path().join("disk"), "4m") else {
        return;
    };
    let disk = tmpfs.path().to_path_buf();
    let db = disk.join("kaizen.db");
    let db_arg = db.to_string_lossy().into_owned();
    let pane = Pane::start(home.path(), &["--db", &db_arg, "start", "weekly"], 120, 30);
    pane.wait_for("1/3  Metrics Review");
    // Fill the disk to the brim.
    let filler = tmpfs.fill();
    // Notes and minutes while it is full: the screen answers, and says the changes wait.
    pane.keys(&["Tab"]);
    pane.wait_for("Esc when done");
    let note = "a note typed on a full disk ".repeat(40);
    pane.keys(&["-l", &note]);
    pane.keys(&["Escape"]);
    pane.wait_for("Tab to type");
    pane.keys(&["+", "+"]);
    pane.wait_for("WAITING TO SAVE");
    // Room again: everything lands.
    std::fs::remove_file(&filler).expect("room again");
    pane.wait_for("The waiting changes are saved");
    let conn = rusqlite::Connection::open(&db).expect("the database");
    let (planned, notes): (i64, String) = conn
        .query_row(
            "SELECT planned_seconds, notes FROM section_runs ORDER BY meeting_id DESC, position LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .expect("the section");
    assert_eq!(planned, 12 * 60);
    assert!(notes.contains("a note typed on a full disk"), "{notes}");
    pane.keys(&["q"]);
    pane.wait_for("Leave");
}
