//! The meeting's summary to the team's chat: one JSON post in the Slack incoming-webhook
//! format (`{"text": …}`), which Mattermost and Rocket.Chat also take. The webhook's URL is
//! its secret: it is never in a message, the log or the store.

use super::Job;
use super::settings::Webhook;
use std::time::Duration;

pub async fn publish(
    webhook: &Webhook,
    job: &Job,
    committed: Option<&str>,
) -> Result<String, String> {
    let link = match (&webhook.report_url, committed) {
        (Some(pattern), Some(path)) => Some(pattern.replace("{path}", path)),
        (None, Some(path)) => Some(format!("{path} in the docs repository")),
        (Some(pattern), None) if !pattern.contains("{path}") => Some(pattern.clone()),
        _ => None,
    };
    let text = super::summary::chat(&job.report, link.as_deref());
    // kaizen links one TLS backend, ring; an error only says one is installed already.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(15))
        .build()
        .map_err(|err| format!("cannot set up the HTTP client: {}", err.without_url()))?;
    let answer = client
        .post(&webhook.url)
        .json(&serde_json::json!({ "text": text }))
        .send()
        .await
        .map_err(|err| format!("the webhook was not reached: {}", err.without_url()))?;
    let status = answer.status();
    if status.is_success() {
        return Ok(format!("posted the summary (HTTP {})", status.as_u16()));
    }
    let body = answer.text().await.unwrap_or_default();
    let body: String = crate::text::clean(body.trim()).chars().take(200).collect();
    Err(format!(
        "the webhook answered HTTP {}{}",
        status.as_u16(),
        if body.is_empty() {
            String::new()
        } else {
            format!(": {body}")
        }
    ))
}
