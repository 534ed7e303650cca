//! Load on one shared PostgreSQL store: 20 kaizen processes, each running its own team's
//! weekly meeting at once and making 500 changes to it (notes, section moves, action items,
//! decisions), 10,000 in all, through the store every kaizen uses. Afterwards every team's
//! rows are counted against what its process made: none lost, none twice. Prints the commit
//! latency (p50, p99, max) of all changes.
//!
//! `scripts/load-test` runs it on a throwaway cluster; or `cargo bench --bench pg_load --
//! postgres://user@host/db` on a database of your own (password in KAIZEN_DB_PASSWORD).
#![allow(clippy::disallowed_methods)] // a load test makes its own clock

use chrono::{DateTime, FixedOffset};
use kaizen::actions::NewAction;
use kaizen::change::{Change, Decision, RosterChange};
use kaizen::store::{Applied, Store};
use std::process::{Command, Stdio};
use std::time::Instant;

const PROCESSES: usize = 20;
const CHANGES: usize = 500;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    match args.as_slice() {
        [worker, url, team] if worker == "worker" => work(url, team),
        [url, ..] if url.starts_with("postgres") => lead(url),
        _ => eprintln!("pg_load: give a postgres:// URL (scripts/load-test makes a cluster)"),
    }
}

/// Starts the processes, gathers their latencies, then checks every team's rows.
fn lead(url: &str) {
    let started = Instant::now();
    let children: Vec<_> = (0..PROCESSES)
        .map(|n| {
            Command::new(std::env::current_exe().expect("this program"))
                .args(["worker", url, &format!("team-{n:02}")])
                .stdout(Stdio::piped())
                .spawn()
                .expect("a worker starts")
        })
        .collect();
    let mut latencies: Vec<f64> = Vec::new();
    for child in children {
        let output = child.wait_with_output().expect("a worker ends");
        assert!(output.status.success(), "a worker failed");
        latencies.extend(
            String::from_utf8_lossy(&output.stdout)
                .lines()
                .filter_map(|line| line.parse::<f64>().ok()),
        );
    }
    let wall = started.elapsed().as_secs_f64();
    let mut lost = 0;
    let mut doubled = 0;
    for n in 0..PROCESSES {
        let mut store = open(url);
        store.use_team(&format!("team-{n:02}")).expect("team");
        let items = store.actions(&Default::default()).expect("items");
        for k in 0..CHANGES / 5 {
            let title = format!("Item {k} of team-{n:02}");
            match items.iter().filter(|i| i.title == title).count() {
                0 => lost += 1,
                1 => {}
                _ => doubled += 1,
            }
        }
        let meetings = store.meetings(None).expect("meetings");
        if meetings.len() != 1 || meetings[0].ended_at.is_none() {
            lost += 1;
        }
    }
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{} processes, {} changes in {wall:.1} s: {lost} lost, {doubled} duplicated; \
         commit latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        PROCESSES,
        latencies.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
    assert_eq!((lost, doubled), (0, 0), "every change lands exactly once");
}

fn open(url: &str) -> Store {
    let password = std::env::var("KAIZEN_DB_PASSWORD").ok();
    Store::open_postgres(url, password.as_deref(), None).expect("the store")
}

/// One facilitator: its team's meeting, 500 changes, each change's commit time printed.
fn work(url: &str, team: &str) {
    let mut store = open(url);
    store.use_team(team).expect("team");
    let now: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339("2026-12-07T09:00:00+00:00").expect("time");
    let cycles = kaizen::cycles::load_cycles(None).expect("cycles");
    let weekly = cycles.iter().find(|c| c.key == "weekly").expect("weekly");
    let mut timed = |change: Change| -> Applied {
        let started = Instant::now();
        let applied = store.apply(&change).expect("the change lands");
        println!("{}", started.elapsed().as_secs_f64() * 1000.0);
        applied
    };
    timed(Change::Roster(RosterChange::Add(
        kaizen::people::Person::named("Ana"),
    )));
    let meeting = kaizen::meeting::Meeting::new(weekly, now, false, &["Ana".to_string()]);
    let Applied::MeetingCreated(id) = timed(Change::StartMeeting(Box::new(meeting))) else {
        panic!("a meeting id");
    };
    // Item k of this team, made in the meeting, due a week on.
    let item_change = |k: usize| {
        let mut new = NewAction::standalone(
            &format!("Item {k} of {team}"),
            "Ana",
            now.date_naive() + chrono::Duration::days(7),
        );
        new.meeting_id = Some(id);
        Change::CreateAction {
            id: -1,
            new,
            add_owner: false,
            at: now,
        }
    };
    // 500 changes in fives: notes, an item, a decision on it, a move, notes again.
    for k in 0..CHANGES / 5 - 1 {
        let position = k % 3;
        timed(Change::SaveNotes {
            meeting: id,
            position,
            notes: format!("Notes {k}"),
        });
        let Applied::ActionCreated(item) = timed(item_change(k)) else {
            panic!("an item id");
        };
        timed(Change::Decide {
            item,
            decision: if k % 2 == 0 {
                Decision::Done
            } else {
                Decision::Carry
            },
            meeting: Some(id),
            at: now,
        });
        timed(Change::SetCurrent {
            meeting: id,
            position: (k + 1) % 3,
        });
        timed(Change::SaveNotes {
            meeting: id,
            position,
            notes: format!("Notes {k}, decided"),
        });
    }
    // With the roster and the start, the last three make 500: one more item, its
    // decision, and the meeting ended.
    let Applied::ActionCreated(item) = timed(item_change(CHANGES / 5 - 1)) else {
        panic!("an item id");
    };
    timed(Change::Decide {
        item,
        decision: Decision::Done,
        meeting: Some(id),
        at: now,
    });
    timed(Change::EndMeeting {
        meeting: id,
        ended_at: now + chrono::Duration::minutes(30),
    });
}
