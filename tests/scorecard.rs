//! The scorecard's grid, from saved values: 13 meetings shown, each series of a stat panel its
//! own row, changes over a week, a month and a year taken from the meetings nearest those
//! days back (none when the meetings do not reach), the newest value judged against the goal,
//! and the trend over the meetings shown.

use chrono::{Duration, NaiveDate, TimeZone};
use kaizen::change::PanelValue;
use kaizen::cycles::panel::Status;
use kaizen::scorecard::{Trend, build, trend};

fn weekly() -> kaizen::cycles::Cycle {
    kaizen::cycles::load_cycles(None)
        .expect("built-in templates")
        .into_iter()
        .find(|c| c.key == "weekly")
        .expect("weekly")
}

fn saved(day: NaiveDate, panel: &str, series: (&str, &str), value: Option<f64>) -> PanelValue {
    let at = chrono::FixedOffset::east_opt(0)
        .expect("UTC")
        .from_local_datetime(&day.and_hms_opt(9, 0, 0).expect("time"))
        .single()
        .expect("a time");
    PanelValue {
        section: "Metrics Review".into(),
        panel: panel.into(),
        series: series.0.into(),
        name: series.1.into(),
        query: "q".into(),
        value,
        range_start: 0.0,
        range_end: 0.0,
        fetched_at: at,
        forecast: None,
        before: None,
        before_at: None,
    }
}

/// 60 weekly meetings from 2025-10-06; the error rate rises 0.001 a week, p95 is split by
/// job, and the meeting of 2026-11-16 saw no data for the error rate.
fn history() -> Vec<(i64, PanelValue)> {
    let first = NaiveDate::from_ymd_opt(2025, 10, 6).expect("date");
    let mut values = Vec::new();
    for week in 0..60i64 {
        let day = first + Duration::weeks(week);
        let error = (day != NaiveDate::from_ymd_opt(2026, 11, 16).expect("date"))
            .then_some(0.001 * week as f64);
        values.push((week, saved(day, "Uptime", ("", ""), Some(0.9995))));
        values.push((week, saved(day, "Error rate", ("", ""), error)));
        for (job, base) in [("api", 0.2), ("db", 0.05)] {
            let labels = format!("{{job=\"{job}\"}}");
            values.push((week, saved(day, "p95 latency", (&labels, job), Some(base))));
        }
        values.push((week, saved(day, "Throughput", ("", ""), Some(10.0))));
    }
    values
}

#[test]
fn thirteen_meetings_each_stat_series_a_row_with_its_changes_goal_and_trend() {
    let card = build(&weekly(), &history());
    assert_eq!(card.meetings.len(), 13);
    assert_eq!(
        card.meetings[12],
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
    );
    let titles: Vec<String> = card.rows.iter().map(|r| r.title()).collect();
    // Throughput is a chart: not a scorecard row.
    assert_eq!(
        titles,
        [
            "Uptime",
            "Error rate",
            "p95 latency: api",
            "p95 latency: db"
        ]
    );

    let error = &card.rows[1];
    assert_eq!(error.values.len(), 13);
    assert_eq!(error.values[11], None, "the meeting that saw no data");
    let latest = error.latest().expect("the newest value");
    assert!((latest - 0.059).abs() < 1e-12);
    // A week back had no data: no week-over-week change, never a change from 0.
    assert_eq!(error.changes[0], None);
    // A month back: the meeting 28 days before; a year back, 364 days before.
    let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-12);
    assert!(close(error.changes[1], 0.004), "{:?}", error.changes);
    assert!(close(error.changes[2], 0.052), "{:?}", error.changes);
    assert_eq!(error.status, Some(Status::Red));
    assert_eq!(error.trend, Trend::Rising);
    assert_eq!(error.improving(), Some(false));

    let uptime = &card.rows[0];
    assert_eq!(uptime.changes, [Some(0.0), Some(0.0), Some(0.0)]);
    assert_eq!(uptime.trend, Trend::Flat);
    assert_eq!(uptime.status, Some(Status::Green));
}

#[test]
fn a_young_cycle_has_no_year_over_year_and_no_trend_from_two_meetings() {
    let history: Vec<(i64, PanelValue)> = history()
        .into_iter()
        .filter(|(meeting, _)| *meeting >= 58)
        .collect();
    let card = build(&weekly(), &history);
    assert_eq!(card.meetings.len(), 2);
    let uptime = &card.rows[0];
    assert_eq!(uptime.changes, [Some(0.0), None, None]);
    assert_eq!(uptime.trend, Trend::TooFew);
    assert_eq!(
        trend(&[Some(1.0), None, Some(2.0), Some(3.0)]),
        Trend::Rising
    );
    assert_eq!(build(&weekly(), &[]).rows, Vec::new());
}

#[test]
fn a_steady_slide_is_a_trend_and_noise_about_a_level_is_flat() {
    let slide: Vec<Option<f64>> = (0..13).map(|i| Some(0.9972 - 0.00004 * i as f64)).collect();
    assert_eq!(trend(&slide), Trend::Falling);
    let noisy: Vec<Option<f64>> = [
        5.0, 7.0, 4.0, 6.0, 5.5, 4.5, 6.5, 5.0, 6.0, 4.0, 7.0, 5.0, 5.5,
    ]
    .into_iter()
    .map(Some)
    .collect();
    assert_eq!(trend(&noisy), Trend::Flat);
    let constant = vec![Some(0.25); 13];
    assert_eq!(trend(&constant), Trend::Flat);
}
