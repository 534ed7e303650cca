//! Spend against a monthly budget, from a cost rate (currency per hour) per project: spent so
//! far this month, where the month will end at the current rate, and each project's share.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone};

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Spend {
    pub budget: f64,
    /// When the month began (unix seconds): what `to_date` counts from.
    pub since: f64,
    /// Spent since the month began.
    pub to_date: f64,
    /// Where the month ends if the last day's rate holds; `None` when no series has a point
    /// in the last day (no rate is known, which is not a rate of 0).
    pub projected: Option<f64>,
    /// Each series' name and its share of the spend so far, largest first.
    pub shares: Vec<(String, f64)>,
}

impl Spend {
    pub fn used(&self) -> f64 {
        self.to_date / self.budget
    }

    pub fn projected_share(&self) -> Option<f64> {
        Some(self.projected? / self.budget)
    }
}

/// The spend of `series` (name, points of currency per hour) in `now`'s month: each point
/// stands for `step` seconds.
pub fn spend(
    series: &[(String, &[(f64, f64)])],
    step: f64,
    budget: f64,
    now: DateTime<FixedOffset>,
) -> Option<Spend> {
    let offset = *now.offset();
    let first = NaiveDate::from_ymd_opt(now.year(), now.month(), 1)?;
    let month_start = offset
        .from_local_datetime(&first.and_hms_opt(0, 0, 0)?)
        .single()?
        .timestamp() as f64;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    let month_end = offset
        .from_local_datetime(&next.and_hms_opt(0, 0, 0)?)
        .single()?
        .timestamp() as f64;
    let last_time = now.timestamp() as f64;
    // No point in the month so far is no spend known, not a spend of 0.
    let any_this_month = series.iter().any(|(_, points)| {
        points
            .iter()
            .any(|(t, v)| v.is_finite() && *t + step > month_start && *t <= last_time)
    });
    if !any_this_month {
        return None;
    }
    // Each point stands for the step after it, counted only as far as it lies in the month
    // so far (the last one ends now, not a step later).
    let spent_by = |points: &[(f64, f64)]| -> f64 {
        points
            .iter()
            .filter(|(_, v)| v.is_finite())
            .map(|(t, v)| {
                let from = t.max(month_start);
                let to = (t + step).min(last_time);
                v * ((to - from).max(0.0) / 3600.0)
            })
            .sum()
    };
    let mut shares: Vec<(String, f64)> = series
        .iter()
        .map(|(name, points)| (name.clone(), spent_by(points)))
        .collect();
    let to_date: f64 = shares.iter().map(|(_, s)| s).sum();
    // The rate of the last day, summed over the series, per hour.
    let day_ago = last_time - 86_400.0;
    // A series with no point in the last day has stopped costing (a project wound down);
    // with none at all, the rate is unknown.
    let rates: Vec<f64> = series
        .iter()
        .filter_map(|(_, points)| {
            let recent: Vec<f64> = points
                .iter()
                .filter(|(t, v)| *t > day_ago && *t <= last_time && v.is_finite())
                .map(|(_, v)| *v)
                .collect();
            (!recent.is_empty()).then(|| recent.iter().sum::<f64>() / recent.len() as f64)
        })
        .collect();
    let rate: Option<f64> = (!rates.is_empty()).then(|| rates.iter().sum());
    let hours_left = ((month_end - last_time) / 3600.0).max(0.0);
    for share in &mut shares {
        share.1 = if to_date > 0.0 {
            share.1 / to_date
        } else {
            0.0
        };
    }
    shares.sort_by(|a, b| b.1.total_cmp(&a.1));
    (budget > 0.0).then_some(Spend {
        budget,
        since: month_start,
        to_date,
        projected: rate.map(|rate| to_date + rate * hours_left),
        shares,
    })
}
