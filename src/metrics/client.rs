//! The Prometheus HTTP API client: instant and range queries with a timeout, optional auth,
//! extra headers and a CA file. Answers are capped in size and decoded whatever the status.

use super::decode::{decode, snippet};
use super::{FetchError, QueryData, QueryKind, QueryRequest};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Answers larger than this are refused rather than held in memory.
const MAX_BODY_MIB: u64 = 16;

/// Credentials. Never printed: `Debug` shows only which kind is set.
#[derive(Clone, Default, PartialEq, Eq)]
pub enum Auth {
    #[default]
    None,
    Bearer(String),
    Basic {
        user: String,
        password: String,
    },
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::None => f.write_str("None"),
            Auth::Bearer(_) => f.write_str("Bearer(<hidden>)"),
            Auth::Basic { user, .. } => write!(f, "Basic({user}, <hidden>)"),
        }
    }
}

/// Everything needed to reach one server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    pub url: String,
    pub auth: Auth,
    pub headers: Vec<(String, String)>,
    pub ca_file: Option<PathBuf>,
    pub timeout: Duration,
    /// Where the credentials came from ("the bearer token from KAIZEN_PROMETHEUS_TOKEN"),
    /// for the message when the server refuses them; `None` without credentials.
    pub credentials: Option<String>,
}

#[derive(Clone)]
pub struct PrometheusClient {
    /// Made on the first query, not at start: the home screen and an `http://` server never
    /// pay for loading the system's TLS roots.
    http: Arc<OnceLock<Result<reqwest::Client, String>>>,
    setup: Arc<Setup>,
    base: String,
    auth: Auth,
    timeout: Duration,
    credentials: Option<String>,
}

/// What the HTTP client is made from, checked when kaizen starts.
struct Setup {
    headers: HeaderMap,
    roots: Vec<reqwest::Certificate>,
    timeout: Duration,
    tls: bool,
}

impl Setup {
    fn client(&self) -> Result<reqwest::Client, String> {
        // kaizen links one TLS backend, ring; an error only says one is installed already.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let builder = reqwest::Client::builder()
            .default_headers(self.headers.clone())
            .timeout(self.timeout)
            .connect_timeout(self.timeout.min(Duration::from_secs(5)));
        let builder = if self.tls {
            self.roots
                .iter()
                .cloned()
                .fold(builder, reqwest::ClientBuilder::add_root_certificate)
        } else {
            // Plain HTTP needs no roots: none are loaded.
            builder.tls_certs_only(Vec::new())
        };
        builder
            .build()
            .map_err(|err| format!("cannot set up the HTTP client: {err}"))
    }
}

impl PrometheusClient {
    /// Checks the setup; a bad header or CA file is a setup error naming what to fix.
    pub fn new(connection: &Connection) -> Result<PrometheusClient, String> {
        let mut headers = HeaderMap::new();
        for (name, value) in &connection.headers {
            let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                format!("prometheus.headers: \"{name}\" is not a valid header name")
            })?;
            let mut value = HeaderValue::from_str(value).map_err(|_| {
                format!("prometheus.headers.{name}: the value has characters a header cannot carry")
            })?;
            value.set_sensitive(true);
            headers.insert(header, value);
        }
        let mut roots = Vec::new();
        if let Some(path) = &connection.ca_file {
            let pem = std::fs::read(path)
                .map_err(|err| format!("prometheus.ca_file {}: {err}", path.display()))?;
            let not_pem = |why: String| {
                format!(
                    "prometheus.ca_file {}: not a PEM certificate ({why}): give the CA's \
                     certificate in PEM, the text that starts \"-----BEGIN CERTIFICATE-----\"",
                    path.display()
                )
            };
            let certificates = reqwest::Certificate::from_pem_bundle(&pem)
                .map_err(|err| not_pem(err.to_string()))?;
            // A file of anything else parses as a bundle of no certificates.
            if certificates.is_empty() {
                return Err(not_pem("it holds no certificate".into()));
            }
            roots = certificates;
        }
        let setup = Setup {
            headers,
            roots,
            timeout: connection.timeout,
            tls: !connection
                .url
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("http://"),
        };
        Ok(PrometheusClient {
            http: Arc::new(OnceLock::new()),
            setup: Arc::new(setup),
            base: connection.url.trim_end_matches('/').to_string(),
            auth: connection.auth.clone(),
            timeout: connection.timeout,
            credentials: connection.credentials.clone(),
        })
    }

    /// Runs one query.
    pub async fn fetch(&self, request: &QueryRequest) -> Result<QueryData, FetchError> {
        let (path, params) = match request.kind {
            QueryKind::Instant { time } => (
                "/api/v1/query",
                vec![("query", request.query.clone()), ("time", time.to_string())],
            ),
            QueryKind::Range { start, end, step } => (
                "/api/v1/query_range",
                vec![
                    ("query", request.query.clone()),
                    ("start", start.to_string()),
                    ("end", end.to_string()),
                    ("step", step.to_string()),
                ],
            ),
        };
        let (status, body) = self.get(path, &params).await?;
        self.refused(status)?;
        decode(status, &body)
    }

    /// Every metric name the server has (`/api/v1/label/__name__/values`).
    pub async fn metric_names(&self) -> Result<Vec<String>, FetchError> {
        let (status, body) = self.get("/api/v1/label/__name__/values", &[]).await?;
        self.refused(status)?;
        let value: serde_json::Value =
            serde_json::from_slice(&body).map_err(|_| FetchError::NotJson(snippet(&body)))?;
        Ok(value["data"]
            .as_array()
            .map(|names| {
                names
                    .iter()
                    .filter_map(|n| n.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// A 401 or 403: the credentials (or their absence) were refused, said with where they
    /// came from.
    fn refused(&self, status: u16) -> Result<(), FetchError> {
        if status == 401 || status == 403 {
            return Err(FetchError::Refused {
                status,
                credentials: self.credentials.clone(),
            });
        }
        Ok(())
    }

    /// The server's version, to check it answers (`kaizen doctor`).
    pub async fn version(&self) -> Result<String, FetchError> {
        let (status, body) = self.get("/api/v1/status/buildinfo", &[]).await?;
        self.refused(status)?;
        let value: serde_json::Value =
            serde_json::from_slice(&body).map_err(|_| FetchError::Http {
                status,
                body: snippet(&body),
            })?;
        Ok(value["data"]["version"]
            .as_str()
            .unwrap_or("unknown version")
            .to_string())
    }

    async fn get(
        &self,
        path: &str,
        params: &[(&str, String)],
    ) -> Result<(u16, Vec<u8>), FetchError> {
        let http = self
            .http
            .get_or_init(|| self.setup.client())
            .as_ref()
            .map_err(|err| FetchError::Unreachable(err.clone()))?;
        let mut request = http.get(format!("{}{path}", self.base)).query(params);
        request = match &self.auth {
            Auth::None => request,
            Auth::Bearer(token) => request.bearer_auth(token),
            Auth::Basic { user, password } => request.basic_auth(user, Some(password)),
        };
        let mut response = request.send().await.map_err(|err| self.transport(err))?;
        let status = response.status().as_u16();
        let limit = MAX_BODY_MIB * 1024 * 1024;
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|err| self.transport(err))? {
            body.extend_from_slice(&chunk);
            if body.len() as u64 > limit {
                return Err(FetchError::TooLarge {
                    limit_mib: MAX_BODY_MIB,
                });
            }
        }
        Ok((status, body))
    }

    fn transport(&self, err: reqwest::Error) -> FetchError {
        if err.is_timeout() {
            return FetchError::Timeout {
                seconds: self.timeout.as_secs().max(1),
            };
        }
        // The innermost cause says what happened ("Connection refused"); reqwest's own
        // message repeats the URL, which the panel does not need.
        let mut cause: &dyn std::error::Error = &err;
        while let Some(inner) = cause.source() {
            cause = inner;
        }
        let why = cause.to_string();
        // rustls's words for plain HTTP bytes where a TLS handshake was due.
        if self.base.starts_with("https://") && why.contains("InvalidContentType") {
            return FetchError::Unreachable(format!(
                "the server answered in plain HTTP, not TLS: use http:// in the URL ({why})"
            ));
        }
        FetchError::Unreachable(why)
    }
}
