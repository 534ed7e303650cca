//! `kaizen lessons`: what the team learned, found by a word of its text, from documented
//! opportunities and reviewed incidents made through the store; nothing else is a lesson
//! (an idea still being worked on, an incident with nothing written), and text from outside
//! never reaches the terminal as an escape sequence.

use chrono::{FixedOffset, TimeZone};
use kaizen::cycles::Category;
use kaizen::incidents::Incident;
use kaizen::opportunities::{Opportunity, Status};
use kaizen::store::Store;
use tempfile::TempDir;

fn home_with_lessons() -> TempDir {
    let home = TempDir::new().expect("home");
    let folder = home.path().join("data/kaizen");
    std::fs::create_dir_all(&folder).expect("data folder");
    let mut store = Store::open(&folder.join("kaizen.db")).expect("store");
    let at = FixedOffset::east_opt(0)
        .expect("UTC")
        .with_ymd_and_hms(2026, 11, 12, 9, 0, 0)
        .single()
        .expect("time");
    let mut cache = Opportunity::titled("Cache the wind data", at);
    cache.category = Some(Category::Performance);
    cache.status = Status::Documented;
    cache.what_changed = "Forecasts are read from a cache warmed at 05:00".into();
    cache.results = "p95 from 310 ms to 120 ms\u{1b}[2J".into();
    cache.lessons = "Warm caches before the Monday peak, not during it".into();
    store.save_opportunity(&cache).expect("saved");
    let mut idea = Opportunity::titled("Service mesh \u{1b}[31mred", at);
    idea.lessons = "Monday peak again".into();
    store.save_opportunity(&idea).expect("saved");
    let mut outage = Incident::new("Checkout down", at, at);
    outage.factors = vec!["Expired certificate".into(), "No expiry alert".into()];
    outage.went_well = "Rolled back in 6 minutes".into();
    store.save_incident(&outage).expect("saved");
    store
        .save_incident(&Incident::new("Blip", at, at))
        .expect("saved");
    home
}

fn lessons(home: &TempDir, args: &[&str]) -> String {
    let output = crate::cli::kaizen(home)
        .arg("lessons")
        .args(args)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

#[test]
fn a_lesson_is_found_by_a_word_of_its_text() {
    let home = home_with_lessons();
    let all = lessons(&home, &[]);
    assert!(
        all.contains("2026-11-12  opportunity 1  Cache the wind data  (performance)"),
        "{all}"
    );
    assert!(
        all.contains("    Lessons: Warm caches before the Monday peak, not during it"),
        "{all}"
    );
    assert!(all.contains("incident 1  Checkout down"), "{all}");
    assert!(
        all.contains("    Contributing factors: Expired certificate; No expiry alert"),
        "{all}"
    );
    assert!(
        !all.contains('\u{1b}'),
        "no escape sequence reaches the terminal: {all:?}"
    );
    // An idea still being worked on and an incident with nothing written are not lessons.
    assert!(!all.contains("Service mesh"), "{all}");
    assert!(!all.contains("Blip"), "{all}");

    let found = lessons(&home, &["monday", "PEAK"]);
    assert!(found.contains("Cache the wind data"), "{found}");
    assert!(!found.contains("Checkout down"), "{found}");
    let found = lessons(&home, &["certificate"]);
    assert!(
        found.contains("Checkout down") && !found.contains("Cache the wind"),
        "{found}"
    );
    assert_eq!(
        lessons(&home, &["kubernetes"]),
        "No lesson mentions \"kubernetes\" (2 in all).\n"
    );
    let found = lessons(&home, &["--category", "performance"]);
    assert!(
        found.contains("Cache the wind data") && !found.contains("Checkout"),
        "{found}"
    );

    let json: serde_json::Value =
        serde_json::from_str(&lessons(&home, &["rolled", "--json"])).expect("JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(1));
    assert_eq!(json[0]["origin"]["kind"], "incident");
    assert_eq!(json[0]["title"], "Checkout down");
}

/// Each cycle's report lists the lessons of its period: a weekly held four days after the
/// outage carries what its review wrote, as `kaizen report` prints it.
#[test]
fn a_report_lists_what_the_period_s_incidents_taught() {
    let home = home_with_lessons();
    let database = home.path().join("data/kaizen/kaizen.db");
    let mut app = crate::harness::Harness::new("2026-11-16", 120, 40);
    app.set_store(Store::open(&database).expect("store"));
    app.press("s y e y enter");
    let output = crate::cli::kaizen(&home)
        .args(["report", "--last"])
        .output()
        .expect("runs");
    let report = String::from_utf8(output.stdout).expect("utf-8");
    let part = report
        .split("### Lessons of the period")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the lessons part");
    assert!(
        part.contains(
            "- **Checkout down** (incident 1, started 2026-11-12)\n  \
             - Contributing factors: Expired certificate; No expiry alert\n  \
             - What went well: Rolled back in 6 minutes\n"
        ),
        "{report}"
    );
    assert!(!part.contains("Blip"), "nothing written, no lesson: {part}");
}

/// `L` from home: the library newest first with the selected lesson's text, searched as the
/// words are typed, narrowed by category, and said plainly when nothing matches.
#[test]
fn the_lessons_screen_finds_a_lesson_as_it_is_typed() {
    let home = home_with_lessons();
    let mut app = crate::harness::Harness::new("2026-12-07", 80, 24);
    app.set_store(Store::open(&home.path().join("data/kaizen/kaizen.db")).expect("store"));
    app.press("L");
    insta::assert_snapshot!("lessons_80x24", app.screen());
    let screen = app.screen();
    assert!(screen.contains("Lessons · 2 of 2"), "{screen}");
    assert!(
        !screen.contains('\u{1b}'),
        "text from outside is cleaned: {screen:?}"
    );

    app.press("/").type_text("certif");
    let screen = app.screen();
    assert!(screen.contains("Lessons · 1 of 2 · \"certif\""), "{screen}");
    assert!(
        screen.contains("Expired certificate; No expiry alert"),
        "{screen}"
    );
    assert!(!screen.contains("Cache the wind data"), "{screen}");
    app.press("enter f");
    let screen = app.screen();
    assert!(
        screen.contains("No lesson in performance has every word of \"certif\""),
        "{screen}"
    );
    app.press("esc");
    let screen = app.screen();
    assert!(
        screen.contains("Lessons · 1 of 2 · performance") && screen.contains("Cache the wind data"),
        "Esc clears the search, the category stays: {screen}"
    );
    app.press("esc");
    assert_eq!(app.model.screen, kaizen::model::Screen::Home);

    app.resize(200, 60);
    app.press("L");
    insta::assert_snapshot!("lessons_200x60", app.screen());
}
