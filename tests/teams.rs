//! Several teams in one store: each its own roster, action items and meetings, named with
//! `--team` (made when first named), listed by `kaizen teams`; a store of one team never
//! names one. On PostgreSQL, each team runs its own meeting at once, and a second kaizen on
//! the same team is told who runs it.

use crate::pgserver::{PASSWORD, PgServer};
use kaizen::store::{Store, StoreError};
use tempfile::TempDir;

fn kaizen(home: &TempDir, args: &[&str]) -> String {
    let output = crate::cli::kaizen(home).args(args).output().expect("runs");
    assert!(
        output.status.success(),
        "kaizen {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

#[test]
fn each_team_keeps_its_own_roster_and_items() {
    let home = TempDir::new().expect("home");
    let add = |team: &str, title: &str| {
        kaizen(
            &home,
            &[
                "--team",
                team,
                "actions",
                "add",
                title,
                "--owner",
                "Ana",
                "--due",
                "2026-12-11",
                "--add-owner",
            ],
        )
    };
    add("ops", "Renew the certificate");
    add("web", "Shrink the bundle");
    add("web", "Cache the fonts");
    let listed = |team: Option<&str>| {
        let mut args = Vec::new();
        if let Some(team) = team {
            args.extend(["--team", team]);
        }
        args.extend(["actions", "--json"]);
        let json: serde_json::Value = serde_json::from_str(&kaizen(&home, &args)).expect("JSON");
        json.as_array()
            .expect("a list")
            .iter()
            .map(|item| item["title"].as_str().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(listed(Some("ops")), ["Renew the certificate"]);
    assert_eq!(
        listed(Some("WEB")),
        ["Shrink the bundle", "Cache the fonts"],
        "any case"
    );
    assert!(listed(None).is_empty(), "the default team has none");
    assert_eq!(
        kaizen(&home, &["teams"]),
        "default  0 people  0 meetings  0 open items\n\
         ops      1 people  0 meetings  1 open items\n\
         web      1 people  0 meetings  2 open items\n"
    );
}

#[test]
fn on_postgresql_each_team_runs_its_own_meeting_at_once() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let url = format!("{}?sslmode=disable", server.url());
    let open = |team: &str| {
        let mut store = Store::open_postgres(&url, Some(PASSWORD), None).expect("store");
        store.use_team(team).expect("team");
        store
    };
    let cycles = kaizen::cycles::load_cycles(None).expect("cycles");
    let weekly = cycles.iter().find(|c| c.key == "weekly").expect("weekly");
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-07T09:00:00+00:00").expect("time");
    let start = |store: &mut Store| {
        let meeting = kaizen::meeting::Meeting::new(weekly, now, true, &[]);
        store.apply(&kaizen::change::Change::StartMeeting(Box::new(meeting)))
    };
    let (mut ops, mut web) = (open("ops"), open("web"));
    start(&mut ops).expect("ops runs its meeting");
    start(&mut web).expect("web runs its own at the same time");
    let mut second_ops = open("ops");
    match start(&mut second_ops) {
        Err(StoreError::MeetingHeld(by)) => {
            assert!(by.contains(&format!("(pid {}", std::process::id())), "{by}")
        }
        other => panic!("a second kaizen on ops must be told who runs it: {other:?}"),
    }
    assert_eq!(ops.meetings(None).expect("ops").len(), 1);
    assert_eq!(web.meetings(None).expect("web").len(), 1);
    assert_eq!(second_ops.meetings(None).expect("ops").len(), 1);
}

/// A team's own templates (cycles/TEAM/) lie over everyone's, for that team only.
#[test]
fn a_team_may_have_templates_of_its_own() {
    let home = TempDir::new().expect("home");
    let folder = home.path().join("config/kaizen/cycles/ops");
    std::fs::create_dir_all(&folder).expect("team folder");
    let weekly = kaizen::cycles::BUILTIN_TEMPLATES
        .iter()
        .find(|(key, _)| *key == "weekly")
        .expect("weekly")
        .1
        .replace("cadence = \"every monday\"", "cadence = \"every friday\"");
    std::fs::write(folder.join("weekly.toml"), weekly).expect("template");
    let theirs = kaizen(&home, &["--team", "ops", "cycles"]);
    assert!(theirs.contains("weekly     every Friday"), "{theirs}");
    let everyone = kaizen(&home, &["cycles"]);
    assert!(everyone.contains("weekly     every Monday"), "{everyone}");
    let others = kaizen(&home, &["--team", "web", "cycles"]);
    assert!(others.contains("weekly     every Monday"), "{others}");
}
