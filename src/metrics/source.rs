//! Where panel data comes from: a Prometheus server, the built-in demo, nowhere yet, or (for
//! tests and benchmarks) a fixed answer.

use super::client::PrometheusClient;
use super::{FetchError, QueryData, QueryRequest, demo};

/// Answers a query at once, without a network (a test double at the executor's edge).
pub type FixedAnswer = Box<dyn Fn(&QueryRequest) -> Result<QueryData, FetchError>>;

pub enum Source {
    Prometheus(PrometheusClient),
    Demo,
    /// No server configured: panels say how to configure one.
    Missing,
    /// Answers every query at once with this function.
    Fixed(FixedAnswer),
    /// Never answers, as a server that hangs.
    Silent,
}

/// How a query is answered.
pub enum Answer {
    Now(Result<QueryData, FetchError>),
    /// Ask the server, off the screen's loop.
    Ask(PrometheusClient),
    Never,
}

impl Source {
    pub fn answer(&self, request: &QueryRequest) -> Answer {
        match self {
            Source::Prometheus(client) => Answer::Ask(client.clone()),
            Source::Demo => Answer::Now(demo::answer(request)),
            Source::Missing => Answer::Now(Err(FetchError::NotConfigured)),
            Source::Fixed(answer) => Answer::Now(answer(request)),
            Source::Silent => Answer::Never,
        }
    }
}
