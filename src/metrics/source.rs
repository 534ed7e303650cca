//! Where panel data comes from: a Prometheus server, the built-in demo, or nowhere yet.

use super::client::PrometheusClient;
use super::{FetchError, QueryData, QueryRequest, demo};

pub enum Source {
    Prometheus(PrometheusClient),
    Demo,
    /// No server configured: panels say how to configure one.
    Missing,
}

impl Source {
    /// The answer when it needs no network (demo, missing); `None` means go and ask.
    pub fn answer_at_once(&self, request: &QueryRequest) -> Option<Result<QueryData, FetchError>> {
        match self {
            Source::Prometheus(_) => None,
            Source::Demo => Some(demo::answer(request)),
            Source::Missing => Some(Err(FetchError::NotConfigured)),
        }
    }
}
