//! The detectors, each on one series of (unix seconds, value) points in time order: outliers
//! from the robust baseline, a level shift (where the series moved and stayed), a change of
//! trend in the recent part, a stretch unlike the same hours a week before, and a goal's line
//! crossed. Each finding says why in words a person reads.

use super::robust::{Baseline, baseline, theil_sen};
use super::{Finding, Kind, Settings};
use crate::cycles::panel::{Goal, Status};

const WEEK: f64 = 7.0 * 86_400.0;

/// Outliers: points far from the median, in runs of neighbours.
pub fn outliers(points: &[(f64, f64)], base: Baseline, settings: &Settings) -> Vec<Finding> {
    let z = |v: f64| base.z_past(v, settings.outlier_z);
    let far = |v: f64| z(v).abs() >= settings.outlier_z;
    runs(points, |_, v| far(v))
        .into_iter()
        .map(|(from, to)| {
            let stretch = &points[from..=to];
            // Scores are capped, so two points may tie: the one further out is the peak.
            let away = |v: f64| (v - base.median).abs();
            let peak = stretch
                .iter()
                .copied()
                .max_by(|a, b| {
                    z(a.1)
                        .abs()
                        .total_cmp(&z(b.1).abs())
                        .then(away(a.1).total_cmp(&away(b.1)))
                })
                .unwrap_or(stretch[0]);
            Finding::new(Kind::Outlier, stretch[0].0, stretch[stretch.len() - 1].0)
                .score(z(peak.1).abs())
                .peak(peak)
                .baseline(base.median)
        })
        .collect()
}

/// A level shift: the point that best splits the series into two levels, when the later
/// level stands apart from the earlier one's own trend by more than its usual spread.
/// Returns where the later level starts (an index into `points`) with the finding.
pub fn level_shift(points: &[(f64, f64)], settings: &Settings) -> Option<(usize, Finding)> {
    let n = points.len();
    if n < 20 {
        return None;
    }
    let split = best_split(points)?;
    let (before, after) = points.split_at(split);
    // Against the earlier part's own trend, so steady growth is not a "shift".
    let trend = theil_sen(before, 200).unwrap_or(0.0);
    let residual = |p: &(f64, f64)| p.1 - trend * (p.0 - before[0].0);
    let left: Vec<f64> = before.iter().map(residual).collect();
    let right: Vec<f64> = after.iter().map(residual).collect();
    let base = baseline(&left, settings.floor)?;
    let later = baseline(&right, settings.floor)?;
    let score = (later.median - base.median).abs() / base.scale;
    (score >= settings.shift_z).then(|| {
        let mut before_values: Vec<f64> = before.iter().map(|p| p.1).collect();
        let mut after_values: Vec<f64> = after.iter().map(|p| p.1).collect();
        let finding = Finding::new(Kind::LevelShift, after[0].0, after[after.len() - 1].0)
            .score(score)
            .levels(
                super::robust::median(&mut before_values).unwrap_or(0.0),
                super::robust::median(&mut after_values).unwrap_or(0.0),
            );
        (split, finding)
    })
}

/// Where the mean before and after differ most (weighted so both sides carry weight); at
/// least a tenth of the points on each side.
fn best_split(points: &[(f64, f64)]) -> Option<usize> {
    let n = points.len();
    let total: f64 = points.iter().map(|p| p.1).sum();
    let edge = (n / 10).max(3);
    let mut left = 0.0;
    let mut best: Option<(usize, f64)> = None;
    for (k, point) in points.iter().enumerate().take(n - edge) {
        left += point.1;
        let k = k + 1;
        if k < edge {
            continue;
        }
        let (nl, nr) = (k as f64, (n - k) as f64);
        let gap = (left / nl - (total - left) / nr).abs() * (nl * nr / n as f64).sqrt();
        if best.is_none_or(|(_, b)| gap > b) {
            best = Some((k, gap));
        }
    }
    best.map(|(k, _)| k)
}

/// A change of trend: the recent part's slope against the earlier part's, measured as how
/// far apart the two lines end up over the recent part, in usual spreads.
pub fn trend_change(points: &[(f64, f64)], settings: &Settings) -> Option<Finding> {
    let n = points.len();
    if n < 40 {
        return None;
    }
    let start = points[0].0;
    let span = points[n - 1].0 - start;
    let cut = start + span * (1.0 - settings.recent_fraction);
    let at = points.partition_point(|p| p.0 < cut);
    let (before, recent) = points.split_at(at);
    if before.len() < 10 || recent.len() < 10 {
        return None;
    }
    let old = theil_sen(before, 200)?;
    let new = theil_sen(recent, 200)?;
    let residuals: Vec<f64> = before
        .iter()
        .map(|p| p.1 - old * (p.0 - before[0].0))
        .collect();
    let base = baseline(&residuals, settings.floor)?;
    let duration = recent[recent.len() - 1].0 - recent[0].0;
    let score = (new - old).abs() * duration / base.scale;
    (score >= settings.trend_z).then(|| {
        Finding::new(Kind::TrendChange, recent[0].0, recent[recent.len() - 1].0)
            .score(score)
            .slopes(old, new)
    })
}

/// Unlike last week: runs of points that differ from the value at the same time a week
/// before by more than the week-over-week differences usually do. Times inside `odd` (last
/// week's own outliers) are not compared: this week is not unusual for being normal.
pub fn seasonal(
    points: &[(f64, f64)],
    step: f64,
    settings: &Settings,
    odd: &[(f64, f64)],
) -> Vec<Finding> {
    let Some(last) = points.last() else {
        return Vec::new();
    };
    let from = last.0 - WEEK;
    let paired: Vec<(f64, f64, f64)> = points
        .iter()
        .filter(|p| p.0 > from)
        .filter(|p| {
            let then = p.0 - WEEK;
            !odd.iter()
                .any(|(a, b)| then >= a - step && then <= b + step)
        })
        .filter_map(|p| week_before(points, p.0, step).map(|old| (p.0, p.1, old)))
        .collect();
    if paired.len() < 20 {
        return Vec::new();
    }
    let differences: Vec<f64> = paired.iter().map(|(_, now, old)| now - old).collect();
    let mut levels: Vec<f64> = paired.iter().map(|(_, now, _)| now.abs()).collect();
    let level = super::robust::median(&mut levels).unwrap_or(0.0);
    // Measured from no difference at all. The spread is the MAD's, or half the 90th
    // percentile difference when that is more (a quiet series, mostly zeros, has a MAD of
    // nothing); a deviation of up to a tenth of the week leaves that percentile alone.
    let Some(spread) = super::robust::mad_scale(&differences) else {
        return Vec::new();
    };
    let mut sizes: Vec<f64> = differences.iter().map(|d| d.abs()).collect();
    let usual = super::robust::quantile(&mut sizes, 0.9).unwrap_or(0.0) / 2.0;
    // As in the baseline: the percentile only helps where the MAD sees nothing.
    let usual = if spread > 0.0 {
        usual.min(3.0 * spread)
    } else {
        usual
    };
    let base = Baseline {
        median: 0.0,
        scale: spread
            .max(usual)
            .max(settings.floor * level)
            .max(f64::MIN_POSITIVE.sqrt()),
        flat: false,
    };
    let far = |d: f64| base.z(d).abs() >= settings.seasonal_z;
    let as_points: Vec<(f64, f64)> = paired.iter().map(|(t, now, old)| (*t, now - old)).collect();
    runs(&as_points, |_, d| far(d))
        .into_iter()
        .filter(|(from, to)| to - from + 1 >= settings.min_run)
        .map(|(from, to)| {
            let stretch = &paired[from..=to];
            let mut nows: Vec<f64> = stretch.iter().map(|s| s.1).collect();
            let mut olds: Vec<f64> = stretch.iter().map(|s| s.2).collect();
            let mut gaps: Vec<f64> = stretch.iter().map(|s| base.z(s.1 - s.2).abs()).collect();
            Finding::new(Kind::Seasonal, stretch[0].0, stretch[stretch.len() - 1].0)
                .score(super::robust::median(&mut gaps).unwrap_or(0.0))
                .levels(
                    super::robust::median(&mut olds).unwrap_or(0.0),
                    super::robust::median(&mut nows).unwrap_or(0.0),
                )
        })
        .collect()
}

/// The value a week before `t`, if a point lies within half a step of it.
pub fn week_before(points: &[(f64, f64)], t: f64, step: f64) -> Option<f64> {
    let target = t - WEEK;
    let at = points.partition_point(|p| p.0 < target);
    [at.checked_sub(1), Some(at)]
        .into_iter()
        .flatten()
        .filter_map(|i| points.get(i))
        .filter(|p| (p.0 - target).abs() <= step / 2.0)
        .min_by(|a, b| (a.0 - target).abs().total_cmp(&(b.0 - target).abs()))
        .map(|p| p.1)
}

/// Stretches past the goal's red line (and, weaker, its amber line).
pub fn breaches(points: &[(f64, f64)], goal: &Goal, settings: &Settings) -> Vec<Finding> {
    let mut found = Vec::new();
    for (status, score) in [
        (Status::Red, settings.red_score),
        (Status::Amber, settings.amber_score),
    ] {
        let past = |v: f64| match goal.status(v) {
            Some(Status::Red) => true,
            Some(Status::Amber) => status == Status::Amber,
            _ => false,
        };
        for (from, to) in joined(runs(points, |_, v| past(v)), 3) {
            // A value hovering at the line is not a breach each time it touches it.
            if to - from + 1 < settings.min_run {
                continue;
            }
            let stretch = &points[from..=to];
            let worst = stretch
                .iter()
                .copied()
                .max_by(|a, b| match goal.better {
                    crate::cycles::panel::Better::Lower => a.1.total_cmp(&b.1),
                    crate::cycles::panel::Better::Higher => b.1.total_cmp(&a.1),
                })
                .unwrap_or(stretch[0]);
            // An amber stretch that also went red is told once, as red.
            let reached_red = stretch
                .iter()
                .any(|p| goal.status(p.1) == Some(Status::Red));
            if status == Status::Amber && reached_red {
                continue;
            }
            found.push(
                Finding::new(
                    Kind::Breach(status),
                    stretch[0].0,
                    stretch[stretch.len() - 1].0,
                )
                .score(score)
                .peak(worst),
            );
        }
        // Many short stretches past one line are told once: how often, and the worst.
        let of_status: Vec<usize> = (0..found.len())
            .filter(|i| found[*i].kind == Kind::Breach(status))
            .collect();
        if of_status.len() > 3 {
            let many: Vec<Finding> = of_status.iter().map(|i| found[*i].clone()).collect();
            found.retain(|f| f.kind != Kind::Breach(status));
            found.push(summary_of(&many, goal.better));
        }
    }
    found
}

/// One finding for many stretches past a line: from the first to the last, the worst point,
/// and how many there were.
fn summary_of(many: &[Finding], better: crate::cycles::panel::Better) -> Finding {
    let worst = many
        .iter()
        .filter_map(|f| f.peak)
        .max_by(|a, b| match better {
            crate::cycles::panel::Better::Lower => a.1.total_cmp(&b.1),
            crate::cycles::panel::Better::Higher => b.1.total_cmp(&a.1),
        });
    let mut summary = many[0].clone();
    summary.end = many[many.len() - 1].end;
    summary.peak = worst;
    summary.times = many.len();
    summary
}

/// Runs no more than `gap` points apart joined into one.
fn joined(runs: Vec<(usize, usize)>, gap: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (from, to) in runs {
        match out.last_mut() {
            Some(last) if from - last.1 <= gap => last.1 = to,
            _ => out.push((from, to)),
        }
    }
    out
}

/// Runs of consecutive points that `hit`, as (first, last) indices.
fn runs(points: &[(f64, f64)], hit: impl Fn(f64, f64) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &(t, v)) in points.iter().enumerate() {
        match (hit(t, v), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i - 1));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, points.len() - 1));
    }
    out
}
