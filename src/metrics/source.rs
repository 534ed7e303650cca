//! Where panel data comes from: a Prometheus server, the built-in demo, nowhere yet, or (for
//! tests and benchmarks) a fixed answer; and a SQL panel's database.

use super::client::PrometheusClient;
use super::{FetchError, QueryData, QueryRequest, demo};
use crate::sql::SqlConnection;

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
    Ask(Asker),
    Never,
}

/// A server a query is sent to.
#[derive(Clone)]
pub enum Asker {
    Prometheus(PrometheusClient),
    Sql(SqlConnection),
}

impl Asker {
    /// The answer to one query: Prometheus's, or the SQL query's rows asked as Prometheus
    /// would be (see `sql::table`).
    pub async fn fetch(&self, request: &QueryRequest) -> Result<QueryData, FetchError> {
        match self {
            Asker::Prometheus(client) => client.fetch(request).await,
            Asker::Sql(connection) => Ok(connection.run(&request.query).await?.answer(request)),
        }
    }
}

impl Source {
    pub fn answer(&self, request: &QueryRequest) -> Answer {
        match self {
            Source::Prometheus(client) => Answer::Ask(Asker::Prometheus(client.clone())),
            Source::Demo => Answer::Now(demo::answer(request)),
            Source::Missing => Answer::Now(Err(FetchError::NotConfigured)),
            Source::Fixed(answer) => Answer::Now(answer(request)),
            Source::Silent => Answer::Never,
        }
    }
}
