//! Meeting reports: a fixture meeting of each cycle held through the real model (keys, clock,
//! store), its report rendered as Markdown and reviewed as a snapshot; the JSON shape; and
//! text people typed coming out escaped and readable.

use crate::harness;

use chrono::{Duration, NaiveDate};
use harness::{Harness, at, date};
use kaizen::model::Now;
use kaizen::msg::Msg;
use kaizen::opportunities::{Opportunity, Status};
use kaizen::report::{Report, gather, markdown};

/// Moves the clock on by `secs` in one step (a long meeting would take hours of ticks).
fn jump(app: &mut Harness, secs: i64) {
    app.now = Now {
        mono: app.now.mono + std::time::Duration::from_secs(secs as u64),
        wall: app.now.wall + Duration::seconds(secs),
    };
    app.send(Msg::Tick);
}

/// Sets the clock to 09:00 on `day`.
fn morning_of(app: &mut Harness, day: &str) {
    let now = at(date(day), 9);
    app.now = Now {
        mono: app.now.mono,
        wall: now.wall,
    };
    app.send(Msg::Tick);
}

fn start(app: &mut Harness, cycle: &str) {
    app.send(Msg::StartMeeting(cycle.into()));
    assert!(app.model.meeting().is_some(), "{cycle} started");
}

/// Spends `minutes` in each remaining section, then ends and rates the meeting.
fn finish(app: &mut Harness, minutes: i64, rating: &str) -> i64 {
    loop {
        jump(app, minutes * 60);
        let meeting = app.model.meeting().expect("meeting");
        if meeting.current + 1 >= meeting.sections.len() {
            break;
        }
        app.press("n");
    }
    let id = app.model.meeting().and_then(|m| m.id).expect("stored");
    app.press("e y").press(rating).press("enter");
    id
}

fn report_of(app: &Harness, id: i64) -> Report {
    gather(app.store(), id, &app.model.cycles, app.now.wall).expect("report")
}

fn notes(app: &mut Harness, text: &str) {
    app.press("tab").type_text(text).press("esc");
}

/// The weekly review of Mon 30 Nov 2026, after that of Mon 23 Nov.
fn weekly_fixture() -> (Harness, i64) {
    let mut app = Harness::new("2026-11-23", 120, 40);
    app.model.settings.facilitator = Some("Ana".into());
    start(&mut app, "weekly");
    jump(&mut app, 600);
    app.press("n");
    jump(&mut app, 600);
    app.press("n");
    app.press("t").type_text("Rotate the API keys");
    app.press("tab")
        .type_text("Bo")
        .press("tab")
        .type_text("fri");
    app.press("enter enter");
    app.press("t").type_text("Archive old uploads");
    app.press("tab")
        .type_text("Cy")
        .press("tab")
        .type_text("2026-12-11");
    app.press("enter enter");
    finish(&mut app, 9, "7");

    morning_of(&mut app, "2026-11-30");
    start(&mut app, "weekly");
    // Follow-ups, by owner: Bo's keys are carried over, Cy's archive is done.
    app.press("c j d");
    jump(&mut app, 240);
    app.press("n");
    notes(
        &mut app,
        "Uptime dipped *twice* on Tue; see [runbook](http://x) | fine\n# not a heading\n- not a list",
    );
    jump(&mut app, 700);
    app.press("n");
    jump(&mut app, 420);
    app.press("n");
    app.press("o a")
        .type_text("Cache the wind data")
        .press("enter enter esc");
    app.press("t").type_text("Write the incident summary");
    app.press("tab")
        .type_text("Ana")
        .press("tab")
        .type_text("+3d");
    app.press("enter enter");
    let id = finish(&mut app, 8, "8");
    (app, id)
}

#[test]
fn weekly_report() {
    let (app, id) = weekly_fixture();
    let report = report_of(&app, id);
    assert_eq!(report.file_name("md", false), "2026-11-30-weekly.md");
    insta::assert_snapshot!(markdown::render(&report));
}

#[test]
fn weekly_report_keeps_every_section_decision_and_assignment() {
    let (app, id) = weekly_fixture();
    let report = report_of(&app, id);
    let titles: Vec<&str> = report.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Follow-ups",
            "Metrics Review",
            "Anomaly Detection",
            "Action Items"
        ]
    );
    let decided: Vec<(&str, &str)> = report
        .decisions
        .iter()
        .map(|d| (d.item.title.as_str(), d.event.as_str()))
        .collect();
    assert_eq!(
        decided,
        [
            ("Rotate the API keys", "carried"),
            ("Archive old uploads", "done")
        ]
    );
    let open: Vec<&str> = report.open_after.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(open, ["Write the incident summary", "Rotate the API keys"]);
    assert_eq!(report.actions_made.len(), 1);
    assert_eq!(report.opportunities.len(), 1);
    assert!(report.opportunities[0].raised_here);
    // Every metric value of the meeting is there, with its query and the change since the
    // week before.
    let stored = app.store().panel_values(id).expect("values");
    let reported: usize = report.sections.iter().map(|s| s.metrics.len()).sum();
    assert_eq!(reported, stored.len());
    assert!(reported >= 4);
    let uptime = &report.sections[1].metrics[0];
    assert_eq!(uptime.panel, "Uptime");
    assert!(uptime.change.is_some(), "{uptime:?}");
    // The query as sent for the value over the week, to check it against the server.
    assert_eq!(uptime.query, "avg(avg_over_time(up[7d]))");
}

#[test]
fn markdown_in_notes_comes_out_literal() {
    let (app, id) = weekly_fixture();
    let text = markdown::render(&report_of(&app, id));
    assert!(
        text.contains("> Uptime dipped \\*twice\\* on Tue; see \\[runbook\\](http://x) \\| fine"),
        "{text}"
    );
    assert!(text.contains("> \\# not a heading"), "{text}");
    assert!(text.contains("> \\- not a list"), "{text}");
}

#[test]
fn control_characters_in_notes_never_reach_the_report() {
    let mut app = Harness::new("2026-11-23", 120, 40);
    start(&mut app, "weekly");
    app.send(Msg::Paste("bell \u{7} and \u{1b}[2J clear".into()));
    notes(&mut app, "");
    app.press("tab");
    app.send(Msg::Paste("bell \u{7} and \u{1b}[2J clear".into()));
    app.press("esc");
    let id = finish(&mut app, 10, "5");
    let text = markdown::render(&report_of(&app, id));
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("bell"), "{text}");
    let json = report_of(&app, id).to_json();
    assert!(!json.contains('\u{1b}'));
}

#[test]
fn the_json_report_is_versioned_and_names_its_parts() {
    let (app, id) = weekly_fixture();
    let json: serde_json::Value =
        serde_json::from_str(&report_of(&app, id).to_json()).expect("valid JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["cycle"], "weekly");
    assert_eq!(json["held_on"], "2026-11-30");
    assert_eq!(json["facilitator"], "Ana");
    assert_eq!(json["rating"], 8);
    assert_eq!(json["outputs"][0]["heading"], "Weekly metrics report");
    assert_eq!(json["outputs"][0]["parts"][0], "metrics");
    assert_eq!(json["sections"][1]["metrics"][0]["panel"], "Uptime");
    assert!(json["sections"][1]["metrics"][0]["query"].is_string());
}

/// An opportunity validated (and documented) on `day`, for the reports' lessons.
fn validated(app: &mut Harness, title: &str, day: &str) {
    let when = at(date(day), 14).wall;
    let mut o = Opportunity::titled(title, when - Duration::days(30));
    o.impact = 5;
    o.effort = 2;
    o.results = "p95 from 500 ms to 50 ms".into();
    o.lessons = "Check the query plan before adding caches".into();
    o.before.value = Some(0.5);
    o.after.value = Some(0.05);
    let id = app.store_mut().save_opportunity(&o).expect("saved");
    app.store_mut()
        .set_opportunity_status(id, Status::Validated, None, when)
        .expect("validated");
}

#[test]
fn monthly_report() {
    let mut app = Harness::new("2026-11-02", 120, 40);
    app.model.settings.facilitator = Some("Bo".into());
    start(&mut app, "monthly");
    finish(&mut app, 30, "6");
    validated(
        &mut app,
        "Composite index for the project list",
        "2026-11-20",
    );

    morning_of(&mut app, "2026-12-07");
    start(&mut app, "monthly");
    jump(&mut app, 25 * 60);
    // From the p95 latency panel: an opportunity with the panel's value as evidence.
    app.press("v o esc");
    app.press("n");
    jump(&mut app, 30 * 60);
    app.press("n");
    notes(&mut app, "One outage: the disk filled on db-2 (38 min).");
    jump(&mut app, 30 * 60);
    app.press("n");
    notes(
        &mut app,
        "Disk grows 2% a week: order storage before February.",
    );
    let id = finish(&mut app, 28, "7");
    let report = report_of(&app, id);
    assert_eq!(report.lessons.len(), 1);
    insta::assert_snapshot!(markdown::render(&report));
}

#[test]
fn quarterly_report() {
    let mut app = Harness::new("2026-07-06", 120, 40);
    start(&mut app, "quarterly");
    finish(&mut app, 60, "8");
    validated(
        &mut app,
        "S3 lifecycle policy for old uploads",
        "2026-08-14",
    );

    morning_of(&mut app, "2026-10-05");
    start(&mut app, "quarterly");
    notes(
        &mut app,
        "Split the monolith's reporting module; budget +10% for the move.",
    );
    jump(&mut app, 55 * 60);
    app.press("n");
    app.press("o a")
        .type_text("Automate the release notes")
        .press("enter enter esc");
    jump(&mut app, 60 * 60);
    app.press("n");
    notes(&mut app, "Upgrade node_exporter to 1.8 everywhere.");
    jump(&mut app, 50 * 60);
    app.press("n");
    notes(
        &mut app,
        "Roadmap: observability first, then the queue migration.",
    );
    let id = finish(&mut app, 65, "9");
    insta::assert_snapshot!(markdown::render(&report_of(&app, id)));
}

#[test]
fn annual_report() {
    let mut app = Harness::new("2025-12-01", 120, 40);
    start(&mut app, "annual");
    finish(&mut app, 120, "7");
    validated(&mut app, "Cache warming for wind data", "2026-03-10");

    morning_of(&mut app, "2026-12-07");
    start(&mut app, "annual");
    notes(&mut app, "Uptime held 99.95% all year; two incidents.");
    jump(&mut app, 110 * 60);
    app.press("n");
    notes(
        &mut app,
        "Goals: p95 under 200 ms; cost per request down 15%.",
    );
    jump(&mut app, 125 * 60);
    app.press("n");
    notes(
        &mut app,
        "Budget: one more SRE; keep the reserved instances.",
    );
    let id = finish(&mut app, 120, "8");
    let report = report_of(&app, id);
    assert_eq!(
        report.held_on,
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    );
    insta::assert_snapshot!(markdown::render(&report));
}

#[test]
fn ending_a_meeting_writes_its_report_and_says_where() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut app = Harness::new("2026-11-23", 120, 40);
    app.set_reports(Some(folder.path().join("reports")));
    start(&mut app, "weekly");
    notes(&mut app, "All green.");
    let id = finish(&mut app, 10, "9");
    let path = folder.path().join("reports").join("2026-11-23-weekly.md");
    let written = std::fs::read_to_string(&path).expect("the report was written");
    // Written again once rated: the file has the rating.
    assert!(written.contains("- **Rating:** 9/10"), "{written}");
    assert!(written.contains("> All green."), "{written}");
    assert_eq!(written, markdown::render(&report_of(&app, id)));
}

#[test]
fn an_unwritable_reports_folder_loses_nothing_and_says_how_to_get_it_later() {
    let folder = tempfile::tempdir().expect("temp dir");
    let blocked = folder.path().join("not-a-folder");
    std::fs::write(&blocked, "a file where the folder should be").expect("file");
    let mut app = Harness::new("2026-11-23", 120, 40);
    app.set_reports(Some(blocked.clone()));
    start(&mut app, "weekly");
    jump(&mut app, 600);
    app.press("e y");
    let screen = app.screen();
    assert!(screen.contains("Report · not written"), "{screen}");
    assert!(screen.contains("kaizen report 1 --output FILE"), "{screen}");
    // The meeting itself is ended and stored.
    let id = app.model.meeting().and_then(|m| m.id).expect("stored");
    let stored = app.store().load_meeting(id).expect("meeting");
    assert!(stored.ended_at.is_some());
}

#[test]
fn the_report_on_the_summary_scrolls() {
    let mut app = Harness::new("2026-11-23", 80, 24);
    start(&mut app, "weekly");
    jump(&mut app, 600);
    app.press("e y");
    assert!(app.screen().contains("# Weekly review"), "{}", app.screen());
    app.press("pagedown pagedown");
    let screen = app.screen();
    assert!(!screen.contains("# Weekly review"), "{screen}");
    app.press("pageup pageup");
    assert!(app.screen().contains("# Weekly review"));
}

/// The weekly fixture's database with more in it: dependencies, a stage history and handles.
fn everything() -> Harness {
    let (mut app, _) = weekly_fixture();
    validated(&mut app, "Composite index", "2026-11-25");
    let all = app.store().opportunities().expect("opportunities");
    let mut first = all[0].clone();
    first.depends_on = vec![all[1].id];
    first.tasks = vec![kaizen::opportunities::Task {
        text: "measure".into(),
        done: true,
    }];
    app.store_mut().save_opportunity(&first).expect("saved");
    // Prometheus can answer +Inf; JSON has no such number.
    let meeting = app.store().meetings(Some("weekly")).expect("meetings")[0].id;
    let now = app.now.wall;
    app.store_mut()
        .apply(&kaizen::change::Change::SavePanelValues {
            meeting,
            position: 3,
            values: vec![kaizen::change::PanelValue {
                section: "Action Items".into(),
                panel: "Infinite".into(),
                series: String::new(),
                name: String::new(),
                query: "1/0".into(),
                value: Some(f64::INFINITY),
                forecast: None,
                range_start: 1_795_000_000.0,
                range_end: 1_795_000_000.0,
                fetched_at: now,
                before: None,
                before_at: None,
            }],
        })
        .expect("saved");
    app
}

/// `everything()`'s export imported into `copy` (empty): its export is the same document
/// line for line, +Inf comes back infinite, and the same report comes out of it.
fn imports_exactly(app: &Harness, copy: &mut kaizen::store::Store) {
    let at = app.now.wall;
    let first = app.store().export_json(at).expect("export");
    let import =
        kaizen::store::export::read(&first, kaizen::store::latest_version(), &app.model.cycles)
            .expect("the export reads back");
    let rows = copy.import(&import).expect("imported");
    assert!(rows > 40, "{rows} rows");
    let second = copy.export_json(at).expect("export again");
    assert!(first.contains("\"real\": \"+Inf\""), "infinity is tagged");
    let id = app.store().meetings(Some("weekly")).expect("meetings")[0].id;
    let infinite = copy.panel_values(id).expect("the panel values");
    assert!(
        infinite.iter().any(|v| v.value == Some(f64::INFINITY)),
        "and comes back infinite"
    );
    let differs = first.lines().zip(second.lines()).find(|(a, b)| a != b);
    assert_eq!(differs, None, "the first line that differs");
    assert_eq!(first.len(), second.len());
    // And the copy works: the same report comes out of it.
    let original = markdown::render(&report_of(app, id));
    let copied =
        markdown::render(&gather(copy, id, &app.model.cycles, at).expect("report of the copy"));
    assert_eq!(original, copied);
}

#[test]
fn export_then_import_into_an_empty_database_then_export_again_is_identical() {
    let app = everything();
    let folder = tempfile::tempdir().expect("temp dir");
    let mut copy = kaizen::store::Store::open(&folder.path().join("copy.db")).expect("new db");
    imports_exactly(&app, &mut copy);
}

/// The same store on PostgreSQL: an export of a SQLite database imports into it, its export
/// is the same document, and the report read back from it is the same report.
#[test]
fn a_sqlite_export_imports_into_postgresql_and_exports_the_same() {
    let Some(server) = crate::pgserver::PgServer::start() else {
        return;
    };
    let app = everything();
    let url = format!("{}?sslmode=disable", server.url());
    let mut postgres =
        kaizen::store::Store::open_postgres(&url, Some(crate::pgserver::PASSWORD), None)
            .expect("a PostgreSQL store");
    imports_exactly(&app, &mut postgres);
}

#[test]
fn import_refuses_a_database_that_is_not_empty_and_changes_nothing() {
    let app = everything();
    let text = app.store().export_json(app.now.wall).expect("export");
    let folder = tempfile::tempdir().expect("temp dir");
    let mut copy = kaizen::store::Store::open(&folder.path().join("copy.db")).expect("db");
    let import =
        kaizen::store::export::read(&text, kaizen::store::latest_version(), &app.model.cycles)
            .unwrap();
    copy.import(&import).expect("first import");
    let before = copy.export_json(app.now.wall).expect("export");
    let refused = copy.import(&import).unwrap_err();
    assert!(refused.contains("is not empty (meetings has"), "{refused}");
    assert!(refused.contains("import into a new database"), "{refused}");
    assert_eq!(copy.export_json(app.now.wall).expect("export"), before);
}

#[test]
fn import_refuses_malformed_newer_and_foreign_files_with_the_reason() {
    let latest = kaizen::store::latest_version();
    let read = |text: &str| {
        kaizen::store::export::read(text, latest, &[])
            .err()
            .unwrap_or_default()
    };
    assert!(read("{\"kaizen_export\": 1, ").starts_with("not valid JSON: EOF while parsing"));
    assert!(read("{\"meetings\": []}").contains("not a kaizen export"));
    let newer = format!(
        "{{\"kaizen_export\": 1, \"schema_version\": {}, \"tables\": {{}}}}",
        latest + 1
    );
    assert!(
        read(&newer).contains("newer than this kaizen's"),
        "{}",
        read(&newer)
    );
    let unknown = format!(
        "{{\"kaizen_export\": 1, \"schema_version\": {latest}, \"tables\": {{\"secrets\": []}}}}"
    );
    assert!(read(&unknown).contains("tables.secrets: kaizen has no such table"));
    // The document is read as it streams by, not as a tree: its shape is still checked.
    let twice = format!(
        "{{\"kaizen_export\": 1, \"schema_version\": {latest}, \"tables\": {{\"people\": [], \"people\": []}}}}"
    );
    assert_eq!(
        read(&twice),
        "tables.people: the table is in the file twice"
    );
    let not_tables =
        format!("{{\"kaizen_export\": 1, \"schema_version\": {latest}, \"tables\": [1]}}");
    assert_eq!(read(&not_tables), "\"tables\" is missing or not an object");
    let not_rows = format!(
        "{{\"kaizen_export\": 1, \"schema_version\": {latest}, \"tables\": {{\"people\": {{}}}}}}"
    );
    assert_eq!(read(&not_rows), "tables.people: not a list of rows");
    let not_a_row = format!(
        "{{\"kaizen_export\": 1, \"schema_version\": {latest}, \"tables\": {{\"people\": [[]]}}}}"
    );
    assert_eq!(
        read(&not_a_row),
        "tables.people[0]: a row must be an object"
    );
    // The version is the reason even when the tables come first and hold a newer kaizen's.
    let newer_last = format!(
        "{{\"tables\": {{\"secrets\": []}}, \"kaizen_export\": 1, \"schema_version\": {}}}",
        latest + 1
    );
    assert!(
        read(&newer_last).contains("newer than this kaizen's"),
        "{}",
        read(&newer_last)
    );
    assert!(read("[1, 2]").contains("not a kaizen export"));
    assert!(read("{\"kaizen_export\": 1, \"tables\": ").starts_with("not valid JSON"));
}

#[test]
fn a_row_that_does_not_fit_rolls_the_whole_import_back() {
    let app = everything();
    let text = app.store().export_json(app.now.wall).expect("export");
    let mut document: serde_json::Value = serde_json::from_str(&text).unwrap();
    // An action item whose owner does not exist: the foreign key fails at commit.
    document["tables"]["action_items"][0]["owner_id"] = serde_json::json!(999);
    let folder = tempfile::tempdir().expect("temp dir");
    let mut copy = kaizen::store::Store::open(&folder.path().join("copy.db")).expect("db");
    let text = document.to_string();
    let import =
        kaizen::store::export::read(&text, kaizen::store::latest_version(), &app.model.cycles)
            .unwrap();
    let refused = copy.import(&import).unwrap_err();
    assert!(refused.contains("FOREIGN KEY"), "{refused}");
    assert!(
        copy.meetings(None).expect("read").is_empty(),
        "nothing was kept"
    );
}

#[test]
fn an_export_from_an_older_kaizen_imports_with_its_later_columns_empty() {
    let app = everything();
    let text = app.store().export_json(app.now.wall).expect("export");
    let mut document: serde_json::Value = serde_json::from_str(&text).unwrap();
    // As version 5 wrote it: no facilitator (007), no action item's opportunity (006).
    document["schema_version"] = serde_json::json!(5);
    for meeting in document["tables"]["meetings"].as_array_mut().unwrap() {
        meeting.as_object_mut().unwrap().remove("facilitator");
    }
    for item in document["tables"]["action_items"].as_array_mut().unwrap() {
        item.as_object_mut().unwrap().remove("opportunity_id");
    }
    let folder = tempfile::tempdir().expect("temp dir");
    let mut copy = kaizen::store::Store::open(&folder.path().join("copy.db")).expect("db");
    let text = document.to_string();
    let import =
        kaizen::store::export::read(&text, kaizen::store::latest_version(), &app.model.cycles)
            .expect("an older export reads");
    copy.import(&import).expect("imported");
    let meeting = copy.meetings(Some("weekly")).expect("meetings")[0].id;
    assert_eq!(
        copy.load_meeting(meeting).expect("meeting").facilitator,
        None
    );
    assert_eq!(
        copy.actions(&kaizen::actions::Filter::default())
            .unwrap()
            .len(),
        3
    );
}

/// Four weekly reviews in November, then the monthly review of Mon 7 Dec.
fn a_month_of_weeklies() -> (Harness, i64) {
    let mut app = Harness::new("2026-11-09", 120, 40);
    start(&mut app, "weekly");
    app.press("n n");
    for (what, who, due) in [
        ("Add the index", "Ana", "2026-11-13"),
        ("Warm the cache", "Bo", "2026-11-20"),
        ("Archive uploads", "Cy", "2026-11-27"),
    ] {
        app.press("t").type_text(what);
        app.press("tab").type_text(who).press("tab").type_text(due);
        app.press("enter enter");
    }
    finish(&mut app, 10, "6");

    morning_of(&mut app, "2026-11-16");
    start(&mut app, "weekly");
    app.press("d"); // Ana's index: done
    app.press("n n n");
    app.press("o a")
        .type_text("Cache the wind data")
        .press("enter enter esc");
    finish(&mut app, 10, "7");

    morning_of(&mut app, "2026-11-23");
    start(&mut app, "weekly");
    app.press("d"); // Bo's cache: done
    finish(&mut app, 10, "8");
    validated(&mut app, "Composite index", "2026-11-20");

    morning_of(&mut app, "2026-11-30");
    start(&mut app, "weekly");
    app.press("c"); // Cy's archive: carried over
    app.press("n n n");
    app.press("t").type_text("Order storage");
    app.press("tab")
        .type_text("Dee")
        .press("tab")
        .type_text("2026-12-11");
    app.press("enter enter");
    finish(&mut app, 10, "9");

    morning_of(&mut app, "2026-12-07");
    start(&mut app, "monthly");
    let id = finish(&mut app, 30, "8");
    (app, id)
}

#[test]
fn the_monthly_report_rolls_up_the_month_of_weekly_reviews() {
    let (app, id) = a_month_of_weeklies();
    let report = report_of(&app, id);
    let rollup = report.rollup.as_ref().expect("a monthly report rolls up");
    let held: Vec<(String, Option<u8>)> = rollup
        .meetings
        .iter()
        .map(|m| (m.held_on.to_string(), m.rating))
        .collect();
    assert_eq!(
        held,
        [
            ("2026-11-09".to_string(), Some(6)),
            ("2026-11-16".to_string(), Some(7)),
            ("2026-11-23".to_string(), Some(8)),
            ("2026-11-30".to_string(), Some(9)),
        ]
    );
    // Due in the period: the index (13 Nov), the cache (20 Nov), the archive (27 Nov);
    // the first two were done: two of three.
    assert_eq!((rollup.actions_due, rollup.actions_due_done), (3, 2));
    assert_eq!(
        rollup.completion_rate().map(|r| (r * 100.0).round()),
        Some(67.0)
    );
    assert_eq!(rollup.actions_created, 4);
    assert_eq!((rollup.actions_done, rollup.actions_dropped), (2, 0));
    assert_eq!(rollup.actions_open, 2, "the archive and the storage order");
    let titles = |list: &[kaizen::report::rollup::Named]| -> Vec<String> {
        list.iter().map(|o| o.title.clone()).collect()
    };
    // The composite index was opened in October (before the period) and validated in it.
    assert_eq!(
        titles(&rollup.opportunities_opened),
        ["Cache the wind data"]
    );
    assert_eq!(titles(&rollup.opportunities_validated), ["Composite index"]);
    // Each weekly panel across the four weeks, in the values the weeklies recorded.
    let uptime = rollup
        .trends
        .iter()
        .find(|t| t.panel == "Uptime")
        .expect("an uptime trend");
    assert_eq!(uptime.points.len(), 4);
    let recorded: Vec<f64> = rollup
        .meetings
        .iter()
        .map(|m| {
            app.store()
                .panel_values(m.id)
                .expect("values")
                .into_iter()
                .find(|v| v.panel == "Uptime")
                .expect("uptime recorded")
                .value
                .expect("a value")
        })
        .collect();
    let trended: Vec<f64> = uptime.points.iter().map(|(_, v)| *v).collect();
    assert_eq!(trended, recorded);
    let text = markdown::render(&report);
    assert!(
        text.contains("- Due: 3; done by the end of the period: 2 (67%)."),
        "{text}"
    );
    assert!(
        text.contains("4 reviews from Sat 7 Nov 2026 to Mon 7 Dec 2026"),
        "{text}"
    );
}

#[test]
fn monthly_report_after_a_month_of_weeklies() {
    let (app, id) = a_month_of_weeklies();
    insta::assert_snapshot!(markdown::render(&report_of(&app, id)));
}

#[test]
fn any_past_meeting_s_report_opens_from_the_home_screen_scrolls_and_is_written_again() {
    let folder = tempfile::tempdir().expect("temp dir");
    let (mut app, id) = weekly_fixture();
    app.set_reports(Some(folder.path().to_path_buf()));
    app.resize(100, 30);
    app.press("h");
    let screen = app.screen();
    assert!(screen.contains("Past meetings · 2"), "{screen}");
    assert!(screen.contains("Mon 30 Nov 2026"), "{screen}");
    // The older one, second in the list.
    app.press("j enter");
    let screen = app.screen();
    assert!(
        screen.contains("# Weekly review · Mon 23 Nov 2026"),
        "{screen}"
    );
    app.press("pagedown pagedown");
    assert!(!app.screen().contains("# Weekly review"), "scrolled");
    app.press("w");
    let written = folder.path().join("2026-11-23-weekly.md");
    assert!(written.exists(), "written again on w");
    assert!(
        app.screen().contains("Report written to"),
        "{}",
        app.screen()
    );
    app.press("esc esc");
    assert_eq!(app.model.screen, kaizen::model::Screen::Home);
    let _ = id;
}

#[test]
fn the_history_screens_80x24() {
    let (mut app, _) = weekly_fixture();
    app.resize(80, 24);
    app.press("h");
    insta::assert_snapshot!("history_80x24", app.screen());
    app.press("enter");
    insta::assert_snapshot!("report_80x24", app.screen());
}

#[test]
fn a_past_report_reads_as_it_stood_when_that_meeting_ended() {
    let (app, _) = a_month_of_weeklies();
    let first = app.store().meetings(Some("weekly")).expect("meetings");
    let first = first.last().expect("the 9 Nov weekly").id;
    let report = report_of(&app, first);
    // All three were open when it ended, though two were done in later weeks.
    let made: Vec<(String, kaizen::actions::Status, u32)> = report
        .actions_made
        .iter()
        .map(|a| (a.title.clone(), a.status, a.carried))
        .collect();
    assert!(
        made.iter()
            .all(|(_, status, carried)| *status == kaizen::actions::Status::Open && *carried == 0),
        "{made:?}"
    );
    assert_eq!(report.open_after.len(), 3);
    assert!(!markdown::render(&report).contains("- [x]"));
}

#[test]
fn nothing_counts_in_two_roll_ups() {
    let (mut app, december) = a_month_of_weeklies();
    // An item made at 10:00 during the December monthly, due that very day.
    let during = at(date("2026-12-07"), 10).wall;
    app.store_mut()
        .create_action(
            &kaizen::actions::NewAction {
                title: "Call the storage vendor".into(),
                owner: "Ana".into(),
                due_on: date("2026-12-07"),
                meeting_id: Some(december),
                section: None,
                opportunity_id: None,
            },
            false,
            during,
        )
        .expect("made");
    morning_of(&mut app, "2027-01-04");
    start(&mut app, "monthly");
    let january = finish(&mut app, 30, "7");
    let december = report_of(&app, december).rollup.expect("december");
    let january = report_of(&app, january).rollup.expect("january");
    assert_eq!(december.actions_created, 5);
    assert_eq!(
        december.actions_due, 4,
        "due on the day of the review: in its period"
    );
    assert_eq!(
        january.actions_created, 0,
        "made in the December period, counted there"
    );
    assert_eq!(january.actions_due, 1, "only the storage order, due 11 Dec");
}

#[test]
fn a_meeting_without_values_is_skipped_when_comparing() {
    let mut app = Harness::new("2026-11-16", 120, 40);
    start(&mut app, "weekly");
    finish(&mut app, 10, "7");
    // A week with Prometheus down: nothing recorded.
    morning_of(&mut app, "2026-11-23");
    app.set_metrics(None);
    start(&mut app, "weekly");
    finish(&mut app, 10, "7");
    morning_of(&mut app, "2026-11-30");
    app.set_metrics(Some(Box::new(kaizen::metrics::demo::answer)));
    start(&mut app, "weekly");
    let id = finish(&mut app, 10, "8");
    let report = report_of(&app, id);
    assert_eq!(
        report.previous_meeting.map(|p| p.held_on.to_string()),
        Some("2026-11-16".to_string())
    );
    assert!(report.sections[0].metrics[0].change.is_some());
}

#[test]
fn notes_that_look_like_lists_numbers_or_entities_read_as_written() {
    let mut app = Harness::new("2026-11-23", 120, 40);
    start(&mut app, "weekly");
    app.press("tab");
    app.send(Msg::Paste(
        "99.9% uptime\n1. first\n3) third\n  - nested\n    code?\nR&amp;D &copy;".into(),
    ));
    app.press("esc");
    let id = finish(&mut app, 10, "5");
    let text = markdown::render(&report_of(&app, id));
    for line in [
        "> 99.9% uptime",
        "> 1\\. first",
        "> 3\\) third",
        "> \\- nested",
        "> code?",
        "> R\\&amp;D \\&copy;",
    ] {
        assert!(text.contains(&format!("{line}\n")), "{line}: {text}");
    }
}

#[test]
fn two_meetings_of_a_cycle_on_one_day_keep_a_report_each() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut app = Harness::new("2026-11-23", 120, 40);
    app.set_reports(Some(folder.path().to_path_buf()));
    start(&mut app, "weekly");
    let first = finish(&mut app, 5, "4");
    jump(&mut app, 600);
    start(&mut app, "weekly");
    let second = finish(&mut app, 5, "6");
    let second_file = folder.path().join(format!("2026-11-23-weekly-{second}.md"));
    let first_file = folder.path().join("2026-11-23-weekly.md");
    assert!(second_file.exists());
    // Writing the first again (from the history) replaces its own file: one file a meeting.
    app.press("h j enter w");
    let files: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    let text = std::fs::read_to_string(&first_file).unwrap();
    assert!(text.contains("**Rating:** 4/10"), "meeting {first}: {text}");
    let text = std::fs::read_to_string(second_file).unwrap();
    assert!(text.contains("**Rating:** 6/10"));
}

#[test]
fn stat_panels_show_their_trend_over_the_cycle_s_meetings() {
    let mut app = Harness::new("2026-11-02", 160, 50);
    for day in ["2026-11-02", "2026-11-09", "2026-11-16"] {
        morning_of(&mut app, day);
        start(&mut app, "weekly");
        finish(&mut app, 10, "7");
    }
    morning_of(&mut app, "2026-11-23");
    start(&mut app, "weekly");
    let trend = app
        .model
        .panel_trend("Metrics Review", "Uptime", "")
        .to_vec();
    assert_eq!(trend.len(), 3, "the three earlier weeklies");
    let stored: Vec<f64> = app
        .store()
        .cycle_panel_values("weekly")
        .unwrap()
        .into_iter()
        .filter(|(_, v)| v.panel == "Uptime")
        .filter_map(|(_, v)| v.value)
        .collect();
    assert_eq!(trend, stored);
    let screen = app.screen();
    assert!(screen.contains("4 meetings "), "{screen}");
}

#[test]
fn import_refuses_a_column_the_table_does_not_have_and_names_it() {
    let app = everything();
    let text = app.store().export_json(app.now.wall).expect("export");
    let mut document: serde_json::Value = serde_json::from_str(&text).unwrap();
    document["tables"]["meetings"][0]["name\") VALUES (1); DROP TABLE meetings; --"] =
        serde_json::json!(1);
    let folder = tempfile::tempdir().expect("temp dir");
    let mut copy = kaizen::store::Store::open(&folder.path().join("copy.db")).expect("db");
    let text = document.to_string();
    let import =
        kaizen::store::export::read(&text, kaizen::store::latest_version(), &app.model.cycles)
            .unwrap();
    let refused = copy.import(&import).unwrap_err();
    assert!(
        refused.starts_with("tables.meetings[0]: \"name\") VALUES (1); DROP TABLE meetings; --\" is not a column of meetings (it has id, cycle,"),
        "{refused}"
    );
    assert!(
        copy.meetings(None)
            .expect("meetings still there")
            .is_empty()
    );
}
