//! What stands out in a metric over the review period, so the room spends its minutes on it:
//! outliers, level shifts, trend changes, deviations from the same hours last week and goal
//! breaches, most significant first, each with a reason a person understands.

pub mod budget;
mod detect;
pub mod forecast;
pub mod job;
pub mod reason;
pub mod robust;

use crate::cycles::panel::{Goal, Status};
use serde::Serialize;

/// The detectors' thresholds (in usual spreads), with the documented defaults.
#[derive(Clone, Copy, Debug, PartialEq, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// A point this many spreads from the median is an outlier.
    pub outlier_z: f64,
    /// A later level this many spreads from the earlier one is a shift.
    pub shift_z: f64,
    /// Recent and earlier trend lines this many spreads apart by the end are a change.
    pub trend_z: f64,
    /// A difference from last week this many spreads beyond the usual week-over-week one.
    pub seasonal_z: f64,
    /// Points in a row needed for a week-over-week deviation.
    pub min_run: usize,
    /// The spread is never below this share of the series' level, so a quiet, steady series
    /// does not flag its small wobbles.
    pub floor: f64,
    /// The recent part whose trend is compared with the rest.
    pub recent_fraction: f64,
    /// How significant a stretch past the red line is.
    pub red_score: f64,
    /// How significant a stretch past the amber line is.
    pub amber_score: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            outlier_z: 6.0,
            shift_z: 5.0,
            trend_z: 6.0,
            seasonal_z: 6.0,
            min_run: 3,
            floor: 0.05,
            recent_fraction: 0.25,
            red_score: 8.0,
            amber_score: 3.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Outlier,
    LevelShift,
    TrendChange,
    Seasonal,
    Breach(#[serde(skip)] Status),
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Outlier => "outlier",
            Kind::LevelShift => "level shift",
            Kind::TrendChange => "trend change",
            Kind::Seasonal => "unlike last week",
            Kind::Breach(Status::Red) => "past the red line",
            Kind::Breach(_) => "past the amber line",
        }
    }
}

/// A finding the room marked as expected, by series, kind and stretch.
#[derive(Clone, Debug, PartialEq)]
pub struct Expected {
    pub series_key: String,
    pub kind: String,
    pub start: f64,
    pub end: f64,
    pub marked_at: chrono::DateTime<chrono::FixedOffset>,
}

impl Expected {
    /// Whether it covers `finding` of the series `key`: same kind, stretches overlapping or
    /// within a step of each other (a rescan's points may sit a little earlier or later).
    pub fn covers(&self, key: &str, finding: &Finding) -> bool {
        let near = finding.step.max(0.0);
        self.series_key == key
            && self.kind == finding.kind.label()
            && self.start - near <= finding.end
            && finding.start <= self.end + near
    }
}

/// Something that stands out in one series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    /// Other detectors that saw the same stretch.
    pub also: Vec<Kind>,
    /// When it starts and ends (unix seconds).
    pub start: f64,
    pub end: f64,
    /// How far out, in usual spreads (breaches score by their line).
    pub score: f64,
    /// The most extreme point (outliers, breaches).
    pub peak: Option<(f64, f64)>,
    /// The series' usual level (outliers).
    pub median: Option<f64>,
    /// The level before and after (shifts; last week's and this week's for seasonal).
    pub levels: Option<(f64, f64)>,
    /// The earlier and recent slopes, per second (trend changes).
    pub slopes: Option<(f64, f64)>,
    /// Seconds between the series' points: a stretch lasts from its first point to one step
    /// past its last.
    pub step: f64,
    /// How many separate stretches it tells of (a line crossed again and again).
    pub times: usize,
}

impl Finding {
    fn new(kind: Kind, start: f64, end: f64) -> Finding {
        Finding {
            kind,
            also: Vec::new(),
            start,
            end,
            score: 0.0,
            peak: None,
            median: None,
            levels: None,
            slopes: None,
            step: 0.0,
            times: 1,
        }
    }

    fn score(mut self, score: f64) -> Finding {
        self.score = score.min(robust::MOST_SPREADS);
        self
    }

    fn peak(mut self, peak: (f64, f64)) -> Finding {
        self.peak = Some(peak);
        self
    }

    fn baseline(mut self, median: f64) -> Finding {
        self.median = Some(median);
        self
    }

    fn levels(mut self, before: f64, after: f64) -> Finding {
        self.levels = Some((before, after));
        self
    }

    fn slopes(mut self, before: f64, after: f64) -> Finding {
        self.slopes = Some((before, after));
        self
    }

    fn overlaps(&self, other: &Finding) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

/// Everything that stands out in one series (points in time order, `step` seconds apart),
/// most significant first; findings over the same stretch are told once.
pub fn scan(
    points: &[(f64, f64)],
    step: f64,
    goal: Option<&Goal>,
    settings: &Settings,
) -> Vec<Finding> {
    let points: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|(t, v)| t.is_finite() && v.is_finite())
        .collect();
    if points.is_empty() {
        return Vec::new();
    }
    let shift = detect::level_shift(&points, settings);
    // Outliers against the level of their own side of a shift, or every point after a big
    // shift would be one.
    let segments: Vec<&[(f64, f64)]> = match &shift {
        Some((split, _)) => vec![&points[..*split], &points[*split..]],
        None => vec![&points],
    };
    let mut found = Vec::new();
    for segment in segments {
        let values: Vec<f64> = segment.iter().map(|p| p.1).collect();
        if let Some(base) = robust::baseline(&values, settings.floor) {
            found.extend(detect::outliers(segment, base, settings));
        }
    }
    // What happens every week at this hour (a Saturday backup) is the usual, not an outlier.
    let values: Vec<f64> = points.iter().map(|p| p.1).collect();
    if let Some(base) = robust::baseline(&values, settings.floor) {
        found.retain(|f| {
            let Some((t, v)) = f.peak else {
                return true;
            };
            let Some(before) = detect::week_before(&points, t, step) else {
                return true;
            };
            let (now, then) = (base.z(v), base.z(before));
            !(then.abs() >= settings.outlier_z && then.signum() == now.signum())
        });
    }
    // A shift in the recent part also bends its trend; it is told as the shift.
    match shift {
        Some((_, shift)) => found.push(shift),
        None => found.extend(detect::trend_change(&points, settings)),
    }
    let odd: Vec<(f64, f64)> = found.iter().map(|f| (f.start, f.end)).collect();
    found.extend(detect::seasonal(&points, step, settings, &odd));
    if let Some(goal) = goal {
        found.extend(detect::breaches(&points, goal, settings));
    }
    let span = points[points.len() - 1].0 - points[0].0;
    let mut merged = merge(found, (6.0 * step).max(span / 100.0));
    for finding in &mut merged {
        finding.step = step;
    }
    merged
}

/// Keeps the strongest of findings about the same event, naming the others in `also`. A shift
/// or trend change is the same event as another finding starting within `near` seconds of it;
/// other findings are the same event when their stretches overlap.
fn merge(mut found: Vec<Finding>, near: f64) -> Vec<Finding> {
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    let same = |a: &Finding, b: &Finding| {
        let lasting = |f: &Finding| matches!(f.kind, Kind::LevelShift | Kind::TrendChange);
        if lasting(a) || lasting(b) {
            (a.start - b.start).abs() <= near
        } else {
            a.overlaps(b)
        }
    };
    let mut kept: Vec<Finding> = Vec::new();
    for finding in found {
        match kept.iter_mut().find(|k| same(k, &finding)) {
            Some(stronger) => {
                if stronger.kind != finding.kind && !stronger.also.contains(&finding.kind) {
                    stronger.also.push(finding.kind);
                }
            }
            None => kept.push(finding),
        }
    }
    kept
}
