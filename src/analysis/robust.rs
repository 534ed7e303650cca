//! Robust statistics for the detectors: medians, spread that one wild point cannot inflate,
//! and a scale with floors so that a quiet series is not called unusual for its noise.

/// The median of `values` (which it sorts); `None` when empty.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// The `q` quantile (0..=1) of `values` (which it sorts), by nearest rank.
pub fn quantile(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let rank = ((values.len() - 1) as f64 * q.clamp(0.0, 1.0)).round() as usize;
    Some(values[rank])
}

/// Where a series usually sits and how far it usually strays.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Baseline {
    pub median: f64,
    /// A standard deviation's worth of usual spread, never below the floors.
    pub scale: f64,
    /// Nearly every value is the same (a quiet series of zeros): no spread to measure by.
    pub flat: bool,
}

/// The most spreads a finding is said to be out: beyond it, the number means nothing.
pub const MOST_SPREADS: f64 = 99.0;

impl Baseline {
    /// How many usual spreads `value` lies from the median. A flat series has no spread to
    /// measure by: anything off its value counts as just past `threshold`, so a blip in a
    /// quiet series is listed but never outranks a real incident.
    pub fn z(&self, value: f64) -> f64 {
        self.z_past(value, f64::INFINITY)
    }

    pub fn z_past(&self, value: f64, threshold: f64) -> f64 {
        let z = (value - self.median) / self.scale;
        let z = z.clamp(-MOST_SPREADS, MOST_SPREADS);
        if self.flat && z != 0.0 && threshold.is_finite() {
            return z.signum() * z.abs().min(threshold + 1.0);
        }
        z
    }
}

/// The baseline of `values` (finite ones). The scale is the largest of: the MAD (as a
/// standard deviation), a third of the 99th percentile deviation (so a heavy-tailed quiet
/// series, mostly zeros and some ones, is not "unusual" at every one), and `floor` of the
/// median's size; never zero.
pub fn baseline(values: &[f64], floor: f64) -> Option<Baseline> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let median = median(&mut sorted)?;
    let mut deviations: Vec<f64> = sorted.iter().map(|v| (v - median).abs()).collect();
    let mad = self::median(&mut deviations.clone()).unwrap_or(0.0);
    let tail = quantile(&mut deviations, 0.99).unwrap_or(0.0);
    let spread = 1.4826 * mad;
    // The tail only widens a spread the MAD cannot see (mostly-equal values); it never
    // swallows a stretch that is really unusual.
    let tail = if spread > 0.0 {
        (tail / 3.0).min(3.0 * spread)
    } else {
        tail / 3.0
    };
    let level = sorted.iter().map(|v| v.abs()).sum::<f64>() / sorted.len() as f64;
    let scale = spread
        .max(tail)
        .max(floor * median.abs().max(level))
        .max(f64::MIN_POSITIVE.sqrt());
    Some(Baseline {
        median,
        scale,
        flat: spread == 0.0 && tail == 0.0,
    })
}

/// The MAD of `values` as a standard deviation.
pub fn mad_scale(values: &[f64]) -> Option<f64> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let median = median(&mut sorted)?;
    let mut deviations: Vec<f64> = sorted.iter().map(|v| (v - median).abs()).collect();
    Some(1.4826 * self::median(&mut deviations)?)
}

/// The least-squares slope of `points` (value per second); `None` below two distinct times.
pub fn slope(points: &[(f64, f64)]) -> Option<f64> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let (mean_t, mean_v) = points
        .iter()
        .fold((0.0, 0.0), |(t, v), p| (t + p.0 / n, v + p.1 / n));
    let (mut cov, mut var) = (0.0, 0.0);
    for (t, v) in points {
        cov += (t - mean_t) * (v - mean_v);
        var += (t - mean_t) * (t - mean_t);
    }
    (var > 0.0).then(|| cov / var)
}

/// The least-squares line through `points`: (slope per second, value at time 0).
pub fn line(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let slope = slope(points)?;
    let n = points.len() as f64;
    let (mean_t, mean_v) = points
        .iter()
        .fold((0.0, 0.0), |(t, v), p| (t + p.0 / n, v + p.1 / n));
    Some((slope, mean_v - slope * mean_t))
}

/// The Theil–Sen slope: the median of slopes between pairs, robust to a third of the points
/// being wild. Long series are thinned to `most` evenly spaced points first (pairs grow as the
/// square).
pub fn theil_sen(points: &[(f64, f64)], most: usize) -> Option<f64> {
    let step = points.len().div_ceil(most.max(2)).max(1);
    let thinned: Vec<(f64, f64)> = points.iter().step_by(step).copied().collect();
    let mut slopes = Vec::with_capacity(thinned.len() * thinned.len() / 2);
    for (i, a) in thinned.iter().enumerate() {
        for b in &thinned[i + 1..] {
            if b.0 != a.0 {
                slopes.push((b.1 - a.1) / (b.0 - a.0));
            }
        }
    }
    median(&mut slopes)
}
