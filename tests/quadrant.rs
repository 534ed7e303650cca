//! The impact/effort quadrant by keyboard: add, move across quadrants (each key a score step),
//! undo and redo several levels, filter, drop; every change lands in the store.

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY};
use kaizen::model::Screen;
use kaizen::opportunities::{Quadrant, Status};

fn quadrant_with(titles: &[(&str, u8, u8)], width: u16, height: u16) -> Harness {
    let mut app = Harness::new(SNAPSHOT_DAY, width, height);
    for (title, impact, effort) in titles {
        let mut o = kaizen::opportunities::Opportunity::titled(title, app.now.wall);
        o.impact = *impact;
        o.effort = *effort;
        app.store_mut().save_opportunity(&o).expect("saved");
    }
    app.press("o");
    app
}

fn stored(app: &Harness, title: &str) -> kaizen::opportunities::Opportunity {
    app.store()
        .opportunities()
        .expect("opportunities")
        .into_iter()
        .find(|o| o.title == title)
        .expect("stored")
}

#[test]
fn add_move_from_avoid_to_quick_wins_undo_and_redo() {
    let mut app = quadrant_with(&[], 100, 30);
    for title in ["Cache warming", "Rewrite in Go", "S3 lifecycle policy"] {
        app.press("a").type_text(title).press("enter enter");
    }
    assert_eq!(app.store().opportunities().unwrap().len(), 3);
    assert!(
        app.screen().contains("2 strategic · 3"),
        "new ones score 3/3: {}",
        app.screen()
    );

    // Make "Rewrite in Go" an avoid: less impact (down, down), more effort (right).
    app.press("space");
    let Screen::Quadrant(view) = &app.model.screen else {
        panic!("on the quadrant")
    };
    let selected = view.selected.expect("selected");
    let title = app
        .model
        .opportunities
        .iter()
        .find(|o| o.id == selected)
        .unwrap()
        .title
        .clone();
    app.press("down j right");
    let moved = stored(&app, &title);
    assert_eq!(
        (moved.impact, moved.effort, moved.quadrant()),
        (1, 4, Quadrant::Avoid)
    );
    assert!(app.screen().contains("4 avoid · 1"), "{}", app.screen());

    // Back up to quick wins with the keys: impact 3, effort 2.
    app.press("up k left left");
    let moved = stored(&app, &title);
    assert_eq!(
        (moved.impact, moved.effort, moved.quadrant()),
        (3, 2, Quadrant::QuickWins)
    );

    app.press("u u");
    assert_eq!(stored(&app, &title).effort, 4, "two levels undone");
    app.press("ctrl-r");
    assert_eq!(stored(&app, &title).effort, 3, "one redone");
    app.press("u u u u u u");
    let back = stored(&app, &title);
    assert_eq!((back.impact, back.effort), (3, 3), "all the way back");
    app.press("u");
    assert!(app.screen().contains("Nothing to undo"));
}

#[test]
fn filter_drop_and_undo_the_drop() {
    let mut app = quadrant_with(
        &[("Slow project list query", 5, 1), ("Cache warming", 4, 2)],
        100,
        30,
    );
    app.press("/").type_text("cache").press("enter");
    let screen = app.screen();
    assert!(
        screen.contains("Cache warming") && !screen.contains("Slow project"),
        "{screen}"
    );
    assert!(screen.contains("filter: cache"), "{screen}");
    app.press("d");
    assert!(
        app.screen().contains("Drop \"Cache warming\"? Say why"),
        "{}",
        app.screen()
    );
    app.press("enter");
    assert!(app.screen().contains("Say why it is dropped"));
    assert_eq!(stored(&app, "Cache warming").status, Status::Identified);
    app.type_text("the CDN covers it").press("enter");
    let dropped = stored(&app, "Cache warming");
    assert_eq!(dropped.status, Status::Dropped);
    assert_eq!(dropped.drop_reason.as_deref(), Some("the CDN covers it"));
    let history = app
        .store()
        .opportunity_history(dropped.id)
        .expect("history");
    assert_eq!(
        history.last().map(|(_, s, note)| (*s, note.as_deref())),
        Some((Status::Dropped, Some("the CDN covers it")))
    );
    assert!(
        !app.screen().contains("Cache warming  i4"),
        "{}",
        app.screen()
    );
    app.press("u");
    let back = stored(&app, "Cache warming");
    assert_eq!(back.status, Status::Identified);
    let history = app.store().opportunity_history(back.id).expect("history");
    assert_eq!(
        history.iter().map(|(_, s, _)| *s).collect::<Vec<_>>(),
        [Status::Identified, Status::Dropped, Status::Identified],
        "the drop and its undo are both in the history"
    );
    app.press("/ backspace backspace backspace backspace backspace enter");
    assert!(
        app.screen().contains("Slow project list query"),
        "{}",
        app.screen()
    );
    app.press("a enter");
    assert!(app.screen().contains("A title, please"));
}

#[test]
fn scores_stop_at_one_and_five() {
    let mut app = quadrant_with(&[("Top", 5, 1)], 100, 30);
    app.press("up left");
    let top = stored(&app, "Top");
    assert_eq!((top.impact, top.effort), (5, 1));
    app.press("u");
    assert!(
        app.screen().contains("Nothing to undo"),
        "a move that changes nothing is not a change"
    );
}

#[test]
fn quadrant_empty_80x24() {
    let mut app = quadrant_with(&[], 80, 24);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn quadrant_with_the_seed_examples_120x40() {
    let mut app = quadrant_with(
        &[
            ("Slow project list query (500ms): add composite index", 5, 1),
            (
                "Low cache hit rate (60%): cache warming for wind data",
                4,
                2,
            ),
            ("High storage costs: S3 lifecycle policy", 4, 3),
            ("Move to a service mesh", 2, 5),
            ("Tidy dashboard colours", 1, 1),
        ],
        120,
        40,
    );
    insta::assert_snapshot!(app.screen());
}

#[test]
fn two_hundred_items_scroll_to_the_selection_80x24() {
    two_hundred_items_scrolled(80, 24);
}

#[test]
fn two_hundred_items_scroll_to_the_selection_120x40() {
    two_hundred_items_scrolled(120, 40);
}

fn two_hundred_items_scrolled(width: u16, height: u16) {
    let many: Vec<(String, u8, u8)> = (1..=200).map(|i| (format!("Idea {i:03}"), 4, 1)).collect();
    let titles: Vec<(&str, u8, u8)> = many.iter().map(|(t, i, e)| (t.as_str(), *i, *e)).collect();
    let mut app = quadrant_with(&titles, width, height);
    for _ in 0..30 {
        app.press("space");
    }
    let screen = app.screen();
    assert!(screen.contains("1 quick wins · 200"), "{screen}");
    assert!(
        screen.contains("▶ Idea 031"),
        "the selection stays in view: {screen}"
    );
    insta::assert_snapshot!(format!("two_hundred_{width}x{height}"), screen);
}

/// Edits the selected field of the detail view: Enter, clear, type, Enter.
fn set(app: &mut Harness, text: &str) {
    app.press("enter");
    for _ in 0..80 {
        app.press("backspace");
    }
    app.type_text(text).press("enter");
}

/// Moves the detail view's selection to the field with this label.
fn select(app: &mut Harness, label: &str) {
    let index = kaizen::opportunities::fields::FIELDS
        .iter()
        .position(|(_, f)| f.label() == label)
        .expect("a field");
    app.press("home");
    for _ in 0..30 {
        app.press("k");
    }
    for _ in 0..index {
        app.press("j");
    }
}

#[test]
fn three_added_one_moved_and_undone_then_detailed_and_planned() {
    let mut app = quadrant_with(&[], 120, 40);
    for title in [
        "Slow project list query",
        "Low cache hit rate",
        "High storage costs",
    ] {
        app.press("a").type_text(title).press("enter enter");
    }
    // The first added is selected on the strategic quadrant; move it to avoid, then to quick
    // wins, and undo the last move.
    app.press("2");
    let title = app.model.in_quadrant(
        match &app.model.screen {
            Screen::Quadrant(v) => v,
            _ => panic!("quadrant"),
        },
        Quadrant::Strategic,
    )[0]
    .title
    .clone();
    app.press("down right");
    assert_eq!(stored(&app, &title).quadrant(), Quadrant::Avoid);
    app.press("up left left");
    assert_eq!(stored(&app, &title).quadrant(), Quadrant::QuickWins);
    app.press("u");
    assert_eq!(
        (stored(&app, &title).impact, stored(&app, &title).effort),
        (3, 3)
    );

    app.press("enter");
    assert!(
        app.screen()
            .contains(&format!("{title} · strategic · identified")),
        "{}",
        app.screen()
    );
    app.press(">");
    assert!(
        app.screen()
            .contains("To move to analyzed, fill in: current state, target state, risk"),
        "{}",
        app.screen()
    );
    select(&mut app, "current state");
    set(&mut app, "p95 500 ms");
    select(&mut app, "target state");
    set(&mut app, "p95 50 ms");
    select(&mut app, "risk");
    set(&mut app, "severe");
    assert!(
        app.screen()
            .contains("risk: \"severe\" is not one of low, medium, high")
    );
    app.press("esc");
    set(&mut app, "low");
    app.press(">");
    assert_eq!(stored(&app, &title).status, Status::Analyzed);
    select(&mut app, "owner");
    set(&mut app, "Ana");
    select(&mut app, "target date");
    set(&mut app, "someday");
    assert!(
        app.screen()
            .contains("target date: \"someday\" is not a due date")
    );
    app.press("esc");
    set(&mut app, "2026-12-11");
    select(&mut app, "success criteria");
    set(&mut app, "p95 under 100 ms for a week");
    app.press(">");
    let planned = stored(&app, &title);
    assert_eq!(planned.status, Status::Planned);
    assert_eq!(planned.owner.as_deref(), Some("Ana"));
    let history: Vec<Status> = app
        .store()
        .opportunity_history(planned.id)
        .unwrap()
        .into_iter()
        .map(|(_, s, _)| s)
        .collect();
    assert_eq!(
        history,
        [Status::Identified, Status::Analyzed, Status::Planned]
    );
    assert!(app.screen().contains("planned"), "{}", app.screen());
}

#[test]
fn a_dependency_cycle_is_refused_in_the_detail() {
    let mut app = quadrant_with(&[("First", 4, 2), ("Second", 4, 2)], 120, 40);
    // Second depends on First.
    app.press("space enter");
    select(&mut app, "depends on (ids)");
    set(&mut app, "1");
    assert_eq!(stored(&app, "Second").depends_on, [1]);
    app.press("esc");
    // First depending on Second would close the circle.
    app.press("space enter");
    select(&mut app, "depends on (ids)");
    set(&mut app, "2");
    assert!(
        app.screen().contains("would go round in a circle"),
        "{}",
        app.screen()
    );
    app.press("esc");
    assert!(stored(&app, "First").depends_on.is_empty());
}

#[test]
fn detail_120x40() {
    let mut app = quadrant_with(&[("Slow project list query (500ms)", 5, 1)], 120, 40);
    app.press("enter");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn detail_80x24() {
    let mut app = quadrant_with(&[("Slow project list query (500ms)", 5, 1)], 80, 24);
    app.press("enter >");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn back_from_the_detail_keeps_the_quadrant_and_its_undo() {
    let mut app = quadrant_with(&[("First", 4, 2), ("Mesh", 2, 5)], 120, 40);
    app.press("4 left");
    assert_eq!(stored(&app, "Mesh").effort, 4);
    app.press("enter");
    assert!(app.screen().contains("#2 Mesh"), "{}", app.screen());
    app.press("esc");
    let Screen::Quadrant(view) = &app.model.screen else {
        panic!("back on the quadrant");
    };
    assert_eq!(view.focus, 3, "still on avoid");
    app.press("u");
    assert_eq!(
        stored(&app, "Mesh").effort,
        5,
        "the move before the detail undone"
    );
}

#[test]
fn undo_after_an_edit_in_the_detail_keeps_the_edit() {
    let mut app = quadrant_with(&[("Mesh", 2, 5)], 120, 40);
    app.press("4 left enter");
    set(&mut app, "Service mesh, maybe later");
    app.press("esc u");
    let o = stored(&app, "Service mesh, maybe later");
    assert_eq!(o.effort, 5, "the move is undone");
}

const SEED_EXAMPLES: [(&str, u8, u8); 5] = [
    ("Slow project list query (500ms): add composite index", 5, 1),
    (
        "Low cache hit rate (60%): cache warming for wind data",
        4,
        2,
    ),
    ("High storage costs: S3 lifecycle policy", 4, 3),
    ("Move to a service mesh", 2, 5),
    ("Tidy dashboard colours", 1, 1),
];

#[test]
fn quadrant_empty_120x40() {
    let mut app = quadrant_with(&[], 120, 40);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn quadrant_with_the_seed_examples_80x24() {
    let mut app = quadrant_with(&SEED_EXAMPLES, 80, 24);
    app.press("2");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn the_filter_being_typed_and_applied_80x24() {
    let mut app = quadrant_with(&SEED_EXAMPLES, 80, 24);
    app.press("/").type_text("cost");
    let screen = app.screen();
    assert!(
        screen.contains("High storage costs") && !screen.contains("Tidy"),
        "{screen}"
    );
    insta::assert_snapshot!("filter_typed_80x24", screen);
    app.press("enter");
    insta::assert_snapshot!("filter_applied_80x24", app.screen());
}

#[test]
fn the_filter_being_typed_and_applied_120x40() {
    let mut app = quadrant_with(&SEED_EXAMPLES, 120, 40);
    app.press("/").type_text("identified");
    insta::assert_snapshot!("filter_typed_120x40", app.screen());
    app.press("enter");
    insta::assert_snapshot!("filter_applied_120x40", app.screen());
}

#[test]
fn a_long_title_and_description_wrap_and_control_characters_show_as_text_80x24() {
    let long = "Archive old uploads after 90 days with an S3 lifecycle rule, then move the \
                cold tier to Glacier Deep Archive and measure the monthly bill for two months";
    let mut app = quadrant_with(&[(long, 4, 3)], 80, 24);
    let screen = app.screen();
    assert!(screen.contains("Archive old uploads"), "{screen}");
    app.press("2 enter");
    assert!(
        app.screen().contains("strategic · identified"),
        "{}",
        app.screen()
    );
    select(&mut app, "description");
    app.press("enter");
    // Pasted text with an escape sequence and a line break stays text on one line.
    app.send(kaizen::msg::Msg::Paste(
        "Costs \u{1b}[31mred\u{1b}[0m since March;\nsee the bill".into(),
    ));
    app.press("enter");
    let stored = stored(&app, long);
    assert!(
        stored.description.starts_with("Costs "),
        "{:?}",
        stored.description
    );
    assert!(
        stored.description.ends_with("see the bill"),
        "{:?}",
        stored.description
    );
    assert!(
        !stored.description.contains('\u{1b}'),
        "{:?}",
        stored.description
    );
    assert!(!stored.description.contains('\n'));
    select(&mut app, "title");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn detail_at_its_last_field_shows_history_and_action_items_80x24() {
    let mut app = quadrant_with(&[("Slow project list query (500ms)", 5, 1)], 80, 24);
    app.press("enter t")
        .type_text("Ana")
        .press("tab")
        .type_text("+3d");
    app.press("enter enter");
    for _ in 0..30 {
        app.press("j");
    }
    let screen = app.screen();
    assert!(screen.contains("Stage history"), "{screen}");
    assert!(screen.contains("Action items · 1"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn undo_after_a_score_edit_in_the_detail_keeps_the_edit() {
    let mut app = quadrant_with(&[("Cache warming", 4, 2)], 120, 40);
    app.press("1 right");
    assert_eq!(stored(&app, "Cache warming").effort, 3);
    app.press("enter");
    select(&mut app, "effort (1-5)");
    set(&mut app, "5");
    app.press("esc u");
    assert_eq!(
        stored(&app, "Cache warming").effort,
        5,
        "the detail's 5 stays"
    );
    assert!(
        app.screen().contains("was changed since in its detail"),
        "{}",
        app.screen()
    );
}

#[test]
fn redoing_a_drop_after_the_item_moved_on_a_stage_leaves_it_alone() {
    let mut app = quadrant_with(&[("Cache warming", 4, 2)], 120, 40);
    app.press("1 d").type_text("not now").press("enter");
    assert_eq!(stored(&app, "Cache warming").status, Status::Dropped);
    app.press("u 1 enter");
    select(&mut app, "current state");
    set(&mut app, "60% hits");
    select(&mut app, "target state");
    set(&mut app, "85% hits");
    select(&mut app, "risk");
    set(&mut app, "low");
    app.press(">");
    assert_eq!(stored(&app, "Cache warming").status, Status::Analyzed);
    app.press("esc ctrl-r u");
    assert_eq!(stored(&app, "Cache warming").status, Status::Analyzed);
}

#[test]
fn a_new_opportunity_that_could_not_be_saved_is_taken_back_and_says_so() {
    let mut app = quadrant_with(&[("Real", 4, 2)], 120, 40);
    let mut ghost = kaizen::opportunities::Opportunity::titled("Ghost", app.now.wall);
    ghost.id = -1; // shown under a provisional id until the store answers
    app.model.opportunities.push(ghost.clone());
    app.send(kaizen::msg::Msg::SaveFailed {
        change: Box::new(kaizen::change::Change::SaveOpportunity(
            Box::new(ghost),
            app.now.wall,
        )),
        error: "disk I/O error".into(),
    });
    assert!(
        app.screen().contains("Not saved, so not added: \"Ghost\""),
        "{}",
        app.screen()
    );
    // Moving the real one afterwards gives nobody else its id.
    app.press("1 right");
    let ids: Vec<(String, i64)> = app
        .model
        .opportunities
        .iter()
        .map(|o| (o.title.clone(), o.id))
        .collect();
    assert_eq!(ids, [("Real".to_string(), 1)]);
}

#[test]
fn a_stage_moved_on_by_mistake_goes_back_with_less_than() {
    let mut app = quadrant_with(&[("Cache warming", 4, 2)], 120, 40);
    app.press("1 enter");
    select(&mut app, "current state");
    set(&mut app, "60% hits");
    select(&mut app, "target state");
    set(&mut app, "85% hits");
    select(&mut app, "risk");
    set(&mut app, "low");
    app.press(">");
    assert_eq!(stored(&app, "Cache warming").status, Status::Analyzed);
    assert!(app.screen().contains("< moves it back"), "{}", app.screen());
    app.press("<");
    assert_eq!(stored(&app, "Cache warming").status, Status::Identified);
    app.press("<");
    assert!(
        app.screen().contains("Identified is the first stage"),
        "{}",
        app.screen()
    );
    assert_eq!(stored(&app, "Cache warming").status, Status::Identified);
}

#[test]
fn measured_values_read_like_the_panels_numbers() {
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    let mut o = kaizen::opportunities::Opportunity::titled("Cache warming", app.now.wall);
    o.impact = 4;
    o.effort = 2;
    o.before.value = Some(0.5);
    o.after.value = Some(0.106_896_069_150_872_59);
    o.after.at = Some(app.now.wall);
    app.store_mut().save_opportunity(&o).expect("saved");
    app.press("o 1 enter");
    select(&mut app, "metric after");
    let screen = app.screen();
    assert!(
        screen.contains("metric after                 0.11  (taken"),
        "{screen}"
    );
    assert!(
        screen.contains("metric before                0.50"),
        "{screen}"
    );
    assert!(!screen.contains("0.10689"), "{screen}");
}

#[test]
fn a_new_opportunity_is_scored_as_it_is_added() {
    let mut app = quadrant_with(&[], 120, 40);
    app.press("a").type_text("Index user_id").press("enter");
    assert!(
        app.screen().contains("impact then effort"),
        "{}",
        app.screen()
    );
    app.type_text("9").press("enter");
    assert!(
        app.screen().contains("1-5 each"),
        "refused and kept open: {}",
        app.screen()
    );
    app.press("backspace").type_text("51").press("enter");
    let o = stored(&app, "Index user_id");
    assert_eq!((o.impact, o.effort), (5, 1), "a quick win");
    // Enter alone keeps the middle.
    app.press("a")
        .type_text("Tidy the docs")
        .press("enter enter");
    let o = stored(&app, "Tidy the docs");
    assert_eq!((o.impact, o.effort), (3, 3));
}

#[test]
fn arrows_say_what_they_changed_so_a_cursor_move_is_never_mistaken() {
    let mut app = quadrant_with(&[], 120, 40);
    app.press("a")
        .type_text("Cache the wind data")
        .press("enter");
    app.type_text("42").press("enter down");
    let screen = app.screen();
    assert!(
        screen.contains(
            "\"Cache the wind data\": impact 4 → 3 (u undoes, Space goes to the next item)"
        ),
        "{screen}"
    );
}
