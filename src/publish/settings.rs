//! `[publish]` in the config file: which targets a meeting goes to, checked when kaizen
//! starts (before the terminal is taken), with secrets (the webhook's URL, the SMTP password)
//! read from the environment or a file, never from the config itself.

use serde::Deserialize;
use std::path::PathBuf;

/// `[publish]` as written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishConfig {
    /// Publish each meeting when it ends (default true); `kaizen publish` works either way.
    pub on_end: Option<bool>,
    pub git: Option<GitConfig>,
    pub webhook: Option<WebhookConfig>,
    pub email: Option<EmailConfig>,
}

/// `[publish.git]`: a clone of the team's docs or wiki repository.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GitConfig {
    pub repo: PathBuf,
    /// Where in it the report goes (default `reviews/{year}/{date}-{cycle}.md`).
    pub path: Option<String>,
    /// Push here after each commit (e.g. "origin"); without one, commits stay local.
    pub remote: Option<String>,
    /// A folder for the lessons library (one page per lesson and an index), refreshed with
    /// each meeting and by `kaizen lessons --publish`; without one, it is not published.
    pub lessons: Option<String>,
}

/// `[publish.webhook]`: a Slack-format incoming webhook (Mattermost, Rocket.Chat too). Its
/// URL holds its secret, so it comes from the environment or a file.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookConfig {
    pub url_env: Option<String>,
    pub url_file: Option<PathBuf>,
    /// Where readers find the full report, e.g.
    /// "https://git.example/ops/docs/src/branch/main/{path}" (`{path}` is the file in the
    /// docs repository).
    pub report_url: Option<String>,
}

/// `[publish.email]`: SMTP.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
    pub server: String,
    /// 587 for STARTTLS, 465 for TLS, 25 without.
    pub port: Option<u16>,
    /// "starttls" (default), "tls", or "none" (a relay on this machine or a test server).
    pub security: Option<Security>,
    pub user: Option<String>,
    pub password_env: Option<String>,
    pub password_file: Option<PathBuf>,
    /// "kaizen <kaizen@example.com>".
    pub from: String,
    /// Who gets the report besides the meeting's attendance list (everyone on it with an
    /// address in the roster): "ops-team@example.com", "Ana <ana@example.com>".
    #[serde(default)]
    pub to: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    Starttls,
    Tls,
    None,
}

/// The targets, checked and with their secrets read.
#[derive(Clone, Debug, Default)]
pub struct Targets {
    pub on_end: bool,
    pub git: Option<Git>,
    pub webhook: Option<Webhook>,
    pub email: Option<Email>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Git {
    pub repo: PathBuf,
    pub path: String,
    pub remote: Option<String>,
    pub lessons: Option<String>,
}

#[derive(Clone)]
pub struct Webhook {
    pub url: String,
    pub report_url: Option<String>,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Webhook(<url hidden>)")
    }
}

#[derive(Clone)]
pub struct Email {
    pub server: String,
    pub port: u16,
    pub security: Security,
    pub credentials: Option<(String, String)>,
    pub from: lettre::message::Mailbox,
    pub to: Vec<lettre::message::Mailbox>,
}

impl std::fmt::Debug for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Email({}:{})", self.server, self.port)
    }
}

/// The placeholders a git path may hold.
const PLACEHOLDERS: [&str; 6] = ["{year}", "{month}", "{date}", "{cycle}", "{id}", "{day}"];

impl Targets {
    /// Checks `[publish]` and reads its secrets from `env` or files; an error names the key
    /// and the fix.
    pub fn from_config(
        config: &PublishConfig,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Targets, String> {
        Ok(Targets {
            on_end: config.on_end.unwrap_or(true),
            git: config.git.as_ref().map(git).transpose()?,
            webhook: config
                .webhook
                .as_ref()
                .map(|w| webhook(w, &env))
                .transpose()?,
            email: config.email.as_ref().map(|e| email(e, &env)).transpose()?,
        })
    }

    /// Which targets are configured.
    pub fn configured(&self) -> Vec<super::Target> {
        use super::Target;
        let mut targets = Vec::new();
        if self.git.is_some() {
            targets.push(Target::Git);
        }
        if self.webhook.is_some() {
            targets.push(Target::Webhook);
        }
        if self.email.is_some() {
            targets.push(Target::Email);
        }
        targets
    }
}

fn git(config: &GitConfig) -> Result<Git, String> {
    let path = config
        .path
        .clone()
        .unwrap_or_else(|| "reviews/{year}/{date}-{cycle}.md".to_string());
    // Only known placeholders, and a path that stays inside the repository.
    let mut rest = path.clone();
    for placeholder in PLACEHOLDERS {
        rest = rest.replace(placeholder, "x");
    }
    if rest.contains(['{', '}']) {
        return Err(format!(
            "publish.git.path = \"{path}\" has a placeholder kaizen does not fill in: use \
             {}",
            PLACEHOLDERS.join(", ")
        ));
    }
    let inside = std::path::Path::new(&rest)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside || rest.is_empty() {
        return Err(format!(
            "publish.git.path = \"{path}\" must be a relative path inside the repository \
             (no \"..\", no leading \"/\"), e.g. \"reviews/{{year}}/{{date}}-{{cycle}}.md\""
        ));
    }
    if let Some(remote) = &config.remote
        && (remote.is_empty() || remote.starts_with('-') || remote.chars().any(char::is_whitespace))
    {
        return Err(format!(
            "publish.git.remote = \"{remote}\" is not a remote's name: e.g. \"origin\""
        ));
    }
    let lessons = config
        .lessons
        .as_deref()
        .map(|folder| folder.trim().trim_end_matches('/').to_string());
    if let Some(folder) = &lessons {
        let inside = std::path::Path::new(folder)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !inside || folder.is_empty() {
            return Err(format!(
                "publish.git.lessons = \"{folder}\" must be a folder inside the repository \
                 (no \"..\", no leading \"/\"), e.g. \"lessons\""
            ));
        }
    }
    Ok(Git {
        repo: config.repo.clone(),
        path,
        remote: config.remote.clone(),
        lessons,
    })
}

fn webhook(
    config: &WebhookConfig,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<Webhook, String> {
    let url = crate::config::secret_from(env, &config.url_env, &config.url_file, "publish.webhook.url")?
        .ok_or("publish.webhook: set url_env = \"VAR\" or url_file = \"path\" (the webhook's URL is its secret, so it is not written in the config)")?;
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err("publish.webhook: the URL must start with https:// (or http://)".into());
    }
    Ok(Webhook {
        url,
        report_url: config.report_url.clone(),
    })
}

fn email(config: &EmailConfig, env: &impl Fn(&str) -> Option<String>) -> Result<Email, String> {
    let mailbox = |text: &str, key: &str| {
        text.parse::<lettre::message::Mailbox>().map_err(|err| {
            format!(
                "publish.email.{key} = \"{}\" is not an address ({err}): write \
                 \"name@example.com\" or \"Name <name@example.com>\"",
                crate::text::clean(text)
            )
        })
    };
    let security = config.security.unwrap_or(Security::Starttls);
    let password = crate::config::secret_from(
        env,
        &config.password_env,
        &config.password_file,
        "publish.email.password",
    )?;
    let credentials = match (&config.user, password) {
        (Some(user), Some(password)) => Some((user.clone(), password)),
        (None, None) => None,
        (Some(_), None) => {
            return Err("publish.email: a user needs password_env or password_file".into());
        }
        (None, Some(_)) => {
            return Err("publish.email: a password is set but no user: add user = \"...\"".into());
        }
    };
    Ok(Email {
        server: config.server.clone(),
        port: config.port.unwrap_or(match security {
            Security::Starttls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }),
        security,
        credentials,
        from: mailbox(&config.from, "from")?,
        to: config
            .to
            .iter()
            .map(|to| mailbox(to, "to"))
            .collect::<Result<_, _>>()?,
    })
}
