//! A finding in one line a person understands: what happened, how big, and when.

use super::{Finding, Kind};
use crate::cycles::panel::{Goal, Status};
use crate::metrics::units::{self, Unit};
use chrono::{DateTime, FixedOffset};

/// "spike to 4.20% on Tue 24 Nov 14:00 (usually 0.50%)", in the meeting's time zone.
pub fn describe(finding: &Finding, unit: Unit, goal: Option<&Goal>, offset: FixedOffset) -> String {
    let value = |v: f64| units::format(v, unit);
    let when = |t: f64| at(t, offset);
    // From the first point to a step past the last: two hourly points are two hours. A single
    // point is a moment.
    let lasting = (finding.end > finding.start)
        .then(|| duration(finding.end - finding.start + finding.step))
        .flatten();
    let mut text = match finding.kind {
        Kind::Outlier => {
            let (t, v) = finding.peak.unwrap_or((finding.start, 0.0));
            let usual = finding.median.unwrap_or(0.0);
            let word = if v >= usual { "spike to" } else { "dip to" };
            // The value is the series at the scan's step, which may differ from the chart's:
            // say which, so "6.20%" here and "3.60%" on a coarser chart do not contradict.
            let step =
                duration(finding.step).map_or_else(String::new, |d| format!(", at {d} steps"));
            // A stretch says when it began and how long it lasted; its worst moment is in the
            // chart. A single point is a moment.
            match lasting {
                Some(lasting) => format!(
                    "{word} {} (usually {}) from {} for {lasting}{step}",
                    value(v),
                    value(usual),
                    when(finding.start)
                ),
                None => format!(
                    "{word} {} on {} (usually {}){step}",
                    value(v),
                    when(t),
                    value(usual)
                ),
            }
        }
        Kind::LevelShift => {
            let (before, after) = finding.levels.unwrap_or((0.0, 0.0));
            let way = if after >= before { "up" } else { "down" };
            format!(
                "moved {way} from {} to {} on {} and stayed there",
                value(before),
                value(after),
                when(finding.start)
            )
        }
        Kind::TrendChange => {
            let (before, after) = finding.slopes.unwrap_or((0.0, 0.0));
            format!(
                "{} since {} (was {})",
                course(after, unit, true),
                when(finding.start),
                course(before, unit, false)
            )
        }
        Kind::Seasonal => {
            let (old, now) = finding.levels.unwrap_or((0.0, 0.0));
            format!(
                "{} against {} at the same hours last week, {}{}",
                value(now),
                value(old),
                when(finding.start),
                lasting.map(|l| format!(" for {l}")).unwrap_or_default()
            )
        }
        Kind::Breach(status) => {
            let (colour, line) = match status {
                Status::Red => ("red", goal.map(|g| g.red)),
                _ => ("amber", goal.map(|g| g.amber)),
            };
            let line = line.map(|l| format!(" ({})", value(l))).unwrap_or_default();
            let (_, worst) = finding.peak.unwrap_or((finding.start, 0.0));
            // Many short stretches are told as how often; one as how long.
            let span = if finding.times > 1 {
                format!("{} times since {}", finding.times, when(finding.start))
            } else {
                format!(
                    "from {}{}",
                    when(finding.start),
                    lasting.map(|l| format!(" for {l}")).unwrap_or_default()
                )
            };
            format!(
                "past the {colour} line{line} {span}, at worst {}",
                value(worst)
            )
        }
    };
    if !finding.also.is_empty() {
        let also: Vec<&str> = finding.also.iter().map(|k| k.label()).collect();
        text.push_str(&format!("; also {}", also.join(", ")));
    }
    text
}

/// "rising 3.10 ms a day", "falling 0.40 pp a day", "flat".
fn course(per_second: f64, unit: Unit, now: bool) -> String {
    let per_day = per_second * 86_400.0;
    if per_day == 0.0 || !per_day.is_finite() {
        return "flat".into();
    }
    let word = match (per_day > 0.0, now) {
        (true, true) => "now rising",
        (false, true) => "now falling",
        (true, false) => "rising",
        (false, false) => "falling",
    };
    let amount = units::format_delta(per_day, unit);
    format!(
        "{word} {} a day",
        amount.trim_start_matches(['+', '-', '±'])
    )
}

/// A unix time as "Thu 26 Nov 14:00" in the meeting's time zone.
pub fn at(t: f64, offset: FixedOffset) -> String {
    DateTime::from_timestamp(t as i64, 0)
        .map(|d| {
            d.with_timezone(&offset)
                .format("%a %-d %b %H:%M")
                .to_string()
        })
        .unwrap_or_else(|| "an unknown time".into())
}

/// "3 h", "45 min", "2 days"; `None` for a single point.
fn duration(secs: f64) -> Option<String> {
    let minutes = (secs / 60.0).round() as i64;
    match minutes {
        0 => None,
        m if m < 120 => Some(format!("{m} min")),
        m if m < 48 * 60 => Some(format!("{} h", m / 60)),
        m => Some(format!("{} days", m / (24 * 60))),
    }
}
