//! Opportunities inside a meeting: the sections that prioritize show the quadrant's counts,
//! `o` opens the quadrant with the section's clock still in the title bar, what is raised
//! there remembers the meeting and section, and a metric panel becomes evidence with one key.

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY};
use kaizen::model::Screen;
use kaizen::opportunities::{Opportunity, Quadrant, Source, Status};

fn stored(app: &Harness, title: &str) -> Opportunity {
    app.store()
        .opportunities()
        .expect("opportunities")
        .into_iter()
        .find(|o| o.title == title)
        .unwrap_or_else(|| panic!("{title} is stored"))
}

/// The weekly review started, at its Action Items section (the one that prioritizes).
fn weekly_at_action_items(width: u16, height: u16) -> Harness {
    let mut app = Harness::new(SNAPSHOT_DAY, width, height);
    for (title, impact, effort) in [("Cache the wind data", 4, 2), ("Service mesh", 2, 5)] {
        let mut o = Opportunity::titled(title, app.now.wall);
        o.impact = impact;
        o.effort = effort;
        app.store_mut().save_opportunity(&o).expect("saved");
    }
    app.press("s y").advance(3).press("g 3");
    assert!(
        app.screen().contains("3/3  Action Items"),
        "{}",
        app.screen()
    );
    app
}

fn selected_title(app: &Harness) -> String {
    let Screen::Quadrant(view) = &app.model.screen else {
        panic!("the quadrant is on screen");
    };
    let id = app.model.selected_in(view).expect("something is selected");
    app.model.opportunity(id).expect("known").title.clone()
}

#[test]
fn three_raised_in_a_meeting_one_moved_undone_and_planned_remember_the_meeting() {
    let mut app = weekly_at_action_items(120, 40);
    let screen = app.screen();
    assert!(screen.contains("Opportunities"), "{screen}");
    assert!(screen.contains("0 raised in this meeting"), "{screen}");
    assert!(screen.contains("Cache the wind data"), "{screen}");

    app.press("o");
    for title in [
        "Slow project list query",
        "Low cache hit rate",
        "High storage costs",
    ] {
        app.press("a").type_text(title).press("enter enter");
    }
    let meeting = app.model.meeting().and_then(|m| m.id).expect("stored");
    for title in [
        "Slow project list query",
        "Low cache hit rate",
        "High storage costs",
    ] {
        let o = stored(&app, title);
        assert_eq!(o.meeting_id, Some(meeting), "{title}");
        assert_eq!(o.section.as_deref(), Some("Action Items"), "{title}");
    }
    // The meeting's clock is still in sight, and keeps going.
    let before = app.remaining();
    assert!(
        app.screen().contains("Action Items 10:00 left"),
        "{}",
        app.screen()
    );
    app.advance(60);
    assert_eq!(app.remaining(), before - 60);
    assert!(
        app.screen().contains("Action Items 09:00 left"),
        "{}",
        app.screen()
    );

    // Down to avoid (less impact, more effort), then across to quick wins, undo the last.
    app.press("2");
    let title = selected_title(&app);
    app.press("down right");
    assert_eq!(stored(&app, &title).quadrant(), Quadrant::Avoid);
    app.press("up up left left");
    assert_eq!(stored(&app, &title).quadrant(), Quadrant::QuickWins);
    // Each key was one step: undoing the last one leaves it strategic, four undo the move.
    app.press("u");
    assert_eq!(stored(&app, &title).quadrant(), Quadrant::Strategic);
    app.press("u u u");
    let back = stored(&app, &title);
    assert_eq!((back.impact, back.effort), (2, 4));
    assert_eq!(back.quadrant(), Quadrant::Avoid);

    app.press("enter");
    assert!(
        app.screen()
            .contains(&format!("{title} · avoid · identified"))
    );
    for (label, value) in [
        ("current state", "p95 500 ms"),
        ("target state", "p95 50 ms"),
        ("risk", "low"),
        ("owner", "Ana"),
        ("target date", "2026-12-11"),
        ("success criteria", "p95 under 100 ms for a week"),
    ] {
        select(&mut app, label);
        app.press("enter ctrl-a ctrl-k")
            .type_text(value)
            .press("enter");
    }
    app.press("> >");
    assert_eq!(stored(&app, &title).status, Status::Planned);

    // Esc twice: back to the meeting, where the section lists what this meeting raised.
    app.press("esc esc");
    assert_eq!(app.model.screen, Screen::Meeting);
    let screen = app.screen();
    assert!(screen.contains("3 raised in this meeting"), "{screen}");
    assert!(screen.contains("+ Slow project list query"), "{screen}");
}

fn select(app: &mut Harness, label: &str) {
    for _ in 0..40 {
        app.press("k");
    }
    let index = kaizen::opportunities::fields::FIELDS
        .iter()
        .position(|(_, f)| f.label().starts_with(label))
        .unwrap_or_else(|| panic!("a field {label}"));
    for _ in 0..index {
        app.press("j");
    }
}

#[test]
fn the_bell_rings_and_q_asks_while_the_quadrant_is_open() {
    let mut app = weekly_at_action_items(120, 40);
    app.press("o");
    app.advance(10 * 60 + 5);
    assert_eq!(
        app.exec.bells, 1,
        "the section's time ran out on the quadrant"
    );
    assert!(
        app.screen().contains("Action Items 00:0"),
        "{}",
        app.screen()
    );
    assert!(app.screen().contains(" over"), "{}", app.screen());
    app.press("q");
    assert!(!app.quit, "a running meeting asks before leaving");
    assert!(app.screen().contains("Leave"), "{}", app.screen());
}

#[test]
fn from_home_the_quadrant_raises_nothing_in_a_meeting() {
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    app.press("o a")
        .type_text("Tidy the runbooks")
        .press("enter enter");
    let o = stored(&app, "Tidy the runbooks");
    assert_eq!((o.meeting_id, o.section), (None, None));
    app.press("esc");
    assert_eq!(app.model.screen, Screen::Home);
}

#[test]
fn a_panel_becomes_an_opportunity_with_its_query_and_value_then_measured_after() {
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    app.press("s y").advance(2);
    // Third panel of Metrics Review: p95 latency.
    app.press("v right right");
    let meeting = app.model.meeting().expect("meeting");
    let panel = meeting.current_run().panels[2].clone();
    assert_eq!(panel.title, "p95 latency");
    let shown = app.panels()[0][2].value().expect("a value");
    let fetched = app.panels()[0][2].fetched_at;
    app.press("o");
    assert!(
        app.screen().contains("Opportunity raised from p95 latency"),
        "{}",
        app.screen()
    );
    let raised = app
        .store()
        .opportunities()
        .expect("stored")
        .into_iter()
        .find(|o| o.title.starts_with("p95 latency at "))
        .expect("raised from the panel");
    assert_eq!(raised.source, Some(Source::MetricsAnalysis));
    assert_eq!(raised.before.value, Some(shown));
    // The query as sent for the value over the week, so "after" measures the same thing.
    assert_eq!(
        raised.before.query.as_deref(),
        Some(panel.query.replace("$step", "7d").as_str())
    );
    assert_eq!(raised.before.at, fetched);
    assert_eq!(raised.section.as_deref(), Some("Metrics Review"));
    assert!(raised.meeting_id.is_some());
    // A second press is taken as a slip: still one.
    app.press("o");
    assert!(app.screen().contains("Already raised"), "{}", app.screen());
    let count = app.store().opportunities().expect("stored").len();
    assert_eq!(count, 1);

    // Later, in its detail, `m` runs the same query for "after".
    app.press("esc o 2");
    while selected_title(&app) != raised.title {
        app.press("space");
    }
    app.advance(30).press("enter m");
    let measured = stored(&app, &raised.title);
    let asked = app.fetches.last().expect("asked").clone();
    assert_eq!(asked.query, panel.query.replace("$step", "7d"));
    assert!(matches!(
        asked.kind,
        kaizen::metrics::QueryKind::Instant { .. }
    ));
    let expected = kaizen::metrics::demo::answer(&asked)
        .expect("demo answers")
        .series[0]
        .last();
    assert_eq!(measured.after.value, expected);
    assert_eq!(measured.after.query, raised.before.query);
    assert_eq!(measured.after.at, Some(app.now.wall));
    assert!(
        app.screen().contains("taken 28 Nov 2026"),
        "{}",
        app.screen()
    );
}

#[test]
fn a_panel_without_a_value_yet_says_so() {
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    app.set_metrics(None); // a server that never answers
    app.press("s y v o");
    assert!(app.screen().contains("no value yet"), "{}", app.screen());
    assert!(app.store().opportunities().expect("read").is_empty());
}

#[test]
fn action_items_section_with_opportunities_80x24() {
    let mut app = weekly_at_action_items(80, 24);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn action_items_section_with_opportunities_120x40() {
    let mut app = weekly_at_action_items(120, 40);
    app.press("o a")
        .type_text("Slow project list query")
        .press("enter enter esc");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn the_quadrant_in_a_meeting_80x24() {
    let mut app = weekly_at_action_items(80, 24);
    app.press("o");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn a_quick_win_becomes_an_action_item_linked_to_it_and_to_the_meeting() {
    let mut app = weekly_at_action_items(120, 40);
    app.press("o 1");
    assert_eq!(selected_title(&app), "Cache the wind data");
    app.press("t");
    let screen = app.screen();
    assert!(screen.contains("Cache the wind data"), "{screen}");
    // The title is filled in; the form starts at who.
    app.type_text("Ana")
        .press("tab")
        .type_text("fri")
        .press("enter");
    assert!(
        app.screen().contains("new to the roster"),
        "{}",
        app.screen()
    );
    app.press("enter");
    let opportunity = stored(&app, "Cache the wind data");
    let items = app
        .store()
        .actions(&kaizen::actions::Filter::default())
        .expect("actions");
    let item = items
        .iter()
        .find(|a| a.title == "Cache the wind data")
        .expect("the action item is stored");
    assert_eq!(item.opportunity_id, Some(opportunity.id));
    assert_eq!(item.owner, "Ana");
    assert_eq!(item.section.as_deref(), Some("Action Items"));
    assert_eq!(item.meeting_id, app.model.meeting().and_then(|m| m.id));
    assert_eq!(item.due_on, harness::date("2026-12-04"));

    // Its detail lists the action item that carries it out.
    app.press("enter");
    let screen = app.screen();
    assert!(screen.contains("Action items · 1"), "{screen}");
    assert!(
        screen.contains("Cache the wind data · Ana · due"),
        "{screen}"
    );

    // Esc on the form makes nothing and loses nothing: `t` brings back what was typed.
    app.press("t")
        .type_text("Bo")
        .press("tab")
        .type_text("next week")
        .press("esc");
    assert!(
        app.screen().contains("Form put away: t brings it back"),
        "{}",
        app.screen()
    );
    assert_eq!(
        app.store()
            .actions(&kaizen::actions::Filter::default())
            .expect("actions")
            .len(),
        1
    );
    app.press("t");
    let screen = app.screen();
    assert!(
        screen.contains("Bo") && screen.contains("next week"),
        "{screen}"
    );
}
