//! Decoding Prometheus HTTP API answers. Errors come as HTTP 400/422 (and others) with a JSON
//! body, so the body is decoded whatever the status; sample values are strings and may be
//! "NaN", "+Inf" or "-Inf".

use super::{FetchError, QueryData, Series};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Envelope {
    status: String,
    #[serde(default)]
    data: Option<Data>,
    #[serde(default, rename = "errorType")]
    error_type: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    warnings: Vec<String>,
}

#[derive(Deserialize)]
#[serde(tag = "resultType", content = "result", rename_all = "lowercase")]
enum Data {
    Vector(Vec<Sample>),
    Matrix(Vec<Range>),
    Scalar((f64, String)),
    String(serde::de::IgnoredAny),
}

#[derive(Deserialize)]
struct Sample {
    #[serde(default)]
    metric: BTreeMap<String, String>,
    // Native histograms carry `histogram` instead; such series are skipped.
    #[serde(default)]
    value: Option<(f64, String)>,
}

#[derive(Deserialize)]
struct Range {
    #[serde(default)]
    metric: BTreeMap<String, String>,
    #[serde(default)]
    values: Vec<(f64, String)>,
}

/// Decodes a query or query_range answer.
pub fn decode(status: u16, body: &[u8]) -> Result<QueryData, FetchError> {
    let envelope: Envelope = match serde_json::from_slice(body) {
        Ok(envelope) => envelope,
        Err(_) if !(200..300).contains(&status) => {
            return Err(FetchError::Http {
                status,
                body: snippet(body),
            });
        }
        Err(_) => return Err(FetchError::NotJson(snippet(body))),
    };
    if envelope.status != "success" {
        return Err(FetchError::Prometheus {
            kind: envelope.error_type.unwrap_or_else(|| "error".into()),
            message: envelope
                .error
                .unwrap_or_else(|| format!("HTTP {status} with no error text")),
        });
    }
    let series = match envelope.data {
        Some(Data::Vector(samples)) => samples
            .into_iter()
            .filter_map(|sample| {
                let (time, value) = sample.value?;
                Some(Series {
                    labels: sample.metric,
                    points: vec![(time, parse_value(&value))],
                })
            })
            .collect(),
        Some(Data::Matrix(ranges)) => ranges
            .into_iter()
            .map(|range| Series {
                labels: range.metric,
                points: range
                    .values
                    .iter()
                    .map(|(time, value)| (*time, parse_value(value)))
                    .collect(),
            })
            .collect(),
        Some(Data::Scalar((time, value))) => vec![Series {
            labels: BTreeMap::new(),
            points: vec![(time, parse_value(&value))],
        }],
        Some(Data::String(_)) | None => Vec::new(),
    };
    // Each series is drawn, scanned and kept per frame: past this many an answer would
    // slow every key, and no one reads them on one panel anyway.
    if series.len() > MAX_SERIES {
        return Err(FetchError::TooManySeries {
            count: series.len(),
            limit: MAX_SERIES,
        });
    }
    Ok(QueryData {
        series,
        warnings: envelope.warnings,
    })
}

/// The most series one answer may hold.
pub const MAX_SERIES: usize = 1000;

/// Prometheus's number strings, including "NaN", "+Inf" and "-Inf".
pub fn parse_value(text: &str) -> f64 {
    match text {
        "+Inf" | "Inf" => f64::INFINITY,
        "-Inf" => f64::NEG_INFINITY,
        other => other.parse().unwrap_or(f64::NAN),
    }
}

/// The start of a body, on one line, for an error message.
pub fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(200)]);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
