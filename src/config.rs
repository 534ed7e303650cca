//! Where kaizen keeps things (config, templates, data) and the config file itself.
//!
//! Read once by `main` before the terminal is taken over; errors name the file and key.

use crate::keymap::{Keymap, Rebind};
use crate::metrics::client::{Auth, Connection};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The user's config and data folders (XDG on Linux, via the `directories` crate).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
    /// Where the log goes (`~/.local/state/kaizen` on Linux).
    pub state_dir: PathBuf,
}

impl Paths {
    pub fn discover() -> Result<Paths, String> {
        let dirs = directories::ProjectDirs::from("", "", "kaizen").ok_or(
            "cannot find your home directory to keep kaizen's data: set HOME, or pass --db PATH",
        )?;
        Ok(Paths {
            config_dir: dirs.config_dir().to_path_buf(),
            data_dir: dirs.data_dir().to_path_buf(),
            state_dir: dirs
                .state_dir()
                .unwrap_or_else(|| dirs.data_dir())
                .to_path_buf(),
        })
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    /// Templates here override built-in cycles of the same file name and add new ones.
    pub fn cycles_dir(&self) -> PathBuf {
        self.config_dir.join("cycles")
    }

    pub fn default_db(&self) -> PathBuf {
        self.data_dir.join("kaizen.db")
    }
}

/// The config file. Every key is optional; unknown keys are refused so typos are caught.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The SQLite database, or a PostgreSQL one (`postgres://user@host/db`) that several
    /// facilitators share (overridden by `--db` and `KAIZEN_DB`).
    pub database: Option<PathBuf>,
    /// Where a PostgreSQL database's password is: an environment variable (default
    /// `KAIZEN_DB_PASSWORD`) or a file; never in the URL or this file.
    pub database_password_env: Option<String>,
    pub database_password_file: Option<PathBuf>,
    /// The CA (PEM) that signed a PostgreSQL server's certificate, if not a public one.
    pub database_ca_file: Option<PathBuf>,
    /// The team whose reviews these are, in a database that holds several (`--team` wins).
    pub team: Option<String>,
    /// Where meeting reports are written (a `reports` folder beside the database if unset).
    pub reports: Option<PathBuf>,
    #[serde(default)]
    pub meeting: MeetingSettings,
    #[serde(default)]
    pub prometheus: PrometheusConfig,
    /// `[publish]`: where ended meetings go (a docs repository, a chat, email).
    #[serde(default)]
    pub publish: crate::publish::PublishConfig,
    /// `[tracker]`: where action items are pushed as issues (GitHub or GitLab).
    pub tracker: Option<crate::tracker::TrackerConfig>,
    /// `[sources.NAME]`: databases SQL panels read (`source = "NAME"` on a panel).
    #[serde(default)]
    pub sources: std::collections::BTreeMap<String, crate::sql::SourceConfig>,
    /// `[anomalies]`: the detectors' thresholds.
    #[serde(default)]
    pub anomalies: crate::analysis::Settings,
    /// `theme = "high-contrast"` for projectors and screen shares (`--theme` wins).
    #[serde(default)]
    pub theme: crate::ui::theme::Theme,
    /// `[keys]`: `next_section = "l"` or `= ["l", "right"]`, by the names in the `?` help.
    #[serde(default)]
    keys: std::collections::BTreeMap<String, toml::Spanned<KeyList>>,
    /// `[keys]` with their lines, checked against the keymap when the file was read.
    #[serde(skip)]
    pub rebinds: Vec<Rebind>,
}

/// One key or several for a command in `[keys]`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
enum KeyList {
    One(String),
    Several(Vec<String>),
}

/// `[prometheus]`: where panels get their data. Secrets may come from the environment or a
/// file instead, so that none needs to sit in the config file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrometheusConfig {
    /// e.g. "http://localhost:9090" (`KAIZEN_PROMETHEUS_URL` wins).
    pub url: Option<String>,
    /// Bearer token (`KAIZEN_PROMETHEUS_TOKEN` or `token_file` are better places).
    pub token: Option<String>,
    pub token_file: Option<PathBuf>,
    /// Basic auth user; the password from `KAIZEN_PROMETHEUS_PASSWORD`, `password_file`
    /// or `password`.
    pub user: Option<String>,
    pub password: Option<String>,
    pub password_file: Option<PathBuf>,
    /// Extra headers, e.g. { "X-Scope-OrgID" = "team-a" } for Mimir.
    #[serde(default)]
    pub headers: std::collections::BTreeMap<String, String>,
    /// A CA certificate (PEM) for a server with a private CA.
    pub ca_file: Option<PathBuf>,
    /// How long one query may take, e.g. "10s" (default).
    pub timeout: Option<String>,
}

/// The connection the config describes, with secrets read from `env` or files; `None` when
/// no URL is set anywhere.
pub fn prometheus_connection(
    config: &PrometheusConfig,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Option<Connection>, String> {
    let Some(url) = env("KAIZEN_PROMETHEUS_URL").or_else(|| config.url.clone()) else {
        return Ok(None);
    };
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(format!(
            "prometheus.url \"{url}\" must start with http:// or https://"
        ));
    }
    // Each secret with where it came from, to say so when the server refuses it.
    let secret = |env_name: &str, file: &Option<PathBuf>, inline: &Option<String>, key: &str| {
        let (value, from) = if let Some(value) = env(env_name) {
            (value, env_name.to_string())
        } else if let Some(path) = file {
            let text = std::fs::read_to_string(path)
                .map_err(|err| format!("prometheus.{key}_file {}: {err}", path.display()))?;
            // A file's last line ends in a newline; that is not part of the secret.
            let text = text.strip_suffix('\n').unwrap_or(&text);
            let text = text.strip_suffix('\r').unwrap_or(text).to_string();
            (text, format!("prometheus.{key}_file {}", path.display()))
        } else if let Some(value) = inline {
            (
                value.clone(),
                format!("prometheus.{key} in the config file"),
            )
        } else {
            return Ok(None);
        };
        if value.trim().is_empty() {
            return Err(format!(
                "the Prometheus {key} from {from} is empty: set it, or remove it to connect \
                 without one"
            ));
        }
        if value.chars().any(char::is_control) {
            return Err(format!(
                "the Prometheus {key} from {from} has a line break or control character: it \
                 must be one line (a file may end with one newline)"
            ));
        }
        Ok::<_, String>(Some((value, from)))
    };
    let token = secret(
        "KAIZEN_PROMETHEUS_TOKEN",
        &config.token_file,
        &config.token,
        "token",
    )?;
    let password = secret(
        "KAIZEN_PROMETHEUS_PASSWORD",
        &config.password_file,
        &config.password,
        "password",
    )?;
    let in_url = url_has_credentials(&url);
    let (auth, credentials) = match (token, &config.user, password) {
        (Some(_), Some(_), _) => {
            return Err("prometheus: set either a token or a user and password, not both".into());
        }
        (Some((token, from)), None, _) => (
            Auth::Bearer(token),
            Some(format!("the bearer token from {from}")),
        ),
        (None, Some(user), password) => {
            let from = password.as_ref().map_or_else(
                || "no password".to_string(),
                |(_, from)| format!("the password from {from}"),
            );
            let credentials = format!("prometheus.user \"{user}\" and {from}");
            let password = password.map(|(p, _)| p).unwrap_or_default();
            let auth = Auth::Basic {
                user: user.clone(),
                password,
            };
            (auth, Some(credentials))
        }
        (None, None, Some((_, from))) => {
            return Err(format!(
                "prometheus: a password is set ({from}) but no user: add prometheus.user, or \
                 remove the password"
            ));
        }
        (None, None, None) if in_url => (
            Auth::None,
            Some("the user and password in prometheus.url".to_string()),
        ),
        (None, None, None) => (Auth::None, None),
    };
    let timeout_text = config.timeout.as_deref().unwrap_or("10s");
    let timeout = crate::cycles::panel::parse_duration(timeout_text).ok_or_else(|| {
        format!(
            "prometheus.timeout = \"{timeout_text}\" is not a duration from 1s to 3650d: use \
             e.g. \"10s\""
        )
    })?;
    Ok(Some(Connection {
        url,
        auth,
        headers: config.headers.clone().into_iter().collect(),
        ca_file: config.ca_file.clone(),
        timeout,
        credentials,
    }))
}

/// A secret (`{key}_env` or `{key}_file` in the config): from the environment variable or
/// the file named, one line (a file may end with one newline); `None` when neither is set.
pub fn secret_from(
    env: &impl Fn(&str) -> Option<String>,
    var: &Option<String>,
    file: &Option<PathBuf>,
    key: &str,
) -> Result<Option<String>, String> {
    let value = match (var, file) {
        (Some(_), Some(_)) => {
            return Err(format!("{key}: set {key}_env or {key}_file, not both"));
        }
        (Some(var), None) => Some(env(var).ok_or_else(|| {
            format!("{key}_env: the environment has no {var}: export it, or use {key}_file")
        })?),
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path)
                .map_err(|err| format!("{key}_file {}: {err}", path.display()))?;
            let text = text.strip_suffix('\n').unwrap_or(&text);
            Some(text.strip_suffix('\r').unwrap_or(text).to_string())
        }
        (None, None) => None,
    };
    if let Some(value) = &value
        && (value.trim().is_empty() || value.chars().any(char::is_control))
    {
        return Err(format!(
            "{key}: the value is empty or has a line break: it must be one line"
        ));
    }
    Ok(value)
}

/// Whether the URL carries a user (and maybe a password) before its host.
fn url_has_credentials(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    authority.contains('@')
}

/// The URL as it may be shown: a password in it is replaced by `***`.
pub fn shown_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            let hidden = if userinfo.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{hidden}@{host}{path}")
        }
        None => url.to_string(),
    }
}

/// How the meeting runner behaves (`[meeting]` in the config file).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MeetingSettings {
    /// Entering a section starts its countdown.
    pub auto_start: bool,
    /// Ring the terminal bell once when a section's time is up.
    pub bell: bool,
    /// Who runs the meetings, for their reports (the login name when unset).
    pub facilitator: Option<String>,
}

impl Default for MeetingSettings {
    fn default() -> Self {
        MeetingSettings {
            auto_start: true,
            bell: true,
            facilitator: None,
        }
    }
}

/// Reads the config file; a missing file is an empty config.
pub fn load_config(path: &Path) -> Result<Config, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(err) => return Err(format!("{}: cannot read the config: {err}", path.display())),
    };
    parse_config(&text, path)
}

/// Parses a config file's text; `path` names it in errors, with the line.
pub fn parse_config(text: &str, path: &Path) -> Result<Config, String> {
    let line_at = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let mut config: Config =
        toml::from_str(text).map_err(|err| match err.span().map(|span| line_at(span.start)) {
            Some(line) => format!("{}:{line}: {}", path.display(), err.message()),
            None => format!("{}: {}", path.display(), err.message()),
        })?;
    config.rebinds = std::mem::take(&mut config.keys)
        .into_iter()
        .map(|(command, keys)| Rebind {
            command,
            line: line_at(keys.span().start),
            chords: match keys.into_inner() {
                KeyList::One(key) => vec![key],
                KeyList::Several(keys) => keys,
            },
        })
        .collect();
    // Refused here, before the terminal is taken over, with the line to fix.
    Keymap::with_rebinds(&config.rebinds)
        .map_err(|err| format!("{}:{}: {}", path.display(), err.line, err.message))?;
    Ok(config)
}

/// Where reports go: the config's `reports`, else a `reports` folder beside the database.
pub fn reports_dir(config: &Config, database: &Path) -> PathBuf {
    config.reports.clone().unwrap_or_else(|| {
        database
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join("reports")
    })
}

/// Where the store is: `--db` or `KAIZEN_DB` first, then the config file, then the default
/// file; a `postgres://` URL is a PostgreSQL database, its password from the environment
/// (`KAIZEN_DB_PASSWORD`, or `database_password_env`) or `database_password_file`.
pub fn database_location(
    cli: Option<PathBuf>,
    config: &Config,
    paths: &Paths,
    env: impl Fn(&str) -> Option<String>,
) -> Result<crate::store::Location, String> {
    let path = database_path(cli, config, paths);
    if !crate::store::is_postgres(&path) {
        return Ok(crate::store::Location::File(path));
    }
    let password = match (
        &config.database_password_env,
        &config.database_password_file,
    ) {
        (None, None) => env("KAIZEN_DB_PASSWORD"),
        (var, file) => secret_from(&env, var, file, "database_password")?,
    };
    let ca = match &config.database_ca_file {
        Some(file) => Some(
            crate::sql::client::read_ca(file)
                .map_err(|why| format!("database_ca_file {}: {why}", file.display()))?,
        ),
        None => None,
    };
    crate::store::Location::postgres(
        &path.to_string_lossy(),
        password,
        ca,
        "the database (--db, KAIZEN_DB or database)",
    )
}

/// The database path: `--db` or `KAIZEN_DB` first, then the config file, then the default.
pub fn database_path(cli: Option<PathBuf>, config: &Config, paths: &Paths) -> PathBuf {
    cli.or_else(|| config.database.clone())
        .unwrap_or_else(|| paths.default_db())
}
