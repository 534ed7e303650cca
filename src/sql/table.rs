//! A SQL query's rows as series: the first column says what a row is (a time, a name, or
//! nothing when every column is a number), each other column is a series named by its
//! column. Asked as Prometheus is, for the latest values or a window, so everything built on
//! Prometheus's answers reads them the same way.

use crate::metrics::{QueryData, QueryKind, QueryRequest, Series};
use std::collections::BTreeMap;

/// What a row's first column is.
#[derive(Clone, Debug, PartialEq)]
pub enum Key {
    /// Unix seconds: the row is a point of each series.
    Time(f64),
    /// The row is a series of its own (a table panel's row).
    Name(String),
}

/// A query's answer, read once and asked many times (the value now, the window, a period
/// back) without running the query again.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    series: Vec<Series>,
    /// Whether the series' points are at their rows' times; else each is one value that
    /// holds at any time.
    timed: bool,
}

impl Table {
    /// Rows keyed by time: a series per value column, its points in time order.
    pub fn timed(columns: &[String], rows: Vec<(f64, Vec<Option<f64>>)>) -> Table {
        let mut series: Vec<Series> = columns.iter().map(|name| named(name)).collect();
        for (time, values) in rows {
            for (series, value) in series.iter_mut().zip(values) {
                // NULL is no value: a gap, never 0.
                series.points.push((time, value.unwrap_or(f64::NAN)));
            }
        }
        for series in &mut series {
            // SQL gives rows in any order (the seed's queries newest first).
            series.points.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
        Table {
            series,
            timed: true,
        }
    }

    /// Rows keyed by a name: a series per row (per row and column when there are several
    /// value columns).
    pub fn named(columns: &[String], rows: Vec<(String, Vec<Option<f64>>)>) -> Table {
        let mut series = Vec::new();
        for (name, values) in rows {
            for (column, value) in columns.iter().zip(values) {
                let label = if columns.len() == 1 {
                    name.clone()
                } else {
                    format!("{name} {column}")
                };
                let mut one = named(&label);
                one.points.push((0.0, value.unwrap_or(f64::NAN)));
                series.push(one);
            }
        }
        Table {
            series,
            timed: false,
        }
    }

    /// One row of numbers only: each column is a value that holds now.
    pub fn single(columns: &[String], values: Vec<Option<f64>>) -> Table {
        let series = columns
            .iter()
            .zip(values)
            .map(|(column, value)| {
                let mut one = named(column);
                one.points.push((0.0, value.unwrap_or(f64::NAN)));
                one
            })
            .collect();
        Table {
            series,
            timed: false,
        }
    }

    /// What a Prometheus query of this kind would answer: the newest row at or before an
    /// instant, or the rows within a window. A series with no row there is left out.
    pub fn answer(&self, request: &QueryRequest) -> QueryData {
        let (from, to) = match request.kind {
            QueryKind::Instant { time } => (f64::NEG_INFINITY, time),
            QueryKind::Range { start, end, .. } => (start, end),
        };
        let series = self
            .series
            .iter()
            .filter_map(|series| {
                let points: Vec<(f64, f64)> = if !self.timed {
                    series
                        .points
                        .iter()
                        .map(|(_, value)| (to, *value))
                        .collect()
                } else if matches!(request.kind, QueryKind::Instant { .. }) {
                    let newest = series.points.iter().rev().find(|(time, _)| *time <= to);
                    newest.copied().into_iter().collect()
                } else {
                    let inside = |(time, _): &&(f64, f64)| *time >= from && *time <= to;
                    series.points.iter().filter(inside).copied().collect()
                };
                (!points.is_empty()).then(|| Series {
                    labels: series.labels.clone(),
                    points,
                })
            })
            .collect();
        QueryData {
            series,
            warnings: Vec::new(),
        }
    }
}

/// A series named by a column (or a row): its only label is the name, which is what the
/// panel shows for it.
fn named(name: &str) -> Series {
    Series {
        labels: BTreeMap::from([("__name__".to_string(), name.to_string())]),
        points: Vec::new(),
    }
}
