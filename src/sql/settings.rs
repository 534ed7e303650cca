//! `[sources.NAME]` in the config file: where a SQL panel's database is, with its password
//! from the environment or a file, never from the URL, so that no config file, log line or
//! report holds it.

use super::{Sources, SqlConnection};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;

/// One `[sources.NAME]` as written.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceConfig {
    /// `postgres://user@host:5432/database?sslmode=require`, without a password.
    pub url: String,
    /// The environment variable that holds the password.
    pub password_env: Option<String>,
    /// A file that holds the password (its one line).
    pub password_file: Option<PathBuf>,
    /// A CA certificate (PEM) for a server with a private CA.
    pub ca_file: Option<PathBuf>,
    /// How long a query may run, e.g. "10s" (default): the statement timeout.
    pub timeout: Option<String>,
}

/// The connections of every `[sources.NAME]`, checked, with passwords read from `env` or
/// files; an error names the key and the fix.
pub fn connections(
    sources: &BTreeMap<String, SourceConfig>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Sources, String> {
    sources
        .iter()
        .map(|(name, source)| Ok((name.clone(), connection(name, source, &env)?)))
        .collect()
}

fn connection(
    name: &str,
    source: &SourceConfig,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<SqlConnection, String> {
    let key = format!("sources.{name}");
    if !(source.url.starts_with("postgres://") || source.url.starts_with("postgresql://")) {
        return Err(format!(
            "{key}.url must start with postgres:// (e.g. \"postgres://kaizen@db.example:5432/ops\"): \
             PostgreSQL is the SQL source kaizen reads"
        ));
    }
    // Parsed before anything is said of it: the error names the key, never the URL.
    let mut config = tokio_postgres::Config::from_str(&source.url)
        .map_err(|err| format!("{key}.url is not a PostgreSQL URL: {err}"))?;
    if config.get_password().is_some() {
        return Err(format!(
            "{key}.url holds a password: take it out of the URL and put it in the environment \
             (password_env = \"VAR\") or a file (password_file = \"path\")"
        ));
    }
    if config.get_user().is_none() {
        return Err(format!(
            "{key}.url names no user: write it as postgres://USER@host/database"
        ));
    }
    let password = crate::config::secret_from(
        env,
        &source.password_env,
        &source.password_file,
        &format!("{key}.password"),
    )?;
    if let Some(password) = password {
        config.password(password);
    }
    let timeout_text = source.timeout.as_deref().unwrap_or("10s");
    let timeout = crate::cycles::panel::parse_duration(timeout_text).ok_or_else(|| {
        format!("{key}.timeout = \"{timeout_text}\" is not a duration from 1s to 3650d: use e.g. \"10s\"")
    })?;
    config.connect_timeout(timeout.min(std::time::Duration::from_secs(5)));
    config.application_name("kaizen");
    let roots = match &source.ca_file {
        Some(path) => Some(
            super::client::read_ca(path)
                .map_err(|why| format!("{key}.ca_file {}: {why}", path.display()))?,
        ),
        None => None,
    };
    Ok(SqlConnection::new(name, config, roots, timeout))
}
