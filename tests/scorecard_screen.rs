//! The scorecard screen against meetings held through the app: 15 weekly meetings (one a
//! year back), each saving what its panels showed; `m` on home shows the last 13 with their
//! changes, goal and trend, at 80x24 (fewer columns) and 200x60; Enter raises an
//! opportunity from a row, `t` makes an action item for it; in a meeting `m` opens it over
//! the running clock and Esc goes back.

use crate::harness;

use chrono::Duration;
use harness::{Harness, at, date};
use kaizen::metrics::{QueryData, QueryKind, QueryRequest, Series};
use kaizen::model::{Now, Screen};
use kaizen::msg::Msg;
use std::collections::HashMap;

/// The weeks the meetings are held (Mondays), oldest first: a year back, then 14 in a row.
fn mondays() -> Vec<String> {
    let mut days = vec!["2025-12-01".to_string()];
    let first = date("2026-08-31");
    days.extend((0..14).map(|week| (first + Duration::weeks(week)).to_string()));
    days
}

/// Uptime slips a little each week, the error ratio climbs, p95 holds: each as of the time
/// asked, the same over a request's window.
fn answer(request: &QueryRequest) -> Result<QueryData, kaizen::metrics::FetchError> {
    let time = match request.kind {
        QueryKind::Instant { time } => time,
        QueryKind::Range { end, .. } => end,
    };
    let weeks = ((time - 1_756_684_800.0) / 604_800.0).floor().max(0.0);
    let value = if request.query.contains("up[") {
        0.9999 - weeks * 0.00005
    } else if request.query.contains("code=~") {
        0.002 + weeks * 0.0004
    } else if request.query.contains("histogram_quantile") {
        0.25
    } else {
        3.0
    };
    let times = match request.kind {
        QueryKind::Instant { time } => vec![time],
        QueryKind::Range { start, end, step } => {
            let count = ((end - start) / step).floor() as usize;
            (0..=count).map(|i| start + i as f64 * step).collect()
        }
    };
    Ok(QueryData {
        series: vec![Series {
            labels: Default::default(),
            points: times.into_iter().map(|t| (t, value)).collect(),
        }],
        warnings: Vec::new(),
    })
}

fn hold(app: &mut Harness, day: &str) {
    app.now = Now {
        mono: app.now.mono,
        wall: at(date(day), 9).wall,
    };
    app.send(Msg::StartMeeting("weekly".into()));
    loop {
        app.now = Now {
            mono: app.now.mono + std::time::Duration::from_secs(120),
            wall: app.now.wall + Duration::seconds(120),
        };
        app.send(Msg::Tick);
        let meeting = app.model.meeting().expect("meeting");
        if meeting.current + 1 >= meeting.sections.len() {
            break;
        }
        app.press("n");
    }
    app.press("e y enter");
}

fn with_history(width: u16, height: u16) -> Harness {
    let mut app = Harness::with_cycles(
        "2025-12-01",
        width,
        height,
        HashMap::new(),
        kaizen::cycles::load_cycles(None).expect("built-in templates"),
    );
    app.set_metrics(Some(Box::new(answer)));
    for day in mondays() {
        hold(&mut app, &day);
    }
    app.now = Now {
        mono: app.now.mono,
        wall: at(date("2026-12-01"), 10).wall,
    };
    app.send(Msg::Tick);
    app
}

fn open_weekly(app: &mut Harness) {
    let weekly = app
        .model
        .cycles
        .iter()
        .position(|c| c.key == "weekly")
        .expect("weekly");
    app.model.home_selected = weekly;
    app.press("m");
}

#[test]
fn thirteen_meetings_of_history_at_80x24_and_200x60() {
    let mut app = with_history(200, 60);
    open_weekly(&mut app);
    let Screen::Scorecard(view) = &app.model.screen else {
        panic!("the scorecard is open");
    };
    let card = view.card.as_ref().expect("read");
    assert_eq!(card.meetings.len(), 13);
    assert_eq!(card.meetings[12], date("2026-11-30"));
    insta::assert_snapshot!("scorecard_200x60", app.screen());
    app.resize(80, 24);
    insta::assert_snapshot!("scorecard_80x24", app.screen());
}

#[test]
fn enter_raises_an_opportunity_and_t_an_action_item_from_a_row() {
    let mut app = with_history(120, 40);
    open_weekly(&mut app);
    // The error rate's row: the second.
    app.press("j");
    let before = app.model.opportunities.len();
    app.press("enter");
    assert_eq!(app.model.opportunities.len(), before + 1);
    let raised = app.model.opportunities.last().expect("raised").clone();
    assert!(
        raised.title.starts_with("Error rate at "),
        "{}",
        raised.title
    );
    // What the source answered at the newest meeting (30 Nov, 09:00).
    let then = at(date("2026-11-30"), 9).wall.timestamp() as f64;
    let expected = 0.002 + ((then - 1_756_684_800.0) / 604_800.0).floor() * 0.0004;
    assert!(
        raised
            .before
            .value
            .is_some_and(|v| (v - expected).abs() < 1e-9),
        "{:?}",
        raised.before
    );
    assert!(raised.id > 0, "saved: {}", raised.id);
    // A second Enter on the same row is a slip, not a second idea.
    app.press("enter");
    assert_eq!(app.model.opportunities.len(), before + 1);
    assert!(app.screen().contains("Already raised from this row"));

    app.press("t");
    app.type_text("Ana");
    app.press("tab");
    app.type_text("fri");
    // Ana is new to the roster: the second Enter adds her and saves the item.
    app.press("enter enter");
    let items = app.store().actions(&Default::default()).expect("items");
    assert!(
        items
            .iter()
            .any(|item| item.title == "Bring Error rate back within goal" && item.owner == "Ana"),
        "{items:?}"
    );
}

#[test]
fn in_a_meeting_m_opens_the_cycle_s_scorecard_and_esc_goes_back_to_the_clock() {
    let mut app = with_history(120, 40);
    app.now = Now {
        mono: app.now.mono,
        wall: at(date("2026-12-07"), 9).wall,
    };
    app.send(Msg::StartMeeting("weekly".into()));
    app.press("m");
    assert!(matches!(app.model.screen, Screen::Scorecard(_)));
    let screen = app.screen();
    assert!(screen.contains("Scorecard · Weekly review"), "{screen}");
    // The meeting's clock runs on under it.
    app.advance(5);
    app.press("esc");
    assert_eq!(app.model.screen, Screen::Meeting);
    assert!(app.model.running_meeting().is_some());
}

#[test]
fn the_weekly_metrics_report_carries_the_same_grid() {
    let app = with_history(120, 40);
    let newest = app
        .store()
        .meetings(Some("weekly"))
        .expect("meetings")
        .into_iter()
        .max_by_key(|m| m.held_on)
        .expect("held");
    let report = kaizen::report::gather(app.store(), newest.id, &app.model.cycles, app.now.wall)
        .expect("report");
    let text = kaizen::report::markdown::render(&report);
    let at = text.find("| Metric | Goal | 7 Sep 2026 |").expect(&text);
    let grid: Vec<&str> = text[at..]
        .lines()
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(
        grid.len(),
        5,
        "header, rule, three rows:\n{}",
        grid.join("\n")
    );
    assert!(
        grid[0].ends_with("| 30 Nov 2026 | WoW | MoM | YoY | Status | Trend |"),
        "{}",
        grid[0]
    );
    assert_eq!(
        grid[3],
        "| Error rate | \\< 1.00% | 2.32% | 2.36% | 2.40% | 2.44% | 2.48% | 2.52% | 2.56% | 2.60% | \
         2.64% | 2.68% | 2.72% | 2.76% | 2.80% | +0.04 pp | +0.16 pp | +2.08 pp | ⚠ amber | ↗ worse |"
    );
    // Under the weekly metrics report's heading, after the metrics.
    let heading = text
        .find("## Weekly metrics report")
        .expect("the output's heading");
    assert!(heading < at);
}
