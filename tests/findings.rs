//! The weekly Anomaly Detection section scans its panels (and the extra queries its template
//! lists) over two weeks when it opens, lists what stands out most significant first, shows one
//! in full, and turns one into an opportunity or an action item with one key.

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY};
use kaizen::model::Focus;
use kaizen::msg::Msg;
use kaizen::opportunities::Source;

/// The demo's week holds one incident: Thursday 26 November, 14:00 to 15:30 UTC.
fn at_anomaly_detection(width: u16, height: u16) -> Harness {
    let mut app = Harness::new(SNAPSHOT_DAY, width, height);
    app.press("s y n");
    assert!(
        app.screen().contains("Anomaly Detection"),
        "{}",
        app.screen()
    );
    app
}

#[test]
fn the_section_scans_as_it_opens_and_lists_the_incident_first() {
    let app = at_anomaly_detection(120, 40);
    let rows = app.model.findings();
    assert!(!rows.is_empty(), "the incident is found");
    let first = &rows[0];
    assert!(first.reason.starts_with("spike to"), "{first:?}");
    assert!(first.reason.contains("Thu 26 Nov 1"), "{first:?}");
    // Every one of them is about the incident's hours, and nothing else stands out.
    for row in rows {
        let hour = chrono::DateTime::from_timestamp(row.finding.start as i64, 0)
            .unwrap()
            .format("%a %d %H")
            .to_string();
        assert!(
            ["Thu 26 14", "Thu 26 15"].contains(&hour.as_str()),
            "{row:?}"
        );
    }
    // The section's two panels and the two extra queries, over two weeks.
    let windows: Vec<f64> = app
        .fetches
        .iter()
        .filter_map(|r| match r.kind {
            kaizen::metrics::QueryKind::Range { start, end, .. } => Some(end - start),
            _ => None,
        })
        .filter(|w| *w == 14.0 * 86_400.0)
        .collect();
    assert_eq!(windows.len(), 5);
}

#[test]
fn a_finding_opens_in_full_and_becomes_an_opportunity_with_its_evidence() {
    let mut app = at_anomaly_detection(120, 40);
    app.press("f enter");
    let screen = app.screen();
    assert!(screen.contains("— outlier"), "{screen}");
    // Found by the fine look at the week since the last weekly (none is stored: a week).
    assert!(screen.contains("Scanned Sat 21 Nov 09:00"), "{screen}");
    app.press("o");
    let row = app.model.findings()[0].clone();
    let raised = app.store().opportunities().expect("stored");
    assert_eq!(raised.len(), 1);
    let o = &raised[0];
    assert_eq!(o.source, Some(Source::MetricsAnalysis));
    assert_eq!(o.description, row.reason);
    assert_eq!(o.before.query.as_deref(), Some(row.query.as_str()));
    assert_eq!(o.before.value, row.finding.peak.map(|p| p.1));
    assert_eq!(o.section.as_deref(), Some("Anomaly Detection"));
    // And one key makes it an action item to look into.
    app.press("t");
    assert!(app.screen().contains("Look into"), "{}", app.screen());
    app.type_text("Ana")
        .press("tab")
        .type_text("fri")
        .press("enter enter");
    let items = app.store().actions(&Default::default()).expect("actions");
    assert!(items[0].title.starts_with("Look into "), "{items:?}");
    assert_eq!(items[0].section.as_deref(), Some("Anomaly Detection"));
}

#[test]
fn an_answer_to_an_older_scan_is_dropped() {
    let mut app = at_anomaly_detection(120, 40);
    let before = app.model.findings().len();
    app.press("f r");
    // The harness answered the rescan at once; a late answer to the first scan arrives now.
    app.send(Msg::Scanned {
        section: 1,
        generation: 1,
        outcome: Box::default(),
    });
    assert_eq!(
        app.model.findings().len(),
        before,
        "the old answer did not replace the new"
    );
    assert!(matches!(app.model.focus, Focus::Findings { .. }));
}

#[test]
fn a_server_that_never_answers_leaves_the_section_usable() {
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    app.set_metrics(None);
    app.press("s y n");
    assert!(
        app.screen().contains("Scanning the last 14 days"),
        "{}",
        app.screen()
    );
    app.press("space");
    assert!(app.screen().contains("PAUSED"), "{}", app.screen());
}

#[test]
fn findings_80x24() {
    let mut app = at_anomaly_detection(80, 24);
    app.press("f");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn findings_120x40() {
    let mut app = at_anomaly_detection(120, 40);
    app.press("f j");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn a_finding_in_full_80x24() {
    let mut app = at_anomaly_detection(80, 24);
    app.press("f enter");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn a_finding_in_full_120x40() {
    let mut app = at_anomaly_detection(120, 40);
    app.press("f enter");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn the_disk_panel_says_where_it_is_heading() {
    let mut app = Harness::new(SNAPSHOT_DAY, 160, 50);
    app.send(Msg::StartMeeting("monthly".into()));
    app.press("g 4");
    let meeting = app.model.meeting().expect("meeting");
    let section = meeting.current;
    let disk = meeting
        .current_run()
        .panels
        .iter()
        .position(|p| p.title == "Disk used");
    let forecast = app.panels()[section][disk.expect("a disk panel")]
        .forecast
        .expect("the disk panel asks for a forecast");
    assert_eq!(forecast.horizon, 90.0 * 86_400.0);
    assert!(forecast.low <= forecast.at_horizon && forecast.at_horizon <= forecast.high);
    let screen = app.screen();
    assert!(screen.contains("in 90 days: "), "{screen}");
}

#[test]
fn a_finding_marked_expected_is_not_raised_again_for_that_stretch() {
    let mut app = at_anomaly_detection(120, 40);
    let before: Vec<String> = app
        .model
        .findings()
        .iter()
        .map(|r| r.reason.clone())
        .collect();
    assert!(before.len() >= 2, "{before:?}");
    app.press("f x");
    assert!(app.screen().contains("Marked expected"), "{}", app.screen());
    let after: Vec<String> = app
        .model
        .findings()
        .iter()
        .map(|r| r.reason.clone())
        .collect();
    assert_eq!(
        after,
        before[1..],
        "the first is gone, the rest stay in order"
    );
    assert_eq!(app.store().expected_findings().expect("stored").len(), 1);
    // Scanned again, and in a later meeting, it stays away.
    app.press("r");
    assert_eq!(app.model.findings().len(), before.len() - 1);
    app.press("esc e y enter");
    app.press("s y n");
    assert_eq!(app.model.findings().len(), before.len() - 1);
}

#[test]
fn the_spend_panel_shows_the_month_against_its_budget() {
    let mut app = Harness::new(SNAPSHOT_DAY, 160, 50);
    app.send(Msg::StartMeeting("monthly".into()));
    app.press("g 2");
    let meeting = app.model.meeting().expect("meeting");
    let section = meeting.current;
    let at = meeting
        .current_run()
        .panels
        .iter()
        .position(|p| p.title == "Spend this month")
        .expect("a spend panel");
    let spend = app.panels()[section][at]
        .spend
        .clone()
        .expect("the budget is worked out");
    assert_eq!(spend.budget, 4000.0);
    assert!(
        spend.to_date > 0.0 && spend.projected.is_some_and(|p| p >= spend.to_date),
        "{spend:?}"
    );
    let total: f64 = spend.shares.iter().map(|(_, s)| s).sum();
    assert!((total - 1.0).abs() < 1e-9, "{spend:?}");
    let screen = app.screen();
    assert!(screen.contains("of $4000.00 this month"), "{screen}");
    assert!(screen.contains("month-end ~$"), "{screen}");
}
