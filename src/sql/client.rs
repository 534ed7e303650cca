//! Running a SQL panel's query: a connection per query (a database restarted between two
//! refreshes costs nothing), a read-only transaction with a statement timeout, one statement
//! only (the extended protocol refuses two), rows capped, and the whole bounded by a timeout
//! so a hung server never holds a panel.

use super::numeric::{Number, is_number};
use super::table::{Key, Table};
use crate::metrics::FetchError;
use futures_util::TryStreamExt;
use rustls::pki_types::CertificateDer;
use std::fmt;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio_postgres::config::SslMode;
use tokio_postgres::types::Type;
use tokio_postgres::{Column, Row};

/// More rows than a panel can show are refused rather than held.
pub const MAX_ROWS: usize = 20_000;

/// One `[sources.NAME]`, ready to connect. Never printed with its password.
#[derive(Clone)]
pub struct SqlConnection {
    name: String,
    config: Arc<tokio_postgres::Config>,
    roots: Option<Arc<[CertificateDer<'static>]>>,
    timeout: Duration,
    /// Made on the first query that wants TLS: loading the system's roots costs a moment.
    tls: Arc<OnceLock<Result<tokio_postgres_rustls::MakeRustlsConnect, String>>>,
}

impl fmt::Debug for SqlConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SqlConnection({})", self.name)
    }
}

impl SqlConnection {
    pub fn new(
        name: &str,
        config: tokio_postgres::Config,
        roots: Option<Vec<CertificateDer<'static>>>,
        timeout: Duration,
    ) -> SqlConnection {
        SqlConnection {
            name: name.to_string(),
            config: Arc::new(config),
            roots: roots.map(Arc::from),
            timeout,
            tls: Arc::new(OnceLock::new()),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Where it connects, for doctor and the log: user, hosts, ports and database, never the
    /// password.
    pub fn shown(&self) -> String {
        shown(&self.config)
    }

    /// Runs `query` and reads its rows; any failure is the panel's error line.
    pub async fn run(&self, query: &str) -> Result<Table, FetchError> {
        // The server's own timeout stops the statement; this one stops a server that hangs.
        let limit = self.timeout + Duration::from_secs(2);
        match tokio::time::timeout(limit, self.run_once(query)).await {
            Ok(answer) => answer,
            Err(_) => Err(FetchError::Timeout {
                seconds: self.timeout.as_secs(),
            }),
        }
    }

    async fn run_once(&self, query: &str) -> Result<Table, FetchError> {
        let mut client = if self.config.get_ssl_mode() == SslMode::Disable {
            let (client, connection) = self
                .config
                .connect(tokio_postgres::NoTls)
                .await
                .map_err(unreachable)?;
            tokio::spawn(connection);
            client
        } else {
            let (client, connection) = self
                .config
                .connect(self.tls()?)
                .await
                .map_err(unreachable)?;
            tokio::spawn(connection);
            client
        };
        let transaction = client
            .build_transaction()
            .read_only(true)
            .start()
            .await
            .map_err(failed)?;
        transaction
            .batch_execute(&format!(
                "SET LOCAL statement_timeout = {}",
                self.timeout.as_millis()
            ))
            .await
            .map_err(failed)?;
        let statement = transaction.prepare(query).await.map_err(failed)?;
        let no_parameters: [&(dyn tokio_postgres::types::ToSql + Sync); 0] = [];
        let stream = transaction
            .query_raw(&statement, no_parameters)
            .await
            .map_err(failed)?;
        futures_util::pin_mut!(stream);
        let mut rows = Vec::new();
        while let Some(row) = stream.try_next().await.map_err(failed)? {
            if rows.len() == MAX_ROWS {
                return Err(FetchError::Sql(format!(
                    "more than {MAX_ROWS} rows: group them by a period (GROUP BY \
                     DATE_TRUNC('week', …)) or add a LIMIT"
                )));
            }
            rows.push(row);
        }
        // Nothing was written (nothing can be); the transaction ends with the connection.
        let _ = transaction.rollback().await;
        read_table(statement.columns(), &rows)
    }

    fn tls(&self) -> Result<tokio_postgres_rustls::MakeRustlsConnect, FetchError> {
        self.tls
            .get_or_init(|| tls_connector(self.roots.as_deref()))
            .clone()
            .map_err(FetchError::Unreachable)
    }
}

/// TLS as reqwest does it: the system's roots (or the source's CA file), ring's crypto.
pub(crate) fn tls_connector(
    roots: Option<&[CertificateDer<'static>]>,
) -> Result<tokio_postgres_rustls::MakeRustlsConnect, String> {
    // kaizen links one TLS backend, ring; an error only says one is installed already.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let builder = rustls::ClientConfig::builder();
    let config = match roots {
        Some(roots) => {
            let mut store = rustls::RootCertStore::empty();
            for root in roots {
                store
                    .add(root.clone())
                    .map_err(|err| format!("the CA file's certificate: {err}"))?;
            }
            builder.with_root_certificates(store).with_no_client_auth()
        }
        None => {
            use rustls_platform_verifier::BuilderVerifierExt;
            builder
                .with_platform_verifier()
                .map_err(|err| format!("cannot load the system's certificates: {err}"))?
                .with_no_client_auth()
        }
    };
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// A CA file's certificates (PEM), or why not.
pub fn read_ca(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    use rustls::pki_types::pem::PemObject;
    let pem = std::fs::read(path).map_err(|err| err.to_string())?;
    let roots: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<_, _>>()
        .map_err(|err| format!("not a PEM certificate ({err})"))?;
    if roots.is_empty() {
        return Err(
            "no certificate in it: give the CA's certificate in PEM, the text that \
                    starts \"-----BEGIN CERTIFICATE-----\""
                .into(),
        );
    }
    Ok(roots)
}

/// A failure before the query ran: the server was not reached or refused the login. Said
/// by its cause ("Connection refused (os error 111)"): "error connecting to server" adds
/// nothing to "unreachable" on a panel's one line.
fn unreachable(err: tokio_postgres::Error) -> FetchError {
    if err.as_db_error().is_some() {
        return failed(err);
    }
    let cause = std::error::Error::source(&err).map(ToString::to_string);
    FetchError::Unreachable(cause.unwrap_or_else(|| err.to_string()))
}

/// PostgreSQL's own error, as psql says it (message and hint), or the connection's.
fn failed(err: tokio_postgres::Error) -> FetchError {
    match err.as_db_error() {
        Some(db) => FetchError::Database {
            message: db.message().to_string(),
            hint: db.hint().map(str::to_string),
        },
        None if err.is_closed() => FetchError::Unreachable("the connection closed".into()),
        None => FetchError::Unreachable(err.to_string()),
    }
}

/// The rows as series, by what the first column is: a time, a name, or (in a query that
/// gives numbers only) one more value.
fn read_table(columns: &[Column], rows: &[Row]) -> Result<Table, FetchError> {
    let Some(first) = columns.first() else {
        return Err(FetchError::Sql(
            "the query gives no columns: select a time (or a name) and numbers".into(),
        ));
    };
    let key_of = key_reader(first.type_());
    let values_from = if key_of.is_some() { 1 } else { 0 };
    for column in &columns[values_from..] {
        if !is_number(column.type_()) {
            return Err(FetchError::Sql(format!(
                "column \"{}\" is {}: after the first (a time or a name), every column is a \
                 number: cast it (\"{}\"::float) or leave it out",
                column.name(),
                column.type_(),
                column.name()
            )));
        }
    }
    let names: Vec<String> = columns[values_from..]
        .iter()
        .map(|column| column.name().to_string())
        .collect();
    let values = |row: &Row| -> Result<Vec<Option<f64>>, FetchError> {
        (values_from..columns.len())
            .map(|index| {
                row.try_get::<_, Option<Number>>(index)
                    .map(|number| number.map(|n| n.0))
                    .map_err(|err| {
                        FetchError::Sql(format!("column {}: {err}", columns[index].name()))
                    })
            })
            .collect()
    };
    let Some(key_of) = key_of else {
        return match rows {
            [] => Ok(Table::single(&names, vec![None; names.len()])),
            [row] => Ok(Table::single(&names, values(row)?)),
            more => Err(FetchError::Sql(format!(
                "{} rows of numbers only: make the first column a time (DATE_TRUNC('week', \
                 created_at) AS week) or a name, so each row says what it is",
                more.len()
            ))),
        };
    };
    let mut timed = Vec::new();
    let mut named = Vec::new();
    for row in rows {
        match key_of(row)? {
            // A row whose time or name is NULL cannot be placed: it is left out.
            None => {}
            Some(Key::Time(time)) => timed.push((time, values(row)?)),
            Some(Key::Name(name)) => {
                named.push((crate::text::clean(&name).into_owned(), values(row)?))
            }
        }
    }
    Ok(if is_time(first.type_()) {
        Table::timed(&names, timed)
    } else {
        Table::named(&names, named)
    })
}

fn is_time(ty: &Type) -> bool {
    matches!(*ty, Type::TIMESTAMPTZ | Type::TIMESTAMP | Type::DATE)
}

type KeyReader = fn(&Row) -> Result<Option<Key>, FetchError>;

/// How to read a row's first column, when it is a time or a name rather than a number.
fn key_reader(ty: &Type) -> Option<KeyReader> {
    fn read<'a, T: tokio_postgres::types::FromSql<'a>>(
        row: &'a Row,
    ) -> Result<Option<T>, FetchError> {
        row.try_get::<_, Option<T>>(0)
            .map_err(|err| FetchError::Sql(format!("the first column: {err}")))
    }
    // A time without a zone is read as UTC, as a DATE's day is from midnight UTC.
    let reader: KeyReader = match *ty {
        Type::TIMESTAMPTZ => |row| {
            Ok(read::<chrono::DateTime<chrono::Utc>>(row)?
                .map(|time| Key::Time(time.timestamp() as f64)))
        },
        Type::TIMESTAMP => |row| {
            Ok(read::<chrono::NaiveDateTime>(row)?
                .map(|time| Key::Time(time.and_utc().timestamp() as f64)))
        },
        Type::DATE => |row| {
            Ok(read::<chrono::NaiveDate>(row)?.map(|day| {
                Key::Time(day.and_time(chrono::NaiveTime::MIN).and_utc().timestamp() as f64)
            }))
        },
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
            |row| Ok(read::<String>(row)?.map(Key::Name))
        }
        _ => return None,
    };
    Some(reader)
}

/// A connection as the log and the screen may name it: user, hosts, ports and database,
/// never the password.
pub fn shown(config: &tokio_postgres::Config) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|host| match host {
            tokio_postgres::config::Host::Tcp(name) => name.clone(),
            tokio_postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .collect();
    let ports: Vec<String> = config.get_ports().iter().map(u16::to_string).collect();
    format!(
        "postgres://{}@{}{}/{}",
        config.get_user().unwrap_or_default(),
        hosts.join(","),
        if ports.is_empty() {
            String::new()
        } else {
            format!(":{}", ports.join(","))
        },
        config.get_dbname().unwrap_or_default()
    )
}
