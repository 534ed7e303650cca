//! GitHub's REST API for issues: create one (POST /repos/{owner}/{repo}/issues), read its
//! state (GET /repos/{owner}/{repo}/issues/{number}).

use super::{Created, Tracker, answered, unreachable};
use crate::actions::ActionItem;
use serde::Deserialize;

#[derive(Deserialize)]
struct Issue {
    number: i64,
    html_url: String,
    state: String,
}

fn request(tracker: &Tracker, builder: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    builder
        .bearer_auth(&tracker.token)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28")
}

pub(super) async fn create(
    tracker: &Tracker,
    item: &ActionItem,
    body: &str,
    assignee: Option<&str>,
) -> Result<Created, String> {
    let client = tracker.client()?;
    let url = format!("{}/repos/{}/issues", tracker.api, tracker.project);
    let mut payload = serde_json::json!({ "title": item.title, "body": body });
    if let Some(login) = assignee {
        payload["assignees"] = serde_json::json!([login]);
    }
    let answer = request(tracker, client.post(&url))
        .json(&payload)
        .send()
        .await
        .map_err(unreachable)?;
    let issue: Issue = answered(answer, "GitHub refused the issue").await?;
    Ok(Created {
        number: issue.number,
        url: issue.html_url,
    })
}

pub(super) async fn closed(tracker: &Tracker, number: i64) -> Result<bool, String> {
    let client = tracker.client()?;
    let url = format!("{}/repos/{}/issues/{number}", tracker.api, tracker.project);
    let answer = request(tracker, client.get(&url))
        .send()
        .await
        .map_err(unreachable)?;
    let issue: Issue = answered(answer, &format!("GitHub did not give issue #{number}")).await?;
    Ok(issue.state == "closed")
}
