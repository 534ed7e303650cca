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

/// The library to the docs repository: a page per lesson and an index, committed and pushed;
/// published again after a lesson is retitled, its old page goes and the team's own files in
/// the folder stay.
#[test]
fn the_library_is_published_as_pages_to_the_docs_repository() {
    use crate::publish_servers::{Repos, git};
    let home = home_with_lessons();
    let repos = Repos::new(home.path());
    let config = home.path().join("config/kaizen");
    std::fs::create_dir_all(&config).expect("config");
    std::fs::write(
        config.join("config.toml"),
        format!(
            "[publish.git]\nrepo = \"{}\"\nremote = \"origin\"\nlessons = \"lessons\"\n",
            repos.docs.display()
        ),
    )
    .expect("config");
    let publish = |home: &TempDir| lessons(home, &["--publish"]);
    let said = publish(&home);
    assert!(said.starts_with("Lessons library: committed "), "{said}");
    assert!(
        said.ends_with(" as lessons/ and pushed to origin\n"),
        "{said}"
    );
    let files = git(&repos.remote, &["ls-tree", "-r", "--name-only", "main"]);
    assert_eq!(
        files
            .lines()
            .filter(|f| f.starts_with("lessons/"))
            .collect::<Vec<_>>(),
        [
            "lessons/incident-1-checkout-down.md",
            "lessons/index.md",
            "lessons/opportunity-1-cache-the-wind-data.md"
        ]
    );
    let index = git(&repos.remote, &["show", "main:lessons/index.md"]);
    assert!(
        index.starts_with("# Lessons library\n\n_2 lessons, newest first"),
        "{index}"
    );
    assert!(
        index.contains(
            "| 2026-11-12 | [Cache the wind data](opportunity-1-cache-the-wind-data.md) | opportunity 1 | performance |"
        ),
        "{index}"
    );
    let page = git(
        &repos.remote,
        &["show", "main:lessons/opportunity-1-cache-the-wind-data.md"],
    );
    assert!(
        page.starts_with("# Cache the wind data\n\n_opportunity 1 · 2026-11-12 · performance_\n"),
        "{page}"
    );
    assert!(
        page.contains("## Lessons\n\nWarm caches before the Monday peak, not during it\n"),
        "{page}"
    );
    assert!(!page.contains('\u{1b}'), "{page:?}");
    // Nothing changed: nothing committed.
    assert!(publish(&home).contains("lessons/ already committed"));

    // The team keeps a file of its own there; a lesson is retitled.
    std::fs::write(repos.docs.join("lessons/README.md"), "Ours\n").expect("readme");
    git(&repos.docs, &["add", "lessons/README.md"]);
    git(&repos.docs, &["commit", "--quiet", "-m", "Our readme"]);
    let mut store = Store::open(&home.path().join("data/kaizen/kaizen.db")).expect("store");
    let mut cache = store
        .opportunities()
        .expect("read")
        .into_iter()
        .find(|o| o.id == 1)
        .expect("opportunity 1");
    cache.title = "Warm the wind-data cache".into();
    store.save_opportunity(&cache).expect("saved");
    publish(&home);
    let files = git(&repos.remote, &["ls-tree", "-r", "--name-only", "main"]);
    assert!(
        files.contains("lessons/opportunity-1-warm-the-wind-data-cache.md")
            && !files.contains("lessons/opportunity-1-cache-the-wind-data.md")
            && files.contains("lessons/README.md"),
        "{files}"
    );
}

#[test]
fn a_lesson_s_page_name_is_its_origin_and_title() {
    use kaizen::lessons::{Lesson, Origin};
    use kaizen::publish::library::{is_page, page_name};
    let lesson = |origin, title: &str| Lesson {
        origin,
        title: title.into(),
        category: None,
        on: chrono::NaiveDate::from_ymd_opt(2026, 11, 12).expect("date"),
        parts: Vec::new(),
    };
    assert_eq!(
        page_name(&lesson(Origin::Opportunity(3), "High storage costs (S3)!")),
        "opportunity-3-high-storage-costs-s3.md"
    );
    assert_eq!(
        page_name(&lesson(Origin::Incident(12), "../../etc/passwd")),
        "incident-12-etc-passwd.md"
    );
    assert_eq!(
        page_name(&lesson(Origin::Incident(4), "ÜÖ ☃")),
        "incident-4.md"
    );
    assert!(is_page("incident-12-etc-passwd.md") && is_page("opportunity-3.md"));
    assert!(!is_page("index.md") && !is_page("README.md") && !is_page("incident-notes.md"));
}
