//! The monthly Incident Review: the alerts that fired become incidents with one key (or are
//! dismissed), each incident is filled in blamelessly with a timeline, and leaves the room with
//! prevention measures owned and dated.

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY};
use kaizen::incidents::{Incident, Measure, Moment};
use kaizen::msg::Msg;

/// The demo's alerts: a disk filling on Thu 19 Nov, the error-rate page of Thu 26 Nov.
fn at_incident_review(width: u16, height: u16) -> Harness {
    let mut app = Harness::new(SNAPSHOT_DAY, width, height);
    app.send(Msg::StartMeeting("monthly".into()));
    app.press("g 3");
    assert!(app.screen().contains("Incident Review"), "{}", app.screen());
    app
}

#[test]
fn the_alerts_that_fired_are_offered_and_one_becomes_a_filled_in_incident() {
    let mut app = at_incident_review(120, 40);
    let offered: Vec<String> = app
        .model
        .candidates()
        .iter()
        .map(|e| e.alertname.clone())
        .collect();
    // The error-rate page and an api instance down in the same incident, and the disk.
    assert_eq!(offered, ["DiskFilling", "HighErrorRate", "InstanceDown"]);
    // Accept the page: its detail opens, filled in from the alert.
    app.press("f j a");
    let incident = app.store().incidents().expect("stored").remove(0);
    assert_eq!(incident.title, "HighErrorRate");
    assert_eq!(incident.severity, "page");
    assert_eq!(incident.service.as_deref(), Some("api"));
    assert_eq!(
        incident.alert.as_deref(),
        Some("HighErrorRate{job=api,severity=page}")
    );
    assert!(
        app.screen().contains("#1 HighErrorRate"),
        "{}",
        app.screen()
    );
    // A moment, the contributing factors, then two prevention measures.
    app.press("m")
        .type_text("mitigated 15:26 rolled back")
        .press("enter");
    for _ in 0..9 {
        app.press("j");
    }
    app.press("enter")
        .type_text("a config push without a canary; no 5xx alert")
        .press("enter");
    app.press("t")
        .type_text("Ana")
        .press("tab")
        .type_text("fri")
        .press("enter enter");
    app.press("o");
    let incident = app.store().incidents().expect("stored").remove(0);
    assert_eq!(incident.timeline.len(), 1);
    assert_eq!(incident.timeline[0].moment, Moment::Mitigated);
    assert_eq!(incident.factors.len(), 2);
    let action = app
        .store()
        .actions(&Default::default())
        .expect("actions")
        .remove(0);
    let idea = app
        .store()
        .opportunities()
        .expect("opportunities")
        .remove(0);
    assert_eq!(
        incident.measures,
        [Measure::Action(action.id), Measure::Opportunity(idea.id)]
    );
    assert_eq!(action.title, "Prevent: HighErrorRate");
    assert_eq!(
        idea.source,
        Some(kaizen::opportunities::Source::IncidentAnalysis)
    );
    // Back in the meeting: the incident is listed, the alert is no longer offered.
    app.press("esc");
    let screen = app.screen();
    // An error-rate page is an incident, not downtime.
    assert!(screen.contains("1 incident, 0 min down"), "{screen}");
    assert!(screen.contains("2 measure(s) open"), "{screen}");
    let offered: Vec<String> = app
        .model
        .candidates()
        .iter()
        .map(|e| e.alertname.clone())
        .collect();
    assert_eq!(offered, ["DiskFilling", "InstanceDown"]);
}

#[test]
fn a_dismissed_alert_is_not_offered_again() {
    let mut app = at_incident_review(120, 40);
    app.press("f x");
    assert!(
        app.screen().contains("Dismissed DiskFilling"),
        "{}",
        app.screen()
    );
    assert_eq!(app.store().dismissed_alerts().expect("stored").len(), 1);
    // The next meeting reads the alerts again; the disk is still not offered.
    app.press("esc e y enter");
    app.send(Msg::StartMeeting("monthly".into()));
    app.press("g 3");
    let offered: Vec<String> = app
        .model
        .candidates()
        .iter()
        .map(|e| e.alertname.clone())
        .collect();
    assert_eq!(offered, ["HighErrorRate", "InstanceDown"]);
}

#[test]
fn an_incident_added_by_hand_and_a_bad_time_is_refused_in_place() {
    let mut app = at_incident_review(120, 40);
    app.press("f c enter");
    assert!(app.screen().contains("A title, please"), "{}", app.screen());
    app.type_text("Search was slow").press("enter");
    assert!(
        app.screen().contains("#1 Search was slow"),
        "{}",
        app.screen()
    );
    app.press("j j j j enter")
        .type_text("yesterday")
        .press("enter");
    assert!(
        app.screen().contains("ended: \"yesterday\" is not a time"),
        "{}",
        app.screen()
    );
    app.press("esc m")
        .type_text("noticed 10:00 x")
        .press("enter");
    assert!(
        app.screen().contains("\"noticed\" is not a moment"),
        "{}",
        app.screen()
    );
}

#[test]
fn the_period_is_compared_with_the_one_before() {
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    let at = |text: &str| chrono::DateTime::parse_from_rfc3339(text).expect("time");
    for (title, start, end) in [
        (
            "Old outage",
            "2026-10-10T10:00:00+00:00",
            "2026-10-10T11:00:00+00:00",
        ),
        (
            "Recent outage",
            "2026-11-20T10:00:00+00:00",
            "2026-11-20T12:30:00+00:00",
        ),
        (
            "Recent blip",
            "2026-11-22T10:00:00+00:00",
            "2026-11-22T10:20:00+00:00",
        ),
    ] {
        let mut incident = Incident::new(title, at(start), at("2026-11-27T10:00:00+00:00"));
        incident.ended_at = Some(at(end));
        app.store_mut().save_incident(&incident).expect("saved");
    }
    app.send(Msg::StartMeeting("monthly".into()));
    app.press("g 3");
    let screen = app.screen();
    assert!(
        screen
            .contains("Last 30 days: 2 incidents, 2 h 50 min down (30 days before: 1, 1 h 00 min)"),
        "{screen}"
    );
}

#[test]
fn incident_review_80x24() {
    let mut app = at_incident_review(80, 24);
    app.press("f");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn incident_review_120x40() {
    let mut app = at_incident_review(120, 40);
    app.press("f j a esc f");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn incident_detail_80x24() {
    let mut app = at_incident_review(80, 24);
    app.press("f j a");
    app.press("m")
        .type_text("mitigated 15:26 rolled back")
        .press("enter");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn incident_detail_120x40() {
    let mut app = at_incident_review(120, 40);
    app.press("f j a");
    app.press("m")
        .type_text("detected 14:12 a customer wrote in")
        .press("enter");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn the_monthly_report_has_the_incident_summary_table() {
    let mut app = at_incident_review(120, 40);
    app.press("f j a");
    for _ in 0..9 {
        app.press("j");
    }
    app.press("enter")
        .type_text("a config push without a canary | no 5xx alert")
        .press("enter");
    app.press("t")
        .type_text("Ana")
        .press("tab")
        .type_text("fri")
        .press("enter enter");
    app.press("esc e y 8");
    let text = app.model.report.as_ref().expect("the report").text.clone();
    assert!(
        text.contains("1 incident in the period, 0 min down in all."),
        "{text}"
    );
    assert!(
        text.contains("| Thu 26 Nov 14:00 | HighErrorRate | page | 1 h 30 min | 5 min | a config push without a canary \\| no 5xx alert | 1 |"),
        "{text}"
    );
}

#[test]
fn the_section_s_charts_mark_when_the_incidents_were() {
    let blocks = |screen: &str| screen.matches('█').count();
    let mut plain = at_incident_review(120, 40);
    plain.press("v right enter");
    let without = plain.screen();
    assert!(without.contains("Uptime"), "{without}");
    let mut marked = at_incident_review(120, 40);
    marked.press("f j a esc esc v right enter");
    let with = marked.screen();
    assert!(
        blocks(&with) > blocks(&without),
        "the incident's period is drawn over the chart:\n{with}"
    );
}

#[test]
fn a_dismissed_alert_stays_dismissed_as_the_clock_moves_and_in_the_next_meeting() {
    let mut app = at_incident_review(120, 40);
    app.press("f x");
    let fetched = app.fetches.len();
    // Two minutes later the alerts are read again: the window starts elsewhere.
    for _ in 0..120 {
        app.advance(1);
    }
    app.press("r");
    assert!(app.fetches.len() > fetched, "read again");
    let offered: Vec<String> = app
        .model
        .candidates()
        .iter()
        .map(|e| e.alertname.clone())
        .collect();
    assert_eq!(offered, ["HighErrorRate", "InstanceDown"]);
    // A new meeting reads them afresh, and the disk stays dismissed.
    let fetched = app.fetches.len();
    app.press("esc e y enter");
    app.send(Msg::StartMeeting("monthly".into()));
    app.press("g 3");
    assert!(app.fetches.len() > fetched, "the next meeting asks again");
    let offered: Vec<String> = app
        .model
        .candidates()
        .iter()
        .map(|e| e.alertname.clone())
        .collect();
    assert_eq!(offered, ["HighErrorRate", "InstanceDown"]);
}

#[test]
fn correcting_an_accepted_incident_s_start_does_not_bring_its_alert_back() {
    let mut app = at_incident_review(120, 40);
    app.press("f j a j j j enter");
    app.press("ctrl-a ctrl-k");
    for _ in 0..20 {
        app.press("backspace");
    }
    app.type_text("2026-11-26 13:20").press("enter");
    assert_eq!(
        app.store().incidents().unwrap()[0]
            .started_at
            .format("%H:%M")
            .to_string(),
        "13:20"
    );
    let offered: Vec<String> = app
        .model
        .candidates()
        .iter()
        .map(|e| e.alertname.clone())
        .collect();
    assert_eq!(offered, ["DiskFilling", "InstanceDown"]);
}

#[test]
fn the_meeting_s_keys_work_with_the_incident_list_open() {
    let mut app = at_incident_review(120, 40);
    app.press("f");
    let before = app.remaining();
    app.press("]");
    assert_eq!(app.remaining(), before + 300, "five more minutes");
}

#[test]
fn moments_after_midnight_land_on_the_next_day() {
    let mut app = at_incident_review(120, 40);
    app.press("f c").type_text("Night outage").press("enter");
    // Started 23:30 on the 20th.
    app.press("j j j enter ctrl-a ctrl-k");
    for _ in 0..20 {
        app.press("backspace");
    }
    app.type_text("2026-11-20 23:30").press("enter");
    app.press("m")
        .type_text("resolved 00:45 failover done")
        .press("enter");
    app.press("m")
        .type_text("mitigated 2026-11-21 00:30 traffic moved")
        .press("enter");
    let incident = app.store().incidents().expect("stored").remove(0);
    let when: Vec<String> = incident
        .timeline
        .iter()
        .map(|e| format!("{} {}", e.moment.name(), e.at.format("%d %H:%M")))
        .collect();
    assert_eq!(when, ["mitigated 21 00:30", "resolved 21 00:45"]);
    assert_eq!(incident.timeline[1].note, "failover done");
}

#[test]
fn the_meetings_keys_mean_the_same_in_the_incident_lists_and_one_esc_returns_to_the_section() {
    let mut app = at_incident_review(120, 40);
    // An incident made by hand (c), opened, then one Esc: back on the section's clock, so
    // the next n moves the meeting on instead of making another incident.
    app.press("f c").type_text("Search was slow").press("enter");
    assert!(matches!(
        app.model.screen,
        kaizen::model::Screen::Incident(_)
    ));
    app.press("esc");
    assert!(matches!(app.model.focus, kaizen::model::Focus::Clock));
    let incidents = app.model.incidents.len();
    app.press("n");
    assert!(
        app.screen().contains("4/4  Capacity Planning"),
        "{}",
        app.screen()
    );
    assert_eq!(app.model.incidents.len(), incidents, "n made no incident");
    // From inside the list, n moves on too (the list closes).
    app.press("p f");
    assert!(matches!(
        app.model.focus,
        kaizen::model::Focus::Incidents { .. }
    ));
    app.press("n");
    assert!(matches!(app.model.focus, kaizen::model::Focus::Clock));
    assert!(
        app.screen().contains("4/4  Capacity Planning"),
        "{}",
        app.screen()
    );
    // And the footer says how to move on from the list.
    app.press("p f");
    assert!(app.screen().contains("n next"), "{}", app.screen());
}

#[test]
fn a_dismissal_made_by_mistake_is_taken_back_with_u() {
    let mut app = at_incident_review(120, 40);
    let offered = app.model.candidates().len();
    app.press("f x");
    assert_eq!(app.model.candidates().len(), offered - 1);
    assert!(app.screen().contains("u takes it back"), "{}", app.screen());
    app.press("u");
    assert_eq!(app.model.candidates().len(), offered, "offered again");
    assert!(
        app.screen().contains("is offered again"),
        "{}",
        app.screen()
    );
    assert!(app.store().dismissed_alerts().expect("stored").is_empty());
}
