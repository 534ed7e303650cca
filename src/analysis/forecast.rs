//! Where a series is heading: a straight line through it (least squares, as Prometheus's
//! `predict_linear`; Theil–Sen when outliers would pull that line), the value it reaches at a
//! horizon, and when it crosses a limit, each with how sure that is.

use super::robust::{line, mad_scale, median, theil_sen};

/// A projection from the series' last time.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Forecast {
    /// Seconds ahead of the last point.
    pub horizon: f64,
    /// The change per second along the fitted line.
    pub slope: f64,
    /// The line's value at the last point's time.
    pub now: f64,
    /// The line's value at the horizon, and a likely range around it (two standard errors).
    pub at_horizon: f64,
    pub low: f64,
    pub high: f64,
    /// The robust line was used: outliers would have pulled the least-squares one.
    pub robust: bool,
    /// Seconds from the last point until the line reaches the limit, with the range the
    /// slope's uncertainty allows; `None` when it is not heading there.
    pub crossing: Option<(f64, f64, f64)>,
}

/// The forecast of `points` (time order, finite values) `horizon` seconds past the last one.
pub fn project(points: &[(f64, f64)], horizon: f64, limit: Option<f64>) -> Option<Forecast> {
    let points: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|(t, v)| t.is_finite() && v.is_finite())
        .collect();
    let last = points.last()?.0;
    let (slope, intercept) = line(&points)?;
    let residuals: Vec<f64> = points
        .iter()
        .map(|(t, v)| v - (intercept + slope * t))
        .collect();
    let n = points.len() as f64;
    let spread = (residuals.iter().map(|r| r * r).sum::<f64>() / (n - 2.0).max(1.0)).sqrt();
    // Outliers inflate the standard deviation far past the MAD's: then a robust line.
    let typical = mad_scale(&residuals).unwrap_or(spread);
    let robust = spread > 3.0 * typical.max(f64::MIN_POSITIVE);
    let (slope, intercept, spread) = if robust {
        let slope = theil_sen(&points, 300)?;
        let mut offsets: Vec<f64> = points.iter().map(|(t, v)| v - slope * t).collect();
        let intercept = median(&mut offsets)?;
        (slope, intercept, typical)
    } else {
        (slope, intercept, spread)
    };
    let mean_t = points.iter().map(|p| p.0).sum::<f64>() / n;
    let spread_t = points
        .iter()
        .map(|p| (p.0 - mean_t).powi(2))
        .sum::<f64>()
        .sqrt();
    let slope_error = if spread_t > 0.0 {
        spread / spread_t
    } else {
        0.0
    };
    let now = intercept + slope * last;
    let target = last + horizon;
    let at_horizon = intercept + slope * target;
    // Two standard errors: the line's own uncertainty there and the points' scatter.
    let margin = 2.0 * (spread.powi(2) + (slope_error * (target - mean_t)).powi(2)).sqrt();
    let crossing = limit.and_then(|limit| {
        let until = |slope: f64| {
            let t = (limit - now) / slope;
            (slope != 0.0 && t.is_finite() && t > 0.0).then_some(t)
        };
        let likely = until(slope)?;
        let steeper = until(slope + slope.signum() * 2.0 * slope_error).unwrap_or(likely);
        let gentler = until(slope - slope.signum() * 2.0 * slope_error).unwrap_or(f64::INFINITY);
        Some((likely, steeper.min(likely), gentler.max(likely)))
    });
    Some(Forecast {
        horizon,
        slope,
        now,
        at_horizon,
        low: at_horizon - margin,
        high: at_horizon + margin,
        robust,
        crossing,
    })
}

/// The forecast in words, as the panel and the report say it: "in 30 days: 84% (81%–87%) ·
/// 90% in ~41 days (35–50)", with "robust fit" when the robust line was used.
pub fn describe(
    forecast: &Forecast,
    limit: Option<f64>,
    unit: crate::metrics::units::Unit,
) -> String {
    use crate::metrics::units::Unit;
    let value = |v: f64| crate::metrics::units::format(v, unit);
    let days = |secs: f64| (secs / 86_400.0).round() as i64;
    // A line runs on for ever; what it measures does not: no disk is -30% full.
    let (floor, ceiling) = match unit {
        Unit::Number => (f64::NEG_INFINITY, f64::INFINITY),
        Unit::Percent => (0.0, 100.0),
        Unit::Ratio => (0.0, 1.0),
        _ => (0.0, f64::INFINITY),
    };
    let bounded = |v: f64| v.clamp(floor, ceiling);
    let mut text = format!(
        "in {} days: {} ({}–{})",
        days(forecast.horizon),
        value(bounded(forecast.at_horizon)),
        value(bounded(forecast.low)),
        value(bounded(forecast.high))
    );
    if forecast.at_horizon < floor || forecast.at_horizon > ceiling {
        let edge = if forecast.at_horizon < floor {
            floor
        } else {
            ceiling
        };
        text.push_str(&format!(" · the line reaches {} before then", value(edge)));
    }
    if let (Some(limit), Some((likely, soonest, latest))) = (limit, forecast.crossing) {
        let latest = if latest.is_finite() {
            days(latest).to_string()
        } else {
            "never".into()
        };
        text.push_str(&format!(
            " · {} in ~{} days ({}–{latest})",
            value(limit),
            days(likely),
            days(soonest)
        ));
    }
    if forecast.robust {
        text.push_str(" · robust fit");
    }
    text
}
