//! Two facilitators on one PostgreSQL store, with the real binary in two terminals: the
//! second is told who runs the meeting and watches it follow each change as it is committed
//! (LISTEN/NOTIFY, not polling); the first is killed (SIGKILL), its lease runs out, the
//! second takes the meeting over and it goes on with the clock where it was.
#![allow(clippy::disallowed_methods)] // timing a real process needs a clock

use crate::pgserver::PgServer;
use crate::pty::Pane;
use std::time::{Duration, Instant};

/// How long `text` took to show, polling every 50 ms for up to `seconds`.
fn shows_within(pane: &Pane, text: &str, seconds: u64) -> Duration {
    let started = Instant::now();
    loop {
        if pane.screen().contains(text) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(seconds),
            "{text:?} never showed:\n{}",
            pane.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_second_facilitator_watches_live_and_takes_over_when_the_first_is_killed() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let url = format!("{}?sslmode=disable", server.url());
    let (first_home, second_home) = (
        crate::pgserver::home_on(&url),
        crate::pgserver::home_on(&url),
    );

    let first = Pane::start(first_home.path(), &[], 120, 40);
    first.wait_for("Review cycles");
    first.keys(&["s"]);
    first.wait_for("Start the Weekly review");
    first.keys(&["y"]);
    first.wait_for("1/3  Metrics Review");
    first.keys(&["Tab"]);
    first.keys(&["-l", "Uptime held all week"]);
    first.keys(&["Escape"]);

    // The second is told who runs it, and watches.
    let second = Pane::start(second_home.path(), &[], 120, 40);
    let said = second.wait_for("Meeting running elsewhere");
    assert!(
        said.contains(&format!("(pid {})", first.kaizen_pid())),
        "{said}"
    );
    second.keys(&["Enter"]);
    second.wait_for("Uptime held all week");

    // Each change shows there within a second of being made here.
    first.keys(&["n"]);
    let followed = shows_within(&second, "2/3  Anomaly Detection", 5);
    assert!(
        followed < Duration::from_secs(1),
        "followed in {followed:?}"
    );
    first.keys(&["n"]);
    let section_started = Instant::now();
    shows_within(&second, "3/3  Action Items", 5);

    // The first dies without a word; nothing renews its lease.
    first.signal("KILL");
    std::thread::sleep(Duration::from_secs(11));
    second.keys(&["T"]);
    second.wait_for("Take the meeting over?");
    second.keys(&["y"]);
    second.wait_for("The meeting is yours");
    // The clock went on while nobody held the meeting, as the meeting went on in the room.
    let gone = section_started.elapsed().as_secs() as i64;
    let screen = second.screen();
    let left = screen
        .lines()
        .find_map(|line| {
            let at = line.find(" left · 10m")?;
            let clock = line[..at].trim_end().rsplit(' ').next()?;
            let (m, s) = clock.split_once(':')?;
            Some(m.trim().parse::<i64>().ok()? * 60 + s.parse::<i64>().ok()?)
        })
        .expect("the section's time left on screen");
    assert!(
        (600 - gone - 3..=600 - gone + 3).contains(&left),
        "{left} s left after {gone} s:\n{screen}"
    );
    // It is run here now: notes typed here are saved.
    second.keys(&["Tab"]);
    second.keys(&["-l", "Taken over"]);
    second.keys(&["Escape"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (notes, _) = server.psql("SELECT notes FROM section_runs WHERE position = 2");
        if notes.contains("Taken over") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the notes were not saved: {notes}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let (holder, _) = server.psql("SELECT holder FROM meeting_leases");
    assert!(
        holder.contains(&format!("(pid {})", second.kaizen_pid())),
        "{holder}"
    );
}
