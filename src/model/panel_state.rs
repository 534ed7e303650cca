//! Live metric panels of the meeting's sections: what each last showed, when, and why it
//! failed if it did. Decides when to ask for fresh data; the runtime does the asking.

use crate::cycles::panel::{Headline, Panel, PanelKind};
use crate::metrics::query::expand;
use crate::metrics::{FetchError, QueryData, QueryKind, QueryRequest, Series};
use chrono::{DateTime, FixedOffset};

/// What a panel's series at `index` is saved and compared under: a panel that answers with
/// one series has one value (its labels may change from week to week, say a restarted
/// instance); of several, each is known by its labels.
pub fn series_key(series: &[crate::metrics::Series], index: usize) -> String {
    match series {
        [_] => String::new(),
        _ => series.get(index).map(|s| s.key()).unwrap_or_default(),
    }
}

/// The newest point (time, value) of the series of `data` saved under `key` (see
/// [`series_key`]).
pub fn point_of(data: &QueryData, key: &str) -> Option<(f64, f64)> {
    (0..data.series.len())
        .find(|index| series_key(&data.series, *index) == key)
        .and_then(|index| data.series[index].points.last().copied())
}

/// Which panel: its section in the meeting and its place in that section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PanelKey {
    pub section: usize,
    pub panel: usize,
}

/// What one fetch of a panel asks for, all as of the same instant.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelRequest {
    /// The series over the window, on whole steps (only when a new step has begun).
    pub series: Option<QueryRequest>,
    /// Each series over the last step up to now: the newest point of a chart and sparkline,
    /// a table's rows, and the value of a panel whose headline is now.
    pub recent: QueryRequest,
    /// The value over the whole window, for a panel whose headline is the window.
    pub window: Option<QueryRequest>,
    /// The value as it was one period back (a week for a weekly), when the cycle has no
    /// earlier meeting to compare with.
    pub before: Option<QueryRequest>,
    /// The `[sources.NAME]` that runs the queries as SQL; `None` for Prometheus.
    pub sql: Option<String>,
}

impl PanelRequest {
    /// Every query it makes, for tests and tracing.
    pub fn queries(&self) -> Vec<&QueryRequest> {
        [
            self.series.as_ref(),
            Some(&self.recent),
            self.window.as_ref(),
            self.before.as_ref(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Answers it with `fetch`, query by query; the first failure is the answer.
    pub fn answer_with(
        &self,
        mut fetch: impl FnMut(&QueryRequest) -> Result<QueryData, FetchError>,
    ) -> Result<PanelAnswer, FetchError> {
        Ok(PanelAnswer {
            series: self.series.as_ref().map(&mut fetch).transpose()?,
            recent: fetch(&self.recent)?,
            window: self.window.as_ref().map(&mut fetch).transpose()?,
            before: self.before.as_ref().map(&mut fetch).transpose()?,
        })
    }
}

/// The answers to a [`PanelRequest`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PanelAnswer {
    pub series: Option<QueryData>,
    pub recent: QueryData,
    pub window: Option<QueryData>,
    pub before: Option<QueryData>,
}

/// What one panel shows now.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PanelState {
    /// What is drawn: the series over the window with the newest point, thinned to the
    /// screen's width. Kept when a later fetch fails.
    pub data: Option<QueryData>,
    /// The panel's value for each series: over the window, or now (as the panel says).
    pub values: Option<QueryData>,
    /// The values one period back, asked of Prometheus when there is no earlier meeting.
    pub before: Option<QueryData>,
    /// The series over the window as fetched, on whole steps, and the step they end on.
    pub series: Option<QueryData>,
    pub series_end: Option<f64>,
    /// What the request in flight asked of the series: all of the window, or its tail.
    pub series_asked: Option<SeriesAsk>,
    pub fetched_at: Option<DateTime<FixedOffset>>,
    /// The window the values cover (unix seconds; the instant twice for "now").
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

    /// The panel's value: its first series' (over the window or now, as the panel says).
    pub fn value(&self) -> Option<f64> {
        self.values.as_ref()?.series.first()?.last()
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

    /// The request for a panel as of `now`: its series only when a new step has begun since
    /// the last ones came, and then only the steps since (a 7-day chart at 1-minute steps asks
    /// for 2 points a minute, not 10,080). The whole window again on `force`, or when what is
    /// held ended before the window now starts.
    pub fn request(&self, panel: &Panel, now: DateTime<FixedOffset>, force: bool) -> PanelRequest {
        let mut request = request_for(panel, now);
        request.series = match (self.series_ask(panel, now, force), request.series) {
            (Some(SeriesAsk::Tail { from }), Some(mut whole)) => {
                if let QueryKind::Range { start, .. } = &mut whole.kind {
                    *start = from;
                }
                Some(whole)
            }
            (Some(SeriesAsk::Whole), whole) => whole,
            (None, _) | (_, None) => None,
        };
        request
    }

    /// What a request as of `now` asks of the series (`None`: nothing, they are current).
    pub fn series_ask(
        &self,
        panel: &Panel,
        now: DateTime<FixedOffset>,
        force: bool,
    ) -> Option<SeriesAsk> {
        if panel.kind == PanelKind::Table {
            return None;
        }
        // A SQL query gives every row each time it runs: nothing is saved by a tail.
        if panel.source.is_some() {
            return Some(SeriesAsk::Whole);
        }
        let end = series_end(panel, now);
        match (&self.series, self.series_end) {
            _ if force => Some(SeriesAsk::Whole),
            (Some(_), Some(held)) if held == end => None,
            // The held step is asked again: its point may have been computed before all of
            // its samples were in.
            (Some(_), Some(held)) if held < end && held > end - panel.window.as_secs_f64() => {
                Some(SeriesAsk::Tail { from: held })
            }
            _ => Some(SeriesAsk::Whole),
        }
    }
}

/// What a request asks of a panel's series over its window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SeriesAsk {
    Whole,
    /// The steps from `from` (the last one held, asked again) to the window's end.
    Tail {
        from: f64,
    },
}

/// Takes the tail of a window's series in: each held series loses its points from `from` on
/// (the tail has them anew) and before the window's new `start`, and gains the tail's points;
/// a series only the tail has is added, one with no points left is dropped.
pub fn append_tail(held: &mut QueryData, tail: QueryData, from: f64, start: f64) {
    let mut index: std::collections::HashMap<std::collections::BTreeMap<String, String>, usize> =
        held.series
            .iter()
            .enumerate()
            .map(|(i, series)| (series.labels.clone(), i))
            .collect();
    for series in &mut held.series {
        series
            .points
            .retain(|(time, _)| *time >= start && *time < from);
    }
    for series in tail.series {
        match index.get(&series.labels) {
            Some(&i) => held.series[i].points.extend(series.points),
            None => {
                index.insert(series.labels.clone(), held.series.len());
                held.series.push(series);
            }
        }
    }
    held.series.retain(|series| !series.points.is_empty());
    held.warnings = tail.warnings;
}

/// Where a panel's series end as of `now`: the last whole step, so every fetch in the same
/// step asks for (and gets) the same points.
pub fn series_end(panel: &Panel, now: DateTime<FixedOffset>) -> f64 {
    // A SQL panel's rows are its points, wherever they fall: all of them up to now.
    if panel.source.is_some() {
        return now.timestamp() as f64;
    }
    let step = panel.step.as_secs_f64().max(1.0);
    (now.timestamp() as f64 / step).floor() * step
}

/// Everything a panel needs as of `now`.
pub fn request_for(panel: &Panel, now: DateTime<FixedOffset>) -> PanelRequest {
    let time = now.timestamp() as f64;
    let (step, window) = (panel.step.as_secs_f64(), panel.window.as_secs_f64());
    let instant = |each: f64| QueryRequest {
        query: sent(panel, each, window),
        kind: QueryKind::Instant { time },
    };
    let series = match panel.kind {
        PanelKind::Table => None,
        PanelKind::Stat | PanelKind::Chart => {
            let end = series_end(panel, now);
            Some(QueryRequest {
                query: sent(panel, step, window),
                kind: QueryKind::Range {
                    start: end - window,
                    end,
                    step,
                },
            })
        }
    };
    PanelRequest {
        series,
        recent: instant(step),
        window: (panel.headline == Headline::Window).then(|| instant(window)),
        before: None,
        sql: panel.source.clone(),
    }
}

/// The query as sent: PromQL with its ranges filled in (`each` seconds a point, `whole` the
/// window); SQL as written.
pub fn sent(panel: &Panel, each: f64, whole: f64) -> String {
    match panel.source {
        None => expand(&panel.query, each, whole),
        Some(_) => panel.query.clone(),
    }
}

/// The query for a panel's value as it was `days` before `now`: the same query over the
/// same length of window, ending then.
pub fn before_request(panel: &Panel, now: DateTime<FixedOffset>, days: i64) -> QueryRequest {
    QueryRequest {
        query: value_query(panel),
        kind: QueryKind::Instant {
            time: (now.timestamp() - days * 86_400) as f64,
        },
    }
}

/// The query for a panel's value as of `now` (what `kaizen doctor` runs).
pub fn value_request(panel: &Panel, now: DateTime<FixedOffset>) -> QueryRequest {
    let request = request_for(panel, now);
    request.window.unwrap_or(request.recent)
}

/// The query that gives a panel's value, as sent: what a report or an opportunity's evidence
/// traces the value to.
pub fn value_query(panel: &Panel) -> String {
    let each = match panel.headline {
        Headline::Window => panel.window,
        Headline::Now => panel.step,
    };
    sent(panel, each.as_secs_f64(), panel.window.as_secs_f64())
}

/// The series with each one's newest point (over the last step up to now) after its points
/// on whole steps; a series only the newest answer has is drawn from there.
pub fn with_recent(series: Option<&QueryData>, recent: &QueryData) -> QueryData {
    let mut drawn = series.cloned().unwrap_or_default();
    for newest in &recent.series {
        let Some(&(time, value)) = newest.points.last() else {
            continue;
        };
        match drawn.series.iter_mut().find(|s| s.labels == newest.labels) {
            Some(held) if held.points.last().is_none_or(|(t, _)| *t < time) => {
                held.points.push((time, value));
            }
            Some(_) => {}
            None => drawn.series.push(newest.clone()),
        }
    }
    drawn.warnings.extend(recent.warnings.iter().cloned());
    drawn.warnings.dedup();
    drawn
}

/// Thins every series to about `width` buckets of the whole window, each drawn by its lowest
/// and highest points (in time order) so a short dip or spike stays visible; the newest point
/// is kept exact. Drawing then costs the same however many points a query returned.
pub fn reduce(mut data: QueryData, width: usize) -> QueryData {
    for series in &mut data.series {
        reduce_series(series, width.max(2));
    }
    data
}

fn reduce_series(series: &mut Series, width: usize) {
    let len = series.points.len();
    if len <= 2 * width {
        return;
    }
    let Some(&last) = series.points.last() else {
        return;
    };
    let body = &series.points[..len - 1];
    let buckets = width - 1;
    let mut reduced = Vec::with_capacity(2 * width);
    for bucket in 0..buckets {
        let from = bucket * body.len() / buckets;
        let to = ((bucket + 1) * body.len() / buckets).clamp(from + 1, body.len());
        reduced.extend(extremes(&body[from..to]));
    }
    reduced.push(last);
    series.points = reduced;
}

/// A stretch's lowest and highest points in time order (one point when they are the same),
/// or a gap at its end when it has no number.
pub fn extremes(slice: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let finite = slice.iter().filter(|p| p.1.is_finite());
    let low = finite.clone().min_by(|a, b| a.1.total_cmp(&b.1));
    let high = finite.max_by(|a, b| a.1.total_cmp(&b.1));
    match (low, high) {
        (Some(low), Some(high)) if low.0 == high.0 => vec![*low],
        (Some(low), Some(high)) if low.0 < high.0 => vec![*low, *high],
        (Some(low), Some(high)) => vec![*high, *low],
        _ => slice
            .last()
            .map(|p| vec![(p.0, f64::NAN)])
            .unwrap_or_default(),
    }
}

/// The time a panel's values cover (unix seconds): the window up to now, or now twice.
pub fn window_of(panel: &Panel, now: DateTime<FixedOffset>) -> (f64, f64) {
    let time = now.timestamp() as f64;
    match panel.headline {
        Headline::Window => (time - panel.window.as_secs_f64(), time),
        Headline::Now => (time, time),
    }
}
