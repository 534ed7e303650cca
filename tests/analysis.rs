//! The anomaly detectors on synthetic series with known answers: a spike, a step, a drift that
//! starts late and one that never changes, a weekly pattern with and without a deviation, quiet
//! low-traffic noise that must not flag, a goal's line crossed, and gaps and NaN.

use kaizen::analysis::{Finding, Kind, Settings, scan};
use kaizen::cycles::panel::{Better, Goal, Status};

const HOUR: f64 = 3600.0;
const STEP: f64 = 900.0; // 15 minutes
const START: f64 = 1_795_000_000.0;

/// Deterministic noise: roughly normal, mean 0, standard deviation 1.
struct Noise(u64);

impl Noise {
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.uniform()).sum::<f64>() - 6.0
    }
}

/// `days` of points every 15 minutes: `shape(hours since start)` plus noise of `spread`.
fn series(days: f64, spread: f64, shape: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    let mut noise = Noise(0x9e37_79b9_7f4a_7c15);
    let n = (days * 24.0 * HOUR / STEP) as usize;
    (0..n)
        .map(|i| {
            let t = START + i as f64 * STEP;
            let hours = (t - START) / HOUR;
            (t, shape(hours) + spread * noise.normal())
        })
        .collect()
}

fn kinds(found: &[Finding]) -> Vec<Kind> {
    found.iter().map(|f| f.kind).collect()
}

fn at_hour(hours: f64) -> f64 {
    START + hours * HOUR
}

#[test]
fn steady_noise_raises_nothing() {
    let flat = series(14.0, 1.0, |_| 100.0);
    assert!(scan(&flat, STEP, None, &Settings::default()).is_empty());
}

#[test]
fn a_spike_is_one_outlier_at_its_time() {
    let mut points = series(7.0, 1.0, |_| 100.0);
    points[300].1 = 140.0;
    let found = scan(&points, STEP, None, &Settings::default());
    assert_eq!(kinds(&found), [Kind::Outlier], "{found:?}");
    assert_eq!(found[0].peak, Some((points[300].0, 140.0)));
    assert!(found[0].score > 6.0, "{found:?}");
}

#[test]
fn a_step_is_a_level_shift_where_it_happened_and_nothing_else() {
    let step_at = 100.0; // hours in
    let points = series(7.0, 1.0, |h| if h < step_at { 100.0 } else { 130.0 });
    let found = scan(&points, STEP, None, &Settings::default());
    assert_eq!(kinds(&found), [Kind::LevelShift], "{found:?}");
    assert!(
        (found[0].start - at_hour(step_at)).abs() <= STEP,
        "{found:?}"
    );
    let (before, after) = found[0].levels.expect("levels");
    assert!((before - 100.0).abs() < 1.0 && (after - 130.0).abs() < 1.0);
}

#[test]
fn a_drift_that_starts_late_is_a_trend_change() {
    // Flat for five and a quarter days, then climbing 20 a day.
    let turn = 126.0;
    let points = series(7.0, 1.0, |h| {
        if h < turn {
            100.0
        } else {
            100.0 + (h - turn) * 20.0 / 24.0
        }
    });
    let found = scan(&points, STEP, None, &Settings::default());
    assert!(
        found
            .iter()
            .any(|f| matches!(f.kind, Kind::TrendChange | Kind::LevelShift)),
        "{found:?}"
    );
    let first = &found[0];
    assert!(first.start >= at_hour(turn - 12.0), "{found:?}");
}

#[test]
fn a_steady_drift_all_along_is_the_normal_course() {
    // Disk filling 1 point a day for two weeks: no shift, no change of trend.
    let points = series(14.0, 0.3, |h| 50.0 + h / 24.0);
    let found = scan(&points, STEP, None, &Settings::default());
    assert!(found.is_empty(), "{found:?}");
}

/// A weekday/weekend pattern with a daily cycle, two weeks of it.
fn weekly_pattern(h: f64) -> f64 {
    let day = (h / 24.0).floor() as i64 % 7;
    let weekend = if day >= 5 { 0.5 } else { 1.0 };
    let daily = 1.0 + 0.6 * ((h % 24.0 - 14.0) / 24.0 * std::f64::consts::TAU).cos();
    100.0 * weekend * daily
}

#[test]
fn a_weekly_pattern_repeating_raises_nothing() {
    let points = series(14.0, 1.5, weekly_pattern);
    let found = scan(&points, STEP, None, &Settings::default());
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn six_hours_unlike_last_week_are_found_at_their_time() {
    // Day 10, 02:00-08:00: the quiet night hours run at the afternoon's level.
    let from = 10.0 * 24.0 + 2.0;
    let points = series(14.0, 1.5, |h| {
        let usual = weekly_pattern(h);
        if (from..from + 6.0).contains(&h) {
            usual + 60.0
        } else {
            usual
        }
    });
    let found = scan(&points, STEP, None, &Settings::default());
    assert_eq!(found.len(), 1, "{found:?}");
    let finding = &found[0];
    assert!(
        finding.kind == Kind::Seasonal || finding.also.contains(&Kind::Seasonal),
        "{finding:?}"
    );
    assert!(
        (finding.start - at_hour(from)).abs() <= 2.0 * STEP,
        "{finding:?}"
    );
    assert!(
        (finding.end - at_hour(from + 6.0)).abs() <= 2.0 * STEP,
        "{finding:?}"
    );
}

#[test]
fn a_quiet_low_traffic_series_does_not_flag_its_noise() {
    // Requests per second of a quiet job: mostly nothing, now and then one or two.
    let mut noise = Noise(7);
    let counts: Vec<(f64, f64)> = (0..1344)
        .map(|i| {
            let r = noise.uniform();
            let v = if r > 0.97 {
                2.0
            } else if r > 0.9 {
                1.0
            } else {
                0.0
            };
            (START + i as f64 * STEP, v / 60.0)
        })
        .collect();
    assert!(scan(&counts, STEP, None, &Settings::default()).is_empty());
    // And a tiny error ratio wobbling around 0.2%.
    let ratio = series(14.0, 0.0004, |_| 0.002);
    let ratio: Vec<(f64, f64)> = ratio.into_iter().map(|(t, v)| (t, v.max(0.0))).collect();
    let found = scan(&ratio, STEP, None, &Settings::default());
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_goal_s_red_line_crossed_is_a_breach_for_as_long_as_it_lasted() {
    let goal = Goal {
        better: Better::Lower,
        amber: 0.01,
        red: 0.05,
    };
    let from = 50.0;
    let points = series(7.0, 0.0005, |h| {
        if (from..from + 3.0).contains(&h) {
            0.08
        } else {
            0.004
        }
    });
    let found = scan(&points, STEP, Some(&goal), &Settings::default());
    assert_eq!(found.len(), 1, "{found:?}");
    let finding = &found[0];
    assert!(
        finding.kind == Kind::Breach(Status::Red)
            || finding.also.contains(&Kind::Breach(Status::Red)),
        "{finding:?}"
    );
    assert!((finding.start - at_hour(from)).abs() <= STEP);
    assert!((finding.end - at_hour(from + 3.0)).abs() <= 2.0 * STEP);
}

#[test]
fn gaps_nan_and_infinities_are_stepped_over() {
    let mut points = series(7.0, 1.0, |_| 100.0);
    // Six hours missing, a few NaN and infinite samples, and one real spike after the gap.
    points.drain(200..224);
    points[100].1 = f64::NAN;
    points[101].1 = f64::INFINITY;
    points[102].1 = f64::NEG_INFINITY;
    points[400].1 = 150.0;
    let found = scan(&points, STEP, None, &Settings::default());
    assert_eq!(kinds(&found), [Kind::Outlier], "{found:?}");
    assert_eq!(found[0].peak.map(|p| p.1), Some(150.0));
    assert!(scan(&[], STEP, None, &Settings::default()).is_empty());
    assert!(scan(&[(START, f64::NAN)], STEP, None, &Settings::default()).is_empty());
}

#[test]
fn findings_read_as_sentences() {
    use chrono::FixedOffset;
    use kaizen::analysis::reason::describe;
    use kaizen::metrics::units::Unit;
    let utc = FixedOffset::east_opt(0).unwrap();
    let mut points = series(7.0, 0.001, |_| 0.1);
    points[300].1 = 0.45;
    let found = scan(&points, STEP, None, &Settings::default());
    let text = describe(&found[0], Unit::Seconds, None, utc);
    assert_eq!(
        text,
        "spike to 450 ms on Sat 21 Nov 14:06 (usually 100 ms), at 15 min steps"
    );
}

#[test]
fn last_week_s_incident_does_not_make_this_week_look_unusual() {
    // Day 3, 14:00-16:00: an incident. This week, the same hours are normal.
    let from = 3.0 * 24.0 + 14.0;
    let points = series(14.0, 1.5, |h| {
        let usual = weekly_pattern(h);
        if (from..from + 2.0).contains(&h) {
            usual + 300.0
        } else {
            usual
        }
    });
    let found = scan(&points, STEP, None, &Settings::default());
    assert_eq!(kinds(&found), [Kind::Outlier], "{found:?}");
    assert!((found[0].start - at_hour(from)).abs() <= STEP);
}

#[test]
fn a_forecast_follows_the_line_and_says_when_a_limit_is_reached() {
    use kaizen::analysis::forecast::project;
    // 1 point a day from 50, for 14 days; the limit 90 is 26 days past the last point.
    let points = series(14.0, 0.2, |h| 50.0 + h / 24.0);
    let forecast = project(&points, 30.0 * 86_400.0, Some(90.0)).expect("a forecast");
    assert!(
        (forecast.at_horizon - (64.0 + 30.0)).abs() < 0.5,
        "{forecast:?}"
    );
    assert!(forecast.low < forecast.at_horizon && forecast.at_horizon < forecast.high);
    let (likely, soonest, latest) = forecast.crossing.expect("heading for 90");
    assert!((likely / 86_400.0 - 26.0).abs() < 0.5, "{forecast:?}");
    assert!(soonest <= likely && likely <= latest);
    // Going the other way, or flat, never reaches it.
    let falling = series(14.0, 0.2, |h| 50.0 - h / 24.0);
    assert_eq!(
        project(&falling, 86_400.0, Some(90.0)).unwrap().crossing,
        None
    );
    let flat: Vec<(f64, f64)> = (0..100).map(|i| (START + i as f64 * STEP, 5.0)).collect();
    assert_eq!(project(&flat, 86_400.0, Some(90.0)).unwrap().crossing, None);
}

#[test]
fn a_few_wild_points_switch_the_forecast_to_the_robust_line() {
    use kaizen::analysis::forecast::project;
    let mut points = series(14.0, 0.2, |h| 50.0 + h / 24.0);
    // A week-old outage reported as zeros, and two absurd spikes near the end.
    for p in &mut points[400..440] {
        p.1 = 0.0;
    }
    let n = points.len();
    points[n - 3].1 = 500.0;
    points[n - 2].1 = 500.0;
    let forecast = project(&points, 30.0 * 86_400.0, None).expect("a forecast");
    assert!(forecast.robust, "{forecast:?}");
    assert!((forecast.at_horizon - 94.0).abs() < 1.5, "{forecast:?}");
}

#[test]
fn spend_against_a_monthly_budget_with_each_project_s_share() {
    use chrono::TimeZone;
    use kaizen::analysis::budget::spend;
    // Ten days into November, two projects at $3 and $1 an hour since the month began.
    let utc = chrono::FixedOffset::east_opt(0).unwrap();
    let month = utc
        .with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
        .unwrap()
        .timestamp() as f64;
    let now = utc.with_ymd_and_hms(2026, 11, 11, 0, 0, 0).unwrap();
    let hours: Vec<f64> = (-48..240).map(|h| month + h as f64 * 3600.0).collect();
    let api: Vec<(f64, f64)> = hours.iter().map(|t| (*t, 3.0)).collect();
    let batch: Vec<(f64, f64)> = hours.iter().map(|t| (*t, 1.0)).collect();
    let spent = spend(
        &[("api".into(), &api), ("batch".into(), &batch)],
        3600.0,
        3000.0,
        now,
    )
    .expect("a budget");
    // 240 hours of $4, from the first of the month (October's two days left out).
    assert_eq!(spent.to_date, 960.0);
    // 20 more days at $4 an hour: $1,920 more.
    assert_eq!(spent.projected, Some(960.0 + 20.0 * 24.0 * 4.0));
    assert_eq!(
        spent.shares,
        [("api".to_string(), 0.75), ("batch".to_string(), 0.25)]
    );
    assert!((spent.used() - 0.32).abs() < 1e-9);
    assert!((spent.projected_share().expect("a rate") - 0.96).abs() < 1e-9);

    // Costs that stopped two days ago: what was spent is known, where the month ends is not
    // (no rate is known, which is not a rate of 0).
    let stopped: Vec<(f64, f64)> = api
        .iter()
        .copied()
        .filter(|(t, _)| *t < month + 192.0 * 3600.0)
        .collect();
    let spent = spend(&[("api".into(), &stopped)], 3600.0, 3000.0, now).expect("a budget");
    assert_eq!(spent.to_date, 192.0 * 3.0);
    assert_eq!(spent.projected, None);
    // Nothing at all this month: no spend, rather than a spend of 0.
    let october: Vec<(f64, f64)> = api.iter().copied().filter(|(t, _)| *t < month).collect();
    assert_eq!(
        spend(&[("api".into(), &october)], 3600.0, 3000.0, now),
        None
    );
}

#[test]
fn a_single_blip_in_a_quiet_series_is_listed_but_never_outranks_a_real_incident() {
    let mut zeros: Vec<(f64, f64)> = (0..336).map(|i| (START + i as f64 * HOUR, 0.0)).collect();
    zeros[200].1 = 0.0033;
    let found = scan(&zeros, HOUR, None, &Settings::default());
    assert!(found.iter().all(|f| f.score <= 7.0), "{found:?}");
    let mut spiky = series(14.0, 1.0, |_| 100.0);
    spiky[500].1 = 160.0;
    let real = scan(&spiky, STEP, None, &Settings::default());
    assert!(real[0].score > 7.0, "{real:?}");
}

#[test]
fn a_six_hour_doubling_ten_days_ago_is_found_at_its_time() {
    let from = 4.0 * 24.0 + 10.0;
    let points = series(14.0, 1.0, |h| {
        if (from..from + 6.0).contains(&h) {
            200.0
        } else {
            100.0
        }
    });
    let found = scan(&points, STEP, None, &Settings::default());
    assert!(!found.is_empty(), "{found:?}");
    assert!((found[0].start - at_hour(from)).abs() <= STEP, "{found:?}");
    assert!(
        found
            .iter()
            .all(|f| (f.start - at_hour(from)).abs() <= STEP),
        "nothing else blamed: {found:?}"
    );
}

#[test]
fn a_weekly_backup_spike_is_the_usual_not_an_outlier() {
    // Saturdays 02:00-03:00, both weeks: the backup.
    let points = series(14.0, 1.0, |h| {
        let day = (h / 24.0).floor() as i64 % 7;
        if day == 5 && (2.0..3.0).contains(&(h % 24.0)) {
            90.0
        } else {
            20.0
        }
    });
    let found = scan(&points, STEP, None, &Settings::default());
    let second_week: Vec<&Finding> = found
        .iter()
        .filter(|f| f.start >= at_hour(7.0 * 24.0))
        .collect();
    assert!(second_week.is_empty(), "{found:?}");
}

#[test]
fn a_value_hovering_at_the_amber_line_is_not_a_flood_of_breaches() {
    let goal = Goal {
        better: Better::Lower,
        amber: 0.3,
        red: 0.5,
    };
    let points = series(14.0, 0.01, |_| 0.29);
    let found = scan(&points, STEP, Some(&goal), &Settings::default());
    assert!(found.len() <= 3, "{} findings: {found:?}", found.len());
}

#[test]
fn the_last_point_of_a_budget_counts_only_up_to_now() {
    use chrono::TimeZone;
    use kaizen::analysis::budget::spend;
    // Daily points of $240 a day ($10 an hour); it is 09:00 on the 1st.
    let utc = chrono::FixedOffset::east_opt(0).unwrap();
    let now = utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    let midnight = utc
        .with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
        .unwrap()
        .timestamp() as f64;
    let points = [(midnight - 86_400.0, 10.0), (midnight, 10.0)];
    let spent = spend(&[("all".into(), &points)], 86_400.0, 1000.0, now).expect("a budget");
    assert_eq!(spent.to_date, 90.0, "nine hours of $10");
}

#[test]
fn many_touches_of_a_line_read_as_one_sentence() {
    use kaizen::analysis::reason::describe;
    let goal = Goal {
        better: Better::Lower,
        amber: 0.3,
        red: 0.5,
    };
    let points = series(14.0, 0.01, |_| 0.29);
    let found = scan(&points, STEP, Some(&goal), &Settings::default());
    let utc = chrono::FixedOffset::east_opt(0).unwrap();
    let text = describe(
        &found[0],
        kaizen::metrics::units::Unit::Seconds,
        Some(&goal),
        utc,
    );
    assert!(text.starts_with("past the amber line (300 ms) "), "{text}");
    assert!(text.contains(" times since "), "{text}");
}

#[test]
fn a_forecast_never_says_a_disk_will_be_less_than_empty() {
    use kaizen::analysis::forecast::{Forecast, describe};
    use kaizen::metrics::units::Unit;
    let falling = Forecast {
        horizon: 90.0 * 86_400.0,
        slope: -1e-7,
        now: 0.4,
        at_horizon: -0.316,
        low: -0.53,
        high: -0.102,
        robust: false,
        crossing: None,
    };
    let text = describe(&falling, Some(0.9), Unit::Ratio);
    assert_eq!(
        text,
        "in 90 days: 0.00% (0.00%–0.00%) · the line reaches 0.00% before then"
    );
    // A plain number may go below zero.
    assert!(describe(&falling, None, Unit::Number).contains("-0.32"));
}

/// A one-point finding of an outlier at `at`, on points an hour apart.
fn outlier_at(at: f64) -> Finding {
    Finding {
        kind: Kind::Outlier,
        also: Vec::new(),
        start: at,
        end: at,
        score: 9.0,
        peak: Some((at, 1.0)),
        median: Some(0.0),
        levels: None,
        slopes: None,
        step: 3600.0,
        times: 1,
    }
}

#[test]
fn a_mark_holds_when_a_rescan_places_its_point_a_little_later() {
    let mark = kaizen::analysis::Expected {
        series_key: "rate(x[$step])\u{1f}api".into(),
        kind: "outlier".into(),
        start: 1_795_000_000.0,
        end: 1_795_000_000.0,
        marked_at: chrono::DateTime::parse_from_rfc3339("2026-11-30T09:00:00+00:00").unwrap(),
    };
    let key = "rate(x[$step])\u{1f}api";
    // The same point, seconds or most of a step later: still the stretch the room marked.
    assert!(mark.covers(key, &outlier_at(1_795_000_012.0)));
    assert!(mark.covers(key, &outlier_at(1_795_000_000.0 + 3000.0)));
    // Two steps on is another event; another series or kind is not covered.
    assert!(!mark.covers(key, &outlier_at(1_795_000_000.0 + 7300.0)));
    assert!(!mark.covers("rate(x[$step])\u{1f}web", &outlier_at(1_795_000_012.0)));
}
