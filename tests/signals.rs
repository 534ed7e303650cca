//! Signals and a closed terminal on every screen, with the real binary in a real terminal:
//! SIGHUP, SIGTERM and SIGINT end kaizen with exit status 0 and the terminal given back (no
//! alternate screen left on), the notes typed a moment before are saved; closing the
//! terminal ends it the same way; SIGTSTP stops it with the terminal given back and SIGCONT
//! takes it again on the same screen.
#![allow(clippy::disallowed_methods)] // waiting on a real process needs a real clock

use crate::pty::Pane;
use kaizen::store::Store;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// A screen: how to get there from a running meeting (or from home), and what it shows.
struct Screen {
    name: &'static str,
    in_meeting: bool,
    keys: &'static [&'static str],
    shows: &'static str,
}

const SCREENS: [Screen; 11] = [
    Screen {
        name: "home",
        in_meeting: false,
        keys: &[],
        shows: "Review cycles",
    },
    Screen {
        name: "agenda",
        in_meeting: false,
        keys: &["Enter"],
        shows: "Outputs",
    },
    Screen {
        name: "history",
        in_meeting: false,
        keys: &["h"],
        shows: "Past meetings",
    },
    Screen {
        name: "roster",
        in_meeting: false,
        keys: &["r"],
        shows: "roster",
    },
    Screen {
        name: "help",
        in_meeting: false,
        keys: &["?"],
        shows: "┌ Keys",
    },
    Screen {
        name: "meeting",
        in_meeting: true,
        keys: &[],
        shows: "1/3  Metrics Review",
    },
    Screen {
        name: "typing notes",
        in_meeting: true,
        keys: &["Tab"],
        shows: "Esc when done",
    },
    Screen {
        name: "quadrant",
        in_meeting: true,
        keys: &["o"],
        shows: "quick wins",
    },
    Screen {
        name: "action list",
        in_meeting: true,
        keys: &["l"],
        shows: "Action items",
    },
    Screen {
        name: "action form",
        in_meeting: true,
        keys: &["t"],
        shows: "New action item",
    },
    Screen {
        name: "end dialog",
        in_meeting: true,
        keys: &["e"],
        shows: "End the meeting",
    },
];

fn database(home: &TempDir) -> std::path::PathBuf {
    home.path().join("data/kaizen/kaizen.db")
}

/// kaizen on `screen`; in a meeting, with a note typed just now (not saved yet by the
/// once-a-second autosave unless the way out saves it).
fn open(home: &TempDir, screen: &Screen, note: &str) -> Pane {
    let args: &[&str] = if screen.in_meeting {
        &["start", "weekly"]
    } else {
        &[]
    };
    let pane = Pane::start(home.path(), args, 110, 34);
    if screen.in_meeting {
        pane.wait_for("1/3  Metrics Review");
        pane.keys(&["Tab"]);
        pane.wait_for("Esc when done");
        pane.keys(&["-l", note]);
        pane.wait_for(note);
        pane.keys(&["Escape"]);
        // Seen out of typing before the next key: Esc and a key at once read as Alt-key.
        pane.wait_for("Tab to type");
    } else {
        pane.wait_for("Review cycles");
    }
    for key in screen.keys {
        pane.keys(&[key]);
    }
    pane.wait_for(screen.shows);
    pane
}

fn alternate_screen_on(pane: &Pane) -> bool {
    pane.tmux(&["display-message", "-p", "-t", "e2e", "#{alternate_on}"])
        .trim()
        == "1"
}

/// The notes of the unfinished meeting's first section.
fn saved_notes(home: &TempDir) -> String {
    let store = Store::open(&database(home)).expect("the database");
    let meeting = store
        .unfinished_meeting()
        .expect("reads")
        .expect("resumable");
    meeting.sections[0].notes.clone()
}

#[test]
fn hangup_terminate_and_interrupt_end_kaizen_cleanly_on_every_screen() {
    for screen in &SCREENS {
        for signal in ["HUP", "TERM", "INT"] {
            let home = TempDir::new().expect("home");
            let note = format!("before {signal} on {}", screen.name);
            let pane = open(&home, screen, &note);
            pane.signal(signal);
            assert_eq!(pane.exit_status(), 0, "{signal} on {}", screen.name);
            assert!(
                !alternate_screen_on(&pane),
                "{signal} on {}: the terminal was not given back",
                screen.name
            );
            if screen.in_meeting {
                assert_eq!(saved_notes(&home), note, "{signal} on {}", screen.name);
            }
        }
    }
}

#[test]
fn closing_the_terminal_ends_kaizen_and_loses_nothing_on_every_screen() {
    use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
    // Orphaned when its terminal (and the shell in it) goes, kaizen is adopted by this test,
    // which can then read how it ended.
    nix::sys::prctl::set_child_subreaper(true).expect("a subreaper");
    for screen in &SCREENS {
        let home = TempDir::new().expect("home");
        let note = format!("before the terminal closed on {}", screen.name);
        let pane = open(&home, screen, &note);
        let pid = nix::unistd::Pid::from_raw(pane.kaizen_pid() as i32);
        pane.tmux(&["kill-server"]);
        let deadline = Instant::now() + Duration::from_secs(5);
        let ended = loop {
            match waitpid(pid, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::StillAlive) => {}
                // Still the shell's child; or already collected by it, gone, if the shell
                // outlived it (then how it ended is the shell's to know, not ours).
                Err(nix::errno::Errno::ECHILD) => {
                    if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
                        break None;
                    }
                }
                Ok(status) => break Some(status),
                Err(error) => panic!("waiting for kaizen: {error}"),
            }
            assert!(
                Instant::now() < deadline,
                "kaizen outlived its terminal on {}",
                screen.name
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        // An ending, not a crash: status 0, as for a hangup (not an abort, nor "terminal
        // error" and status 2).
        if let Some(ended) = ended {
            assert_eq!(ended, WaitStatus::Exited(pid, 0), "on {}", screen.name);
        }
        if screen.in_meeting {
            assert_eq!(saved_notes(&home), note, "on {}", screen.name);
        }
    }
    // Orphans of the tests running beside this one go back to the system's init again.
    nix::sys::prctl::set_child_subreaper(false).expect("no longer a subreaper");
}

#[test]
fn a_stop_gives_the_terminal_back_and_continuing_returns_to_the_same_screen() {
    for screen in &SCREENS {
        let home = TempDir::new().expect("home");
        let pane = open(&home, screen, "before the stop");
        let pid = pane.kaizen_pid();
        pane.signal("TSTP");
        let deadline = Instant::now() + Duration::from_secs(5);
        while std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .unwrap_or_default()
            .split_whitespace()
            .nth(2)
            .is_none_or(|state| state != "T")
        {
            assert!(
                Instant::now() < deadline,
                "kaizen did not stop on {}",
                screen.name
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(
            !alternate_screen_on(&pane),
            "stopped on {}: terminal kept",
            screen.name
        );
        if screen.in_meeting {
            // Saved before stopping: a stopped process may never be continued.
            assert_eq!(saved_notes(&home), "before the stop", "on {}", screen.name);
        }
        pane.signal("CONT");
        pane.wait_for(screen.shows);
        assert!(alternate_screen_on(&pane), "continued on {}", screen.name);
        pane.signal("TERM");
        assert_eq!(pane.exit_status(), 0, "on {}", screen.name);
    }
}
