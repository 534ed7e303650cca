//! Action items to the team's tracker: `[tracker]` names a GitHub repository or a GitLab
//! project; an item is pushed as an issue (its owner's roster handle as assignee, its due
//! date and origin in the body), and a sync reads each pushed issue's state back: an issue
//! closed there is an item done here, its history saying where. The token comes from the
//! environment or a file and is never printed, stored or logged.

mod github;
mod gitlab;
pub mod sync;

use crate::actions::ActionItem;
use serde::Deserialize;
use std::path::PathBuf;
use std::time::Duration;

/// `[tracker]` as written.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackerConfig {
    pub kind: Kind,
    /// "owner/name" on GitHub, the project's path ("ops/infra") on GitLab.
    pub project: String,
    /// The API's address: https://api.github.com or https://gitlab.com/api/v4 by default
    /// (GitHub Enterprise: https://HOST/api/v3).
    pub url: Option<String>,
    pub token_env: Option<String>,
    pub token_file: Option<PathBuf>,
    /// Push every new action item as it is made.
    #[serde(default)]
    pub auto: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Github,
    Gitlab,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::Github => "github",
            Kind::Gitlab => "gitlab",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Github => "GitHub",
            Kind::Gitlab => "GitLab",
        }
    }
}

/// The tracker, checked, with its token read.
#[derive(Clone)]
pub struct Tracker {
    pub kind: Kind,
    pub project: String,
    pub api: String,
    token: String,
    pub auto: bool,
}

impl std::fmt::Debug for Tracker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Tracker({} {}, <token hidden>)",
            self.kind.name(),
            self.project
        )
    }
}

/// An issue as the tracker made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Created {
    pub number: i64,
    pub url: String,
}

impl Tracker {
    pub fn from_config(
        config: &TrackerConfig,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Tracker, String> {
        let token = crate::config::secret_from(
            &env,
            &config.token_env,
            &config.token_file,
            "tracker.token",
        )?
        .ok_or("tracker: set token_env = \"VAR\" or token_file = \"path\" (a token that may create issues)")?;
        let project = config.project.trim().to_string();
        let parts: Vec<&str> = project.split('/').collect();
        if parts.len() < 2
            || parts.iter().any(|p| {
                p.is_empty() || p.chars().any(|c| c.is_whitespace() || c == '?' || c == '#')
            })
        {
            return Err(format!(
                "tracker.project = \"{}\" is not a project: write it as \"owner/name\"",
                crate::text::clean(&project)
            ));
        }
        let api = config
            .url
            .clone()
            .unwrap_or_else(|| match config.kind {
                Kind::Github => "https://api.github.com".into(),
                Kind::Gitlab => "https://gitlab.com/api/v4".into(),
            })
            .trim_end_matches('/')
            .to_string();
        if !(api.starts_with("https://") || api.starts_with("http://")) {
            return Err("tracker.url must start with https:// (or http://)".into());
        }
        Ok(Tracker {
            kind: config.kind,
            project,
            api,
            token,
            auto: config.auto,
        })
    }

    /// Makes an issue of `item`, assigned to `assignee` (the owner's handle) when given.
    pub async fn create(
        &self,
        item: &ActionItem,
        assignee: Option<&str>,
    ) -> Result<Created, String> {
        let body = body(item);
        match self.kind {
            Kind::Github => github::create(self, item, &body, assignee).await,
            Kind::Gitlab => gitlab::create(self, item, &body, assignee).await,
        }
    }

    /// Whether the issue is closed there.
    pub async fn closed(&self, number: i64) -> Result<bool, String> {
        match self.kind {
            Kind::Github => github::closed(self, number).await,
            Kind::Gitlab => gitlab::closed(self, number).await,
        }
    }

    fn client(&self) -> Result<reqwest::Client, String> {
        // kaizen links one TLS backend, ring; an error only says one is installed already.
        let _ = rustls::crypto::ring::default_provider().install_default();
        reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .user_agent(concat!("kaizen/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|err| format!("cannot set up the HTTP client: {}", err.without_url()))
    }
}

/// The text: what it is for, who owns it, when it is due, where it came from.
fn body(item: &ActionItem) -> String {
    let mut text = format!(
        "Action item {} from kaizen.\n\n- **Owner:** {}\n- **Due:** {} ({})\n",
        item.id,
        item.owner,
        item.due_on,
        item.due_on.format("%A")
    );
    if let Some(meeting) = item.meeting_id {
        text.push_str(&format!("- **Made in:** meeting {meeting}"));
        if let Some(section) = &item.section {
            text.push_str(&format!(", {section}"));
        }
        text.push('\n');
    }
    text.push_str("\nClosing this issue marks the action item done in kaizen at its next sync.\n");
    text
}

/// The answer read as the API documents it, or the tracker's refusal (`doing` says what
/// was asked: "GitHub refused the issue").
async fn answered<T: serde::de::DeserializeOwned>(
    answer: reqwest::Response,
    doing: &str,
) -> Result<T, String> {
    if !answer.status().is_success() {
        return Err(refusal(answer, doing).await);
    }
    answer.json().await.map_err(|err| {
        format!(
            "{doing}: the answer is not what the API documents: {}",
            err.without_url()
        )
    })
}

/// A refusal in the tracker's words: its JSON `message` (or `error`) whatever the status.
async fn refusal(answer: reqwest::Response, doing: &str) -> String {
    let status = answer.status().as_u16();
    let text = answer.text().await.unwrap_or_default();
    let said = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|json| {
            json.get("message")
                .or_else(|| json.get("error"))
                .map(|m| m.as_str().map_or(m.to_string(), str::to_string))
        })
        .unwrap_or_else(|| text.trim().chars().take(200).collect());
    let said = crate::text::clean(&said).into_owned();
    let hint = match status {
        401 => " (check the token)",
        403 => " (the token may not create or read issues there)",
        404 => " (check tracker.project, and that the token can see it)",
        _ => "",
    };
    format!("{doing}: HTTP {status}: {said}{hint}")
}

/// The HTTP error without its URL (which names the project, harmless, but never the token).
fn unreachable(err: reqwest::Error) -> String {
    format!("the tracker was not reached: {}", err.without_url())
}
