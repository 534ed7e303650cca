//! Metrics from Prometheus (or anything speaking its HTTP API): the query client, decoding of
//! its answers, units and number formatting, and the built-in demo source. No terminal here.

pub mod client;
pub mod decode;
pub mod demo;
pub mod names;
pub mod query;
pub mod source;
pub mod units;

use std::collections::BTreeMap;

/// One time series: its labels and its points as (unix seconds, value).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    pub labels: BTreeMap<String, String>,
    pub points: Vec<(f64, f64)>,
}

impl Series {
    /// The series' identity as a PromQL selector of its labels (`{job="api"}`), empty when it
    /// has none: what a saved value is matched by at the next meeting.
    pub fn key(&self) -> String {
        if self.labels.is_empty() {
            return String::new();
        }
        let pairs: Vec<String> = self
            .labels
            .iter()
            .map(|(name, value)| {
                let value = value.replace('\\', "\\\\").replace('"', "\\\"");
                format!("{name}=\"{value}\"")
            })
            .collect();
        format!("{{{}}}", pairs.join(","))
    }

    /// The newest point's value.
    pub fn last(&self) -> Option<f64> {
        self.points.last().map(|(_, value)| *value)
    }
}

/// What a query returned.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryData {
    pub series: Vec<Series>,
    /// Prometheus's own warnings (e.g. partial data), shown beside the panel.
    pub warnings: Vec<String>,
}

/// What to ask: the latest values, or a window of history.
#[derive(Clone, Debug, PartialEq)]
pub enum QueryKind {
    Instant { time: f64 },
    Range { start: f64, end: f64, step: f64 },
}

/// A query as the model asks for it; the runtime sends it to a source.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryRequest {
    pub query: String,
    pub kind: QueryKind,
}

/// Why a query gave no data, in words for one line of a panel.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The server could not be reached (connection refused, DNS, TLS).
    #[error("unreachable: {0}")]
    Unreachable(String),
    #[error("timed out after {seconds} s")]
    Timeout { seconds: u64 },
    /// An HTTP error without Prometheus's JSON explanation.
    #[error("HTTP {status}{}", if body.is_empty() { String::new() } else { format!(": {body}") })]
    Http { status: u16, body: String },
    /// Prometheus's own error for the query (bad PromQL, too many points...).
    #[error("{kind}: {message}")]
    Prometheus { kind: String, message: String },
    /// The answer was not the JSON Prometheus sends.
    #[error("not a Prometheus answer: {0}")]
    NotJson(String),
    #[error("answer over {limit_mib} MiB: narrow the query or raise its step")]
    TooLarge { limit_mib: u64 },
    #[error(
        "{count} series in the answer, more than the {limit} a panel reads: aggregate them, \
         e.g. sum by (job) (…), or filter with a label"
    )]
    TooManySeries { count: usize, limit: usize },
    /// PostgreSQL's own error for a SQL panel's query, as psql says it.
    #[error("PostgreSQL: {message}{}", hint.as_ref().map(|h| format!(" (hint: {h})")).unwrap_or_default())]
    Database {
        message: String,
        hint: Option<String>,
    },
    /// A SQL answer kaizen cannot read as series (a column of text, too many rows).
    #[error("{0}")]
    Sql(String),
    /// A SQL panel's source is not configured (the demo has none).
    #[error("no [sources.{name}] in the config: add it with its url (README: SQL panels)")]
    NoSource { name: String },
    /// No Prometheus is configured (and this is not the demo).
    #[error("no Prometheus: set KAIZEN_PROMETHEUS_URL or prometheus.url (or try --demo)")]
    NotConfigured,
    /// HTTP 401 or 403: the server refused the credentials (where they came from), or wants
    /// some.
    #[error("HTTP {status}: {}", refusal(credentials.as_deref()))]
    Refused {
        status: u16,
        credentials: Option<String>,
    },
}

/// What a 401 or 403 asks of the user.
fn refusal(credentials: Option<&str>) -> String {
    match credentials {
        Some(from) => format!("the server refused the credentials: check {from}"),
        None => "the server wants credentials: set KAIZEN_PROMETHEUS_TOKEN (or \
                 prometheus.token_file, or prometheus.user with password_file)"
            .to_string(),
    }
}
