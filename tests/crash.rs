//! The crash harness: the real binary in a real terminal runs a meeting (notes, minutes,
//! pauses, sections, action items, Follow-ups decisions, opportunities on the quadrant) and
//! is killed with SIGKILL at random moments, restarted and resumed, again and again. After
//! every kill: SQLite's integrity check passes, every change the screen showed more than the
//! autosave interval before the kill is in the database, and the resumed clock is within
//! 2 s of where it was heading.
//!
//! Now and then another process holds the database's write lock while the room works, or
//! (where the harness may mount a small file system of its own, as root in CI) the disk fills
//! to the brim: the changes wait on screen ("WAITING TO SAVE"), and once the fault is gone
//! and the warning has cleared, every one of them must be in the database too.
//!
//! `cargo test` runs a few kills; `scripts/crash-test N` runs N (seeded; the seed is
//! printed, and `KAIZEN_CRASH_SEED` replays it).
#![allow(clippy::disallowed_methods)] // kills at real moments need a real clock

use crate::pty::Pane;
use kaizen::store::Store;
use std::path::Path;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// The notes are saved once a second when they changed; a margin for a loaded machine.
const SAVED_WITHIN: Duration = Duration::from_millis(1500);
/// The clock on screen after a resume, against where it was heading.
const CLOCK_TOLERANCE_SECS: i64 = 2;

/// A small, seeded generator: runs are replayed from the printed seed.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Something the screen showed, and when.
struct Shown<T> {
    what: T,
    at: Instant,
}

/// Every change the screen acknowledged, to look for in the database.
#[derive(Default)]
struct Acknowledged {
    /// (section, a word typed into its notes)
    notes: Vec<Shown<(usize, String)>>,
    /// (section, its timebox in minutes)
    timeboxes: Vec<Shown<(usize, i64)>>,
    actions: Vec<Shown<String>>,
    opportunities: Vec<Shown<String>>,
    /// Follow-ups items marked done.
    done: Vec<Shown<String>>,
}

#[derive(Default)]
struct Tally {
    kills: usize,
    /// Kills after the write lock was held by another process for a while.
    locked: usize,
    /// Kills after the disk was full for a while (`None`: no small disk here).
    full: Option<usize>,
    lost: Vec<String>,
    integrity_failures: usize,
    clock_max_error: i64,
    clocks_checked: usize,
    /// Changes the screen acknowledged (each looked for after every later kill).
    changes: usize,
}

/// The meeting as the harness drives it: which section is current, and how many.
struct Meeting {
    current: usize,
    sections: usize,
}

fn database(home: &Path) -> std::path::PathBuf {
    home.join("data/kaizen/kaizen.db")
}

fn kaizen(home: &Path, args: &[&str]) {
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_kaizen"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .stdout(std::process::Stdio::null())
        .status()
        .expect("kaizen runs");
    assert!(status.success(), "kaizen {args:?}");
}

/// Seconds left on the current section's clock, from the agenda's "04:12 left" line, and
/// whether it runs; `None` when over time or not on screen.
fn clock(screen: &str) -> Option<(i64, bool)> {
    let mut lines = screen.lines().skip_while(|l| !l.contains("│▶ "));
    lines.next()?;
    let line = lines.next()?;
    let at = line.find(" left")?;
    let time = line[..at].trim_start_matches(['│', ' ']);
    let (minutes, seconds) = time.split_once(':')?;
    let left = minutes.trim().parse::<i64>().ok()? * 60 + seconds.trim().parse::<i64>().ok()?;
    Some((left, !screen.contains("PAUSED")))
}

/// The current section's number from the title ("2/4  Metrics Review").
fn section_number(screen: &str, sections: usize) -> Option<usize> {
    (1..=sections).find(|n| screen.contains(&format!("{n}/{sections}  ")))
}

fn run_kills(kills: usize, seed: u64) -> Tally {
    let home = TempDir::new().expect("temp home");
    let home = home.path();
    // The database's folder on a small disk of its own, to fill up now and then.
    let disk = crate::tmpfs::Tmpfs::mount(&home.join("data"), "16m");
    for (title, due) in [
        ("Rotate the keys", "2026-01-05"),
        ("Fix the backup", "2026-01-06"),
        ("Write the runbook", "2026-01-07"),
    ] {
        kaizen(
            home,
            &[
                "actions",
                "add",
                title,
                "--owner",
                "Ana",
                "--add-owner",
                "--due",
                due,
            ],
        );
    }
    let mut dice = Dice(seed | 1);
    let mut tally = Tally {
        full: disk.as_ref().map(|_| 0),
        ..Tally::default()
    };
    let mut seen = Acknowledged::default();
    let mut word = 0usize;
    let mut last_clock: Option<(i64, bool, Instant)> = None;
    let mut follow_ups_open = 3usize;
    for kill in 0..kills {
        let first = kill == 0;
        let args: &[&str] = if first { &["start", "weekly"] } else { &[] };
        let pane = Pane::start(home, args, 110, 34);
        let screen = if first {
            pane.wait_for("1/4  Follow-ups")
        } else {
            pane.wait_for("Unfinished meeting");
            pane.keys(&["Enter"]);
            pane.wait_for("/4  ")
        };
        let mut meeting = Meeting {
            current: section_number(&screen, 4).expect("a section on screen") - 1,
            sections: 4,
        };
        // The resumed clock, against where the last one seen was heading.
        if let (Some((left_then, running, at)), Some((left_now, _))) =
            (last_clock, clock(&pane.screen()))
        {
            let passed = if running {
                at.elapsed().as_secs_f64().round() as i64
            } else {
                0
            };
            let error = (left_now - (left_then - passed)).abs();
            tally.clock_max_error = tally.clock_max_error.max(error);
            tally.clocks_checked += 1;
        }
        // One time in four, another process holds the write lock while the room works.
        let faults = std::env::var("KAIZEN_CRASH_FAULTS").unwrap_or_default();
        let may = |fault: &str| faults.is_empty() || faults.contains(fault);
        let holder = (dice.below(4) == 0 && may("lock")).then(|| {
            let conn = rusqlite::Connection::open(database(home)).expect("a second connection");
            conn.execute_batch("BEGIN IMMEDIATE")
                .expect("the write lock");
            conn
        });
        // Else one time in four, the disk is full while the room works.
        let filler = match (&disk, &holder) {
            (Some(disk), None) if dice.below(4) == 0 && may("disk") => Some(disk.fill()),
            _ => None,
        };
        for _ in 0..dice.below(4) {
            act(
                &pane,
                &mut dice,
                &mut meeting,
                &mut seen,
                &mut word,
                &mut follow_ups_open,
            );
        }
        if let Some(filler) = filler {
            std::thread::sleep(Duration::from_millis(dice.below(2000)));
            std::fs::remove_file(filler).expect("room again");
            landed(&pane, home, "the disk had room again");
            if let Some(full) = &mut tally.full {
                *full += 1;
            }
            saved_now(&mut seen);
        }
        if let Some(holder) = holder {
            std::thread::sleep(Duration::from_millis(dice.below(2000)));
            holder.execute_batch("COMMIT").expect("released");
            drop(holder);
            // Whatever waited lands on the next try (they back off up to 8 s); only then is
            // it acknowledged as saved.
            landed(&pane, home, "the write lock was released");
            tally.locked += 1;
            saved_now(&mut seen);
        }
        std::thread::sleep(Duration::from_millis(dice.below(1500)));
        let screen = pane.screen();
        last_clock = clock(&screen).map(|(left, running)| (left, running, Instant::now()));
        pane.signal("KILL");
        let killed = Instant::now();
        drop(pane);
        tally.kills += 1;
        check(home, killed, &seen, &mut tally);
    }
    tally.changes = seen.notes.len()
        + seen.timeboxes.len()
        + seen.actions.len()
        + seen.opportunities.len()
        + seen.done.len();
    tally
}

/// Everything shown so far counts as saved from now: the screen said the waiting changes
/// landed.
fn saved_now(seen: &mut Acknowledged) {
    let now = Instant::now();
    let landed = |at: &mut Instant| *at = (*at).min(now - SAVED_WITHIN - Duration::from_millis(1));
    seen.notes.iter_mut().for_each(|s| landed(&mut s.at));
    seen.timeboxes.iter_mut().for_each(|s| landed(&mut s.at));
    seen.actions.iter_mut().for_each(|s| landed(&mut s.at));
    seen.opportunities
        .iter_mut()
        .for_each(|s| landed(&mut s.at));
    seen.done.iter_mut().for_each(|s| landed(&mut s.at));
}

/// One thing a facilitator does, waiting until the screen shows it was done.
fn act(
    pane: &Pane,
    dice: &mut Dice,
    meeting: &mut Meeting,
    seen: &mut Acknowledged,
    word: &mut usize,
    follow_ups_open: &mut usize,
) {
    *word += 1;
    let token = format!("w{word}q");
    match dice.below(7) {
        0 => {
            pane.keys(&["Tab"]);
            pane.wait_for("Esc when done");
            pane.keys(&["-l", &format!(" {token}")]);
            pane.wait_for(&token);
            seen.notes.push(Shown {
                what: (meeting.current, token),
                at: Instant::now(),
            });
            pane.keys(&["Escape"]);
            pane.wait_for("Tab to type");
        }
        1 => {
            let before = planned(&pane.screen());
            pane.keys(&["+"]);
            let minutes = before + 1;
            wait_until(pane, |screen| planned(screen) == minutes);
            seen.timeboxes.push(Shown {
                what: (meeting.current, minutes),
                at: Instant::now(),
            });
        }
        2 => {
            let paused = pane.screen().contains("PAUSED");
            pane.keys(&["Space"]);
            wait_until(pane, |screen| screen.contains("PAUSED") != paused);
        }
        3 if meeting.current + 1 < meeting.sections => {
            pane.keys(&["n"]);
            meeting.current += 1;
            pane.wait_for(&format!("{}/{}  ", meeting.current + 1, meeting.sections));
        }
        4 => {
            pane.keys(&["t"]);
            pane.wait_for("New action item");
            pane.keys(&["-l", &format!("Act {token}")]);
            pane.keys(&["Tab"]);
            pane.keys(&["-l", "Ana"]);
            pane.keys(&["Tab"]);
            pane.keys(&["-l", "+3d"]);
            pane.keys(&["Enter"]);
            // The toast names the item (and says when it waits to be saved).
            pane.wait_for("Action item for Ana, due");
            seen.actions.push(Shown {
                what: format!("Act {token}"),
                at: Instant::now(),
            });
        }
        // In the Follow-ups, o gives an item a new owner.
        5 if meeting.current > 0 => {
            pane.keys(&["o"]);
            pane.wait_for("quick wins");
            pane.keys(&["a"]);
            pane.keys(&["-l", &format!("Idea {token}")]);
            pane.keys(&["Enter"]);
            pane.wait_for("impact then effort");
            pane.keys(&["Enter"]);
            pane.wait_for(&format!("Added \"Idea {token}\""));
            seen.opportunities.push(Shown {
                what: format!("Idea {token}"),
                at: Instant::now(),
            });
            pane.keys(&["Escape"]);
            // The meeting itself (the quadrant's title bar names the section too): Esc and
            // the next key sent at once would read as Alt-key.
            pane.wait_for("Tab to type");
        }
        6 if meeting.current == 0 && *follow_ups_open > 0 => {
            pane.keys(&["d"]);
            // The cursor goes on to the next item still open, so each d decides a new one;
            // a toast naming an item decided before is an older one still showing.
            let newly_done = |screen: &str| {
                ["Rotate the keys", "Fix the backup", "Write the runbook"]
                    .into_iter()
                    .filter(|t| !seen.done.iter().any(|d| d.what == *t))
                    .find(|t| screen.contains(&format!("{t}: done")))
            };
            let screen = wait_until(pane, |screen| newly_done(screen).is_some());
            let title = newly_done(&screen).expect("waited for");
            *follow_ups_open -= 1;
            seen.done.push(Shown {
                what: title.to_string(),
                at: Instant::now(),
            });
        }
        _ => {}
    }
}

/// The current section's timebox in minutes, from the agenda ("· 11m").
fn planned(screen: &str) -> i64 {
    let mut lines = screen.lines().skip_while(|l| !l.contains("│▶ "));
    lines.next();
    lines
        .next()
        .and_then(|line| line.split("· ").nth(1))
        .and_then(|rest| rest.split('m').next())
        .and_then(|minutes| minutes.trim().parse().ok())
        .unwrap_or(0)
}

/// The last lines of kaizen's log in `home`, to say why a change kept waiting.
fn log_tail(home: &Path) -> String {
    let folder = home.join(".local/state/kaizen");
    let mut lines: Vec<String> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|entry| {
            std::fs::read_to_string(entry.path())
                .unwrap_or_default()
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let keep = lines.len().saturating_sub(25);
    lines.drain(..keep);
    lines.join("\n")
}

/// Waits for the changes held back by a fault to land once it has cleared.
fn landed(pane: &Pane, home: &Path, after: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let screen = pane.screen();
        if !screen.contains("WAITING TO SAVE") {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "changes still waited 30 s after {after}:\n{screen}\nkaizen's log:\n{}",
            log_tail(home)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn wait_until(pane: &Pane, done: impl Fn(&str) -> bool) -> String {
    wait_longer(pane, Duration::from_secs(10), done)
}

fn wait_longer(pane: &Pane, patience: Duration, done: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + patience;
    loop {
        let screen = pane.screen();
        if done(&screen) {
            return screen;
        }
        assert!(
            Instant::now() < deadline,
            "the screen never showed it:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// Looks in the database for everything acknowledged long enough before the kill.
fn check(home: &Path, killed: Instant, seen: &Acknowledged, tally: &mut Tally) {
    let path = database(home);
    let conn = rusqlite::Connection::open(&path).expect("the database opens");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity check runs");
    if integrity != "ok" {
        tally.integrity_failures += 1;
    }
    drop(conn);
    let store = Store::open(&path).expect("the store opens");
    let meeting = store
        .unfinished_meeting()
        .expect("reads")
        .expect("the meeting is resumable");
    let old_enough = |at: Instant| killed.duration_since(at) > SAVED_WITHIN;
    let mut lost = |what: String| tally.lost.push(what);
    for note in seen.notes.iter().filter(|n| old_enough(n.at)) {
        let (section, token) = &note.what;
        if !meeting.sections[*section].notes.contains(token.as_str()) {
            lost(format!("the note {token} of section {section}"));
        }
    }
    for section in 0..meeting.sections.len() {
        let ours: Vec<&Shown<(usize, i64)>> = seen
            .timeboxes
            .iter()
            .filter(|t| t.what.0 == section)
            .collect();
        // The last timebox shown long enough ago, or one shown after it.
        let Some(from) = ours.iter().rposition(|t| old_enough(t.at)) else {
            continue;
        };
        let stored = meeting.sections[section].timer.planned_secs / 60;
        if !ours[from..].iter().any(|t| t.what.1 == stored) {
            lost(format!(
                "section {section}'s timebox of {} min (stored {stored})",
                ours[from].what.1
            ));
        }
    }
    let actions = store
        .actions(&kaizen::actions::Filter::default())
        .expect("action items");
    for item in seen.actions.iter().filter(|a| old_enough(a.at)) {
        if !actions.iter().any(|a| a.title == item.what) {
            lost(format!("the action item {}", item.what));
        }
    }
    for item in seen.done.iter().filter(|a| old_enough(a.at)) {
        let done = actions
            .iter()
            .any(|a| a.title == item.what && a.status == kaizen::actions::Status::Done);
        if !done {
            lost(format!("{} marked done", item.what));
        }
    }
    let opportunities = store.opportunities().expect("opportunities");
    for idea in seen.opportunities.iter().filter(|o| old_enough(o.at)) {
        if !opportunities.iter().any(|o| o.title == idea.what) {
            lost(format!("the opportunity {}", idea.what));
        }
    }
}

/// Runs `kills` kills (from `KAIZEN_CRASH_KILLS`, a few by default) and prints one line.
#[test]
fn sigkill_at_random_moments_loses_nothing_acknowledged() {
    let kills = std::env::var("KAIZEN_CRASH_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(6);
    let seed = std::env::var("KAIZEN_CRASH_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    let tally = run_kills(kills, seed);
    println!(
        "{} kills ({} after a held write lock, {} after a full disk): {} lost of {} changes \
         made, {} integrity failures, clock max error {} s over {} resumes (seed {seed})",
        tally.kills,
        tally.locked,
        tally
            .full
            .map_or("no small disk here, none".to_string(), |n| n.to_string()),
        tally.lost.len(),
        tally.changes,
        tally.integrity_failures,
        tally.clock_max_error,
        tally.clocks_checked
    );
    assert!(
        tally.lost.is_empty(),
        "lost: {:?} (seed {seed})",
        tally.lost
    );
    assert_eq!(tally.integrity_failures, 0, "seed {seed}");
    assert!(
        tally.clock_max_error <= CLOCK_TOLERANCE_SECS,
        "the clock was {} s off (seed {seed})",
        tally.clock_max_error
    );
}
