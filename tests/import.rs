//! Import takes back what export wrote, every table of it, and refuses a file holding a value
//! kaizen would not write (a store read would fail on it, or the screen would draw it): the
//! message names table, row and column, and nothing is written.

use chrono::{DateTime, FixedOffset};
use kaizen::actions::NewAction;
use kaizen::change::{Change, Decision, PanelValue, RosterChange};
use kaizen::cycles::{Cycle, load_cycles};
use kaizen::incidents::{Incident, Measure, Moment, TimelineEntry};
use kaizen::meeting::Meeting;
use kaizen::meeting::timer::SectionTimer;
use kaizen::opportunities::{Evidence, Opportunity, Status, Task};
use kaizen::store::export::TABLES;
use kaizen::store::{Applied, Store, latest_version};
use serde_json::{Value as Json, json};
use std::path::Path;

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("a time")
}

fn now() -> DateTime<FixedOffset> {
    at("2026-11-30T09:00:00+01:00")
}

/// A database with rows in every table, each made by the store's own functions.
fn everything(path: &Path) -> (Store, Vec<Cycle>) {
    let cycles = load_cycles(None).expect("built-in cycles");
    let weekly = cycles.iter().find(|c| c.key == "weekly").expect("weekly");
    let mut store = Store::open(path).expect("new database");
    let mut apply = |change: Change| store.apply(&change).expect("applied");
    apply(Change::Roster(RosterChange::Add(kaizen::people::Person {
        name: "Ana Lima".into(),
        handle: Some("@ana".into()),
        email: Some("ana@example.com".into()),
    })));
    let meeting = Meeting::new(weekly, now(), true, &["Ana Lima".to_string()]);
    let Applied::MeetingCreated(id) = apply(Change::StartMeeting(Box::new(meeting))) else {
        panic!("a meeting id");
    };
    let mut timer = SectionTimer::new(600);
    timer.start(now());
    timer.stop(at("2026-11-30T09:04:30.250+01:00"));
    timer.start(at("2026-11-30T09:05:00+01:00"));
    apply(Change::SaveSection {
        meeting: id,
        position: 1,
        timer,
        visited: true,
    });
    apply(Change::SaveNotes {
        meeting: id,
        position: 1,
        notes: "p95 up after the deploy\n\t- roll back?\nÜberprüfung 日本語".into(),
    });
    apply(Change::SetCurrent {
        meeting: id,
        position: 1,
    });
    apply(Change::Tick {
        meeting: id,
        category: "reliability".into(),
        item: "Flaky alerts reviewed".into(),
        ticked: true,
    });
    apply(Change::SaveAttendee {
        meeting: id,
        position: 1,
        name: "Bo".into(),
        present: false,
    });
    let value = |panel: &str, value: f64| PanelValue {
        section: "Metrics Review".into(),
        panel: panel.into(),
        series: "{job=\"api\"}".into(),
        name: "api".into(),
        query: "sum(rate(http_requests_total[5m]))\n  / 2".into(),
        value: Some(value),
        forecast: Some("in 90 days: 93.2% (92.8%–93.5%)".into()),
        range_start: 1_795_000_000.0,
        range_end: 1_795_604_800.5,
        fetched_at: now(),
        before: Some(value - 0.25),
        before_at: Some(1_794_999_999.5),
    };
    apply(Change::SavePanelValues {
        meeting: id,
        position: 1,
        values: vec![
            value("Uptime", 99.93),
            value("Infinite", f64::INFINITY),
            value("Nothing", f64::NAN),
        ],
    });
    apply(Change::SaveFindings {
        meeting: id,
        position: 1,
        findings: vec![kaizen::change::FindingRecord {
            section: "Metrics Review".into(),
            panel: "Uptime".into(),
            series: "api".into(),
            query: "up".into(),
            kind: "level shift".into(),
            reason: "moved from 99.9% to 98.1% on Sat 28 Nov 15:00".into(),
            start: 1_795_100_000.0,
            end: 1_795_200_000.0,
            score: 7.5,
        }],
    });
    apply(Change::MarkExpected(kaizen::analysis::Expected {
        series_key: "up{job=\"api\"}".into(),
        kind: "level shift".into(),
        start: 1_795_100_000.0,
        end: 1_795_200_000.0,
        marked_at: now(),
    }));
    apply(Change::DismissAlert {
        fingerprint: "HighErrorRate{job=api}".into(),
        start: 1_795_300_000.0,
    });

    let mut first = Opportunity::titled("Composite index on orders", now());
    first.description = "Two lines\nof description".into();
    first.category = Some(kaizen::cycles::Category::Performance);
    first.impact = 4;
    first.effort = 2;
    first.confidence = Some(70);
    first.tasks = vec![Task {
        text: "measure".into(),
        done: true,
    }];
    first.start_on = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
    first.before = Evidence {
        value: Some(0.25),
        note: "p95".into(),
        query: Some("histogram_quantile(0.95, x)".into()),
        at: Some(now()),
    };
    first.meeting_id = Some(id);
    first.section = Some("Action Items".into());
    let first_id = store.save_opportunity(&first).expect("saved");
    let second_id = store
        .save_opportunity(&Opportunity::titled("Cache warm-up", now()))
        .expect("saved");
    first.id = first_id;
    first.depends_on = vec![second_id];
    store.save_opportunity(&first).expect("saved");
    store
        .set_opportunity_status(first_id, Status::Analyzed, Some("looked at it"), now())
        .expect("status");

    let mut apply = |change: Change| store.apply(&change).expect("applied");
    let Applied::ActionCreated(item) = apply(Change::CreateAction {
        id: -1,
        new: NewAction {
            title: "Add the index".into(),
            owner: "Ana Lima".into(),
            due_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 4).expect("date"),
            meeting_id: Some(id),
            section: Some("Action Items".into()),
            opportunity_id: Some(first_id),
        },
        add_owner: false,
        at: now(),
    }) else {
        panic!("an item id");
    };
    apply(Change::Decide {
        item,
        decision: Decision::Carry,
        meeting: Some(id),
        at: now(),
    });
    let mut incident = Incident::new("Checkout errors", at("2026-11-20T14:00:00+01:00"), now());
    incident.severity = "SEV2".into();
    incident.service = Some("checkout".into());
    incident.ended_at = Some(at("2026-11-20T15:10:00+01:00"));
    incident.factors = vec!["a retry storm".into(), "no alert on p99".into()];
    incident.summary = "Errors at checkout.\nRolled back.".into();
    incident.timeline = vec![TimelineEntry {
        at: at("2026-11-20T15:26:00+01:00"),
        moment: Moment::Mitigated,
        note: "rolled back".into(),
    }];
    incident.measures = vec![Measure::Action(item), Measure::Opportunity(second_id)];
    incident.alert = Some("HighErrorRate{job=checkout}".into());
    apply(Change::SaveIncident(Box::new(incident)));
    apply(Change::EndMeeting {
        meeting: id,
        ended_at: at("2026-11-30T09:31:00+01:00"),
    });
    apply(Change::Rate {
        meeting: id,
        rating: Some(8),
    });
    apply(Change::QueuePublications {
        meeting: id,
        targets: vec!["git", "email"],
    });
    store
        .record_publication(id, "git", &Ok("committed 1a2b3c4".into()), now())
        .expect("recorded");
    store
        .save_tracker_issue(&kaizen::store::tracker_issues::TrackerIssue {
            item_id: item,
            tracker: "github".into(),
            project: "ops/infra".into(),
            number: 12,
            url: "https://github.com/ops/infra/issues/12".into(),
            state: "open".into(),
            synced_at: now(),
        })
        .expect("saved");
    (store, cycles)
}

fn tables(export: &str) -> Json {
    serde_json::from_str::<Json>(export).expect("JSON")["tables"].clone()
}

#[test]
fn every_table_exported_imports_into_an_empty_database_and_exports_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, cycles) = everything(&dir.path().join("a.db"));
    let first = store.export_json(now()).expect("export");
    let exported = tables(&first);
    for table in TABLES {
        assert!(
            !exported[table].as_array().expect("rows").is_empty(),
            "the fixture fills {table}"
        );
    }
    let mut copy = Store::open(&dir.path().join("b.db")).expect("new database");
    let import = kaizen::store::export::read(&first, latest_version(), &cycles)
        .expect("a real export passes the checks");
    copy.import(&import).expect("imported");
    let second = copy.export_json(now()).expect("export again");
    assert_eq!(first, second);
    // And what the import wrote reads back, through every read the app starts with and more.
    drop(copy);
    let copy = Store::open(&dir.path().join("b.db")).expect("opens again");
    let meeting = copy.meetings(None).expect("meetings")[0].id;
    let loaded = copy.load_meeting(meeting).expect("meeting");
    assert_eq!((loaded.sections.len(), loaded.current), (4, 1));
    assert!(loaded.sections[1].notes.contains("\n\t- roll back?"));
    assert_eq!(copy.last_held().expect("last held").len(), 1);
    assert_eq!(copy.previous_values().expect("previous values").len(), 1);
    assert_eq!(copy.panel_values(meeting).expect("values").len(), 3);
    assert_eq!(copy.roster().expect("roster").len(), 1);
    let all = kaizen::actions::Filter::default();
    assert_eq!(copy.actions(&all).expect("actions")[0].carried, 1);
    assert_eq!(
        copy.opportunities().expect("opportunities")[0]
            .depends_on
            .len(),
        1
    );
    assert_eq!(copy.incidents().expect("incidents")[0].measures.len(), 2);
    assert_eq!(copy.expected_findings().expect("expected").len(), 1);
    assert_eq!(copy.dismissed_alerts().expect("dismissed").len(), 1);
    assert!(copy.unfinished_meeting().expect("unfinished").is_none());
}

/// Exports the full fixture, edits the document, imports it into an empty database: the
/// refusal, after checking that the database is still empty.
fn refused(edit: impl FnOnce(&mut Json)) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, cycles) = everything(&dir.path().join("a.db"));
    let mut document: Json =
        serde_json::from_str(&store.export_json(now()).expect("export")).expect("JSON");
    edit(&mut document["tables"]);
    let mut target = Store::open(&dir.path().join("b.db")).expect("new database");
    let why = match kaizen::store::export::read(&document.to_string(), latest_version(), &cycles) {
        Err(why) => why,
        Ok(import) => target.import(&import).expect_err("refused"),
    };
    let after = tables(&target.export_json(now()).expect("export"));
    for table in TABLES {
        // A new database has its default team, and only that.
        let fresh = match table {
            "teams" => json!([{"id": 1, "name": "default"}]),
            _ => json!([]),
        };
        assert_eq!(after[table], fresh, "nothing was written to {table}: {why}");
    }
    assert!(
        !why.contains('\u{1b}'),
        "the message is safe to print: {why:?}"
    );
    why
}

#[test]
fn a_time_that_is_not_one_is_refused() {
    let why = refused(|t| t["meetings"][0]["started_at"] = json!("not a date"));
    assert_eq!(
        why,
        "tables.meetings[0].started_at: \"not a date\" is not a time with offset like \
         2026-11-30T09:00:00+01:00"
    );
    let why = refused(|t| t["action_items"][0]["due_on"] = json!("2026-12-4"));
    assert_eq!(
        why,
        "tables.action_items[0].due_on: \"2026-12-4\" is not a date like 2026-11-30"
    );
}

#[test]
fn a_real_where_a_whole_number_belongs_is_refused() {
    let why = refused(|t| t["section_runs"][1]["spent_ms"] = json!(9.9e300));
    assert_eq!(
        why,
        "tables.section_runs[1].spent_ms: 9.9e+300 is not a whole number of milliseconds from \
         0 to 3155760000000"
    );
}

#[test]
fn notes_as_a_number_are_refused() {
    let why = refused(|t| t["section_runs"][1]["notes"] = json!(42));
    assert_eq!(
        why,
        "tables.section_runs[1].notes: 42 is not text without control characters (newlines \
         and tabs are kept)"
    );
}

#[test]
fn a_position_past_the_last_section_of_its_meeting_is_refused() {
    let why = refused(|t| t["section_runs"][3]["position"] = json!(7));
    assert_eq!(
        why,
        "tables.section_runs[3].position: 7 is past the last section of meeting 1 (its \
         sections are 0 to 3)"
    );
    let why = refused(|t| t["panel_values"][0]["position"] = json!(4));
    assert!(
        why.starts_with("tables.panel_values[0].position: 4 is past the last section of meeting 1"),
        "{why}"
    );
    let why = refused(|t| t["meetings"][0]["current_position"] = json!(4));
    assert!(
        why.starts_with("tables.meetings[0].current_position: 4 is past the last section"),
        "{why}"
    );
    let why = refused(|t| t["attendees"][1]["position"] = json!(5));
    assert!(
        why.starts_with("tables.attendees[1].position: 5 is past the last attendee"),
        "{why}"
    );
}

#[test]
fn negative_seconds_are_refused() {
    let why = refused(|t| t["section_runs"][0]["planned_seconds"] = json!(-60));
    assert_eq!(
        why,
        "tables.section_runs[0].planned_seconds: -60 is not a whole number of seconds from 0 \
         to 3155760000"
    );
}

#[test]
fn a_cycle_kaizen_does_not_know_is_refused() {
    let why = refused(|t| t["meetings"][0]["cycle"] = json!("weekley"));
    assert!(
        why.starts_with(
            "tables.meetings[0].cycle: \"weekley\" is not the key of a cycle kaizen knows \
             (weekly, monthly, quarterly, annual)"
        ),
        "{why}"
    );
}

#[test]
fn an_escape_in_a_title_is_refused_and_never_printed() {
    let why = refused(|t| t["opportunities"][0]["title"] = json!("Fix \u{1b}[2Jthe cache"));
    assert_eq!(
        why,
        "tables.opportunities[0].title: \"Fix \\u001b[2Jthe cache\" holds a control character \
         (U+001B); it must be one line of text, not blank, without control characters"
    );
    // A tab or a newline is text in notes, not in a one-line field.
    let why = refused(|t| t["action_items"][0]["title"] = json!("Add\tthe index"));
    assert!(
        why.starts_with("tables.action_items[0].title: \"Add\\tthe index\" holds a control"),
        "{why}"
    );
    let why = refused(|t| t["incidents"][0]["factors"] = json!("[\"a\\u001b[31m\"]"));
    assert!(why.starts_with("tables.incidents[0].factors: "), "{why}");
    let why = refused(|t| t["section_runs"][1]["notes"] = json!("bell\u{7}"));
    assert!(why.contains("holds a control character (U+0007)"), "{why}");
}

#[test]
fn other_values_kaizen_would_not_write_are_refused() {
    let cases: [(&str, usize, &str, Json, &str); 8] = [
        (
            "meetings",
            0,
            "rating",
            json!(11),
            "a whole number from 1 to 10",
        ),
        (
            "action_items",
            0,
            "status",
            json!("later"),
            "one of open, done, dropped",
        ),
        (
            "opportunities",
            0,
            "category",
            json!("speed"),
            "one of performance, cost",
        ),
        (
            "panel_values",
            0,
            "range_start",
            json!({"real": "+Inf"}),
            "a finite number",
        ),
        (
            "panel_values",
            0,
            "value",
            json!("high"),
            "a number, or {\"real\": \"+Inf\"}",
        ),
        (
            "section_runs",
            0,
            "visited",
            json!(true),
            "a whole number from 0 to 1",
        ),
        (
            "incident_timeline",
            0,
            "kind",
            json!("fixed"),
            "one of detected, diagnosed",
        ),
        (
            "people",
            0,
            "name",
            json!("  "),
            "one line of text, not blank",
        ),
    ];
    for (table, row, column, value, expected) in cases {
        let why = refused(|t| t[table][row][column] = value.clone());
        let at = format!("tables.{table}[{row}].{column}: ");
        assert!(why.starts_with(&at) && why.contains(expected), "{why}");
    }
    let why = refused(|t| {
        t["meetings"][0]
            .as_object_mut()
            .expect("row")
            .remove("started_at");
    });
    assert!(
        why.starts_with("tables.meetings[0].started_at: missing; it must be a time"),
        "{why}"
    );
}

#[test]
fn the_command_refuses_the_file_and_makes_no_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, _) = everything(&dir.path().join("a.db"));
    let mut document: Json =
        serde_json::from_str(&store.export_json(now()).expect("export")).expect("JSON");
    document["tables"]["meetings"][0]["started_at"] = json!("not a date");
    let file = dir.path().join("backup.json");
    std::fs::write(&file, document.to_string()).expect("write");
    let target = dir.path().join("b.db");
    let output = assert_cmd::Command::cargo_bin("kaizen")
        .expect("binary")
        .env_clear()
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .arg("--db")
        .arg(&target)
        .arg("import")
        .arg(&file)
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains(
            "backup.json: tables.meetings[0].started_at: \"not a date\" is not a time with \
             offset like 2026-11-30T09:00:00+01:00; nothing was imported"
        ),
        "{error}"
    );
    assert!(!target.exists(), "the database was not even made");
}

#[test]
fn a_field_longer_than_kaizen_ever_writes_is_refused_not_loaded() {
    let huge = "a line of notes\n".repeat(10_000);
    let why = refused(|t| t["section_runs"][1]["notes"] = json!(huge));
    assert_eq!(
        why,
        "tables.section_runs[1].notes: holds 157 KiB of text: kaizen keeps at most 64 KiB in \
         one field (a section's notes); cut it, or keep the rest elsewhere and link to it"
    );
}
