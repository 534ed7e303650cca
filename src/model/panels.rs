//! Live metric panels of the meeting's sections: what each last showed, when, and why it
//! failed if it did. Decides when to ask for fresh data; the runtime does the asking.

use crate::cycles::panel::{Panel, PanelKind};
use crate::metrics::{FetchError, QueryData, QueryKind, QueryRequest, Series};
use chrono::{DateTime, FixedOffset};

/// What panels showed at one earlier meeting: (section title, panel title) to value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PreviousMeeting {
    pub held_on: chrono::NaiveDate,
    /// By section, panel and series (its labels; empty for a panel's one value).
    pub values: std::collections::HashMap<(String, String, String), f64>,
}

/// Each cycle's latest ended meeting with panel values, by cycle key.
pub type PreviousValues = std::collections::HashMap<String, PreviousMeeting>;

/// What a panel's series at `index` is saved and compared under: a panel that answers with
/// one series has one value (its labels may change from week to week, say a restarted
/// instance); of several, each is known by its labels.
pub fn series_key(series: &[crate::metrics::Series], index: usize) -> String {
    match series {
        [_] => String::new(),
        _ => series.get(index).map(|s| s.key()).unwrap_or_default(),
    }
}

/// Which panel: its section in the meeting and its place in that section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PanelKey {
    pub section: usize,
    pub panel: usize,
}

/// What one panel shows now.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PanelState {
    /// The last data that came back, kept when a later fetch fails.
    pub data: Option<QueryData>,
    pub fetched_at: Option<DateTime<FixedOffset>>,
    /// The window the data covers (unix seconds), for tracing a number back.
    pub range: Option<(f64, f64)>,
    /// The last fetch's failure, if the last fetch failed.
    pub error: Option<FetchError>,
    pub requested_at: Option<DateTime<FixedOffset>>,
    /// The window asked for by the request in flight.
    pub requested_range: Option<(f64, f64)>,
    /// Where the first series is heading, for panels that ask.
    pub forecast: Option<crate::analysis::forecast::Forecast>,
    /// Spend against the panel's monthly budget, for panels that carry one.
    pub spend: Option<crate::analysis::budget::Spend>,
    /// Answers to older requests than this are dropped.
    pub generation: u64,
    pub in_flight: bool,
}

impl PanelState {
    /// Data shown while the last fetch failed is stale.
    pub fn is_stale(&self) -> bool {
        self.data.is_some() && self.error.is_some()
    }

    /// The panel's headline value: the newest point of its first series.
    pub fn latest(&self) -> Option<f64> {
        self.data.as_ref()?.series.first()?.last()
    }

    /// Whether it is time to ask again.
    pub fn due(&self, panel: &Panel, now: DateTime<FixedOffset>) -> bool {
        if self.in_flight {
            return false;
        }
        match self.requested_at {
            None => true,
            Some(at) => (now - at).num_milliseconds() >= panel.refresh.as_millis() as i64,
        }
    }
}

/// The query a panel needs as of `now`.
pub fn request_for(panel: &Panel, now: DateTime<FixedOffset>) -> QueryRequest {
    let end = now.timestamp() as f64;
    let kind = match panel.kind {
        PanelKind::Table => QueryKind::Instant { time: end },
        PanelKind::Stat | PanelKind::Chart => QueryKind::Range {
            start: end - panel.window.as_secs_f64(),
            end,
            step: panel.step.as_secs_f64(),
        },
    };
    QueryRequest {
        query: panel.query.clone(),
        kind,
    }
}

/// Thins every series to at most `width` points (bucket means, the newest point exact), so
/// drawing costs the same however many points a query returned.
pub fn reduce(mut data: QueryData, width: usize) -> QueryData {
    for series in &mut data.series {
        reduce_series(series, width.max(2));
    }
    data
}

fn reduce_series(series: &mut Series, width: usize) {
    let len = series.points.len();
    if len <= width {
        return;
    }
    let Some(&last) = series.points.last() else {
        return;
    };
    let body = &series.points[..len - 1];
    let buckets = width - 1;
    let mut reduced = Vec::with_capacity(width);
    for bucket in 0..buckets {
        let from = bucket * body.len() / buckets;
        let to = ((bucket + 1) * body.len() / buckets).max(from + 1);
        let slice = &body[from..to.min(body.len())];
        let finite: Vec<f64> = slice
            .iter()
            .map(|p| p.1)
            .filter(|v| v.is_finite())
            .collect();
        let value = if finite.is_empty() {
            f64::NAN
        } else {
            finite.iter().sum::<f64>() / finite.len() as f64
        };
        if let Some(&(time, _)) = slice.last() {
            reduced.push((time, value));
        }
    }
    reduced.push(last);
    series.points = reduced;
}

/// The time window a request covers (unix seconds): a range, or the instant twice.
pub fn window_of(request: &QueryRequest) -> (f64, f64) {
    match request.kind {
        QueryKind::Range { start, end, .. } => (start, end),
        QueryKind::Instant { time } => (time, time),
    }
}
