//! GitLab's REST API for issues: find the assignee's user id (GET /users?username=), create
//! an issue (POST /projects/{path}/issues), read its state (GET /projects/{path}/issues/{iid}).

use super::{Created, Tracker, answered, unreachable};
use crate::actions::ActionItem;
use serde::Deserialize;

#[derive(Deserialize)]
struct Issue {
    iid: i64,
    web_url: String,
    state: String,
}

#[derive(Deserialize)]
struct User {
    id: i64,
}

/// The project's path as one URL segment ("ops%2Finfra").
fn project(tracker: &Tracker) -> String {
    tracker
        .project
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

pub(super) async fn create(
    tracker: &Tracker,
    item: &ActionItem,
    body: &str,
    assignee: Option<&str>,
) -> Result<Created, String> {
    let client = tracker.client()?;
    let mut payload = serde_json::json!({ "title": item.title, "description": body });
    if let Some(username) = assignee {
        let answer = client
            .get(format!("{}/users", tracker.api))
            .query(&[("username", username)])
            .header("PRIVATE-TOKEN", &tracker.token)
            .send()
            .await
            .map_err(unreachable)?;
        let users: Vec<User> =
            answered(answer, &format!("GitLab did not find @{username}")).await?;
        if let Some(user) = users.first() {
            payload["assignee_ids"] = serde_json::json!([user.id]);
        }
    }
    let answer = client
        .post(format!(
            "{}/projects/{}/issues",
            tracker.api,
            project(tracker)
        ))
        .header("PRIVATE-TOKEN", &tracker.token)
        .json(&payload)
        .send()
        .await
        .map_err(unreachable)?;
    let issue: Issue = answered(answer, "GitLab refused the issue").await?;
    Ok(Created {
        number: issue.iid,
        url: issue.web_url,
    })
}

pub(super) async fn closed(tracker: &Tracker, number: i64) -> Result<bool, String> {
    let client = tracker.client()?;
    let answer = client
        .get(format!(
            "{}/projects/{}/issues/{number}",
            tracker.api,
            project(tracker)
        ))
        .header("PRIVATE-TOKEN", &tracker.token)
        .send()
        .await
        .map_err(unreachable)?;
    let issue: Issue = answered(answer, &format!("GitLab did not give issue #{number}")).await?;
    Ok(issue.state == "closed")
}
