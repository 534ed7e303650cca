//! The improvement checklist: the cycle's categories ticked in the meeting, kept with it
//! through a crash, and said in the report; a template may add categories of its own.

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY};
use kaizen::cycles::{Origin, parse_template};
use kaizen::report::{gather, markdown};
use kaizen::store::Store;

/// A weekly meeting on a database file, with the checklist open.
fn weekly_checklist(path: &std::path::Path, width: u16, height: u16) -> Harness {
    let mut app = Harness::new(SNAPSHOT_DAY, width, height);
    app.set_store(Store::open(path).expect("database opens"));
    app.press("s y c");
    app
}

#[test]
fn the_room_ticks_the_checklist_and_the_report_says_what_was_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("kaizen.db");
    let mut app = weekly_checklist(&path, 120, 40);
    let screen = app.screen();
    assert!(
        screen.contains("Improvement checklist · 0 of 6 checked"),
        "{screen}"
    );
    assert!(screen.contains("Performance optimization"), "{screen}");
    // Tick the first two, then take the second back.
    app.press("space j space space j space");
    let screen = app.screen();
    assert!(screen.contains("☑ Query optimization"), "{screen}");
    assert!(screen.contains("☐ Cache tuning"), "{screen}");
    assert!(screen.contains("☑ Slow request identification"), "{screen}");
    assert!(screen.contains("2 of 6 checked"), "{screen}");
    // The meeting's keys still work here: n closes the checklist and moves on.
    app.press("n");
    assert!(app.screen().contains("2/3  "), "{}", app.screen());
    assert!(app.screen().contains("c checklist 2/6"), "{}", app.screen());

    let id = app.model.meeting().and_then(|m| m.id).expect("stored");
    app.press("e y");
    let report = gather(app.store(), id, &app.model.cycles, app.now.wall).expect("report");
    let text = markdown::render(&report);
    assert!(
        text.contains("## Improvement checklist\n\n2 of 6 checked."),
        "{text}"
    );
    assert!(
        text.contains("- [x] Query optimization\n- [ ] Cache tuning\n- [x] Slow request"),
        "{text}"
    );
    assert!(
        text.contains("### Quality improvement\n\n- [ ] Error analysis"),
        "{text}"
    );
}

#[test]
fn ticks_survive_a_crash_and_come_back_on_resume() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("kaizen.db");
    let mut app = weekly_checklist(&path, 100, 30);
    app.press("j j j space");
    let crash = app.now;
    drop(app);
    let mut app = crate::meeting::restart(&path, crash, 30);
    app.press("enter c");
    let screen = app.screen();
    assert!(screen.contains("☑ Error analysis"), "{screen}");
    assert!(screen.contains("1 of 6 checked"), "{screen}");
}

#[test]
fn a_cycle_without_a_checklist_says_so() {
    let cycle = parse_template("standup", "standup.toml", STANDUP, Origin::BuiltIn).expect("valid");
    let mut app = Harness::with_cycles(SNAPSHOT_DAY, 100, 30, Default::default(), vec![cycle]);
    app.press("s y c");
    assert!(
        app.screen().contains("no improvement checklist"),
        "{}",
        app.screen()
    );
}

const STANDUP: &str = "name = \"Standup\"\ncadence = \"every friday\"\nduration_minutes = 10\n\
                       [[sections]]\ntitle = \"Round\"\nminutes = 10\n";

#[test]
fn a_template_may_add_categories_of_its_own_after_the_four() {
    let text = format!(
        "{STANDUP}\n[categories]\nreliability = [\"Flaky alerts reviewed\"]\n\
         security = [\"Secrets rotated\"]\non_call = [\"Pager load fair\"]\n"
    );
    let cycle = parse_template("standup", "standup.toml", &text, Origin::BuiltIn).expect("valid");
    let labels: Vec<String> = cycle.categories.iter().map(|g| g.label()).collect();
    assert_eq!(labels, ["Security enhancement", "On call", "Reliability"]);

    let bad = format!("{STANDUP}\n[categories]\n\"Big Ideas\" = [\"x\"]\n");
    let err = parse_template("standup", "standup.toml", &bad, Origin::BuiltIn).unwrap_err();
    assert_eq!(err.line, Some(9), "{}", err.reason);
    assert!(
        err.reason.contains("\"Big Ideas\" is not a category name"),
        "{}",
        err.reason
    );
    let blank = format!("{STANDUP}\n[categories]\nreliability = [\"ok\", \" \"]\n");
    let err = parse_template("standup", "standup.toml", &blank, Origin::BuiltIn).unwrap_err();
    assert!(
        err.reason.contains("reliability: item 2 is empty"),
        "{}",
        err.reason
    );
}

#[test]
fn checklist_80x24() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = weekly_checklist(&dir.path().join("kaizen.db"), 80, 24);
    app.press("space j j j");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn checklist_120x40() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = weekly_checklist(&dir.path().join("kaizen.db"), 120, 40);
    app.press("space j j j");
    insta::assert_snapshot!(app.screen());
}
