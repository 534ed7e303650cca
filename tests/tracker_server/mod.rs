//! A local stand-in for the trackers' issues APIs, as their documentation describes the
//! routes kaizen uses.
//! - GitHub: `POST /repos/{owner}/{repo}/issues` (201 with the issue) and `GET
//!   /repos/{owner}/{repo}/issues/{number}`, bearer-token auth (401 "Bad credentials"
//!   otherwise), 404 "Not Found" for anything else.
//! - GitLab (under `/api/v4`): `GET /users?username=` (a list), `POST
//!   /projects/{url-encoded path}/issues` (201, `iid`, `web_url`, state "opened") and `GET
//!   /projects/{path}/issues/{iid}`, `PRIVATE-TOKEN` auth (401 {"message": "401
//!   Unauthorized"}), 404 {"message": "404 Project Not Found"}.
//!
//! A test closes an issue "there" with `close`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct State {
    /// Issues by number: the JSON GitHub would return.
    pub issues: BTreeMap<i64, serde_json::Value>,
    /// Every request: method, path, body.
    pub requests: Vec<(String, String, String)>,
}

pub struct GitHub {
    pub url: String,
    pub state: Arc<Mutex<State>>,
}

pub const TOKEN: &str = "ghp_test_token_0123456789";

impl GitHub {
    pub fn start() -> GitHub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let base = url.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(stream);
                let mut first = String::new();
                if reader.read_line(&mut first).unwrap_or(0) == 0 {
                    continue;
                }
                let (mut length, mut auth) = (0usize, String::new());
                let mut line = String::new();
                loop {
                    line.clear();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    let lower = line.to_ascii_lowercase();
                    if let Some(value) = lower.strip_prefix("content-length:") {
                        length = value.trim().parse().unwrap_or(0);
                    }
                    if lower.starts_with("authorization:") {
                        auth = line["authorization:".len()..].trim().to_string();
                    }
                    // GitLab's header, kept as GitHub's would be.
                    if lower.starts_with("private-token:") {
                        auth = format!("Private {}", line["private-token:".len()..].trim());
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let body = String::from_utf8_lossy(&body).into_owned();
                let mut parts = first.split_whitespace();
                let method = parts.next().unwrap_or_default().to_string();
                let path = parts.next().unwrap_or_default().to_string();
                let (status, answer) = {
                    let mut state = shared.lock().expect("state");
                    state
                        .requests
                        .push((method.clone(), path.clone(), body.clone()));
                    answer(&mut state, &base, &method, &path, &body, &auth)
                };
                let text = answer.to_string();
                let reply = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                    text.len()
                );
                let _ = reader.into_inner().write_all(reply.as_bytes());
            }
        });
        GitHub { url, state }
    }

    /// Closes issue `number` there, as someone would on GitHub.
    pub fn close(&self, number: i64) {
        let mut state = self.state.lock().expect("state");
        let issue = state.issues.get_mut(&number).expect("the issue");
        issue["state"] = "closed".into();
        if issue.get("iid").is_some() {
            issue["closed_at"] = "2026-12-04T10:00:00.000Z".into();
            return;
        }
        issue["state_reason"] = "completed".into();
        issue["closed_at"] = "2026-12-04T10:00:00Z".into();
    }
}

fn answer(
    state: &mut State,
    base: &str,
    method: &str,
    path: &str,
    body: &str,
    auth: &str,
) -> (&'static str, serde_json::Value) {
    let not_found = serde_json::json!({
        "message": "Not Found",
        "documentation_url": "https://docs.github.com/rest",
        "status": "404"
    });
    if let Some(route) = path.strip_prefix("/api/v4") {
        return gitlab(state, method, route, body, auth);
    }
    if auth != format!("Bearer {TOKEN}") {
        return (
            "401 Unauthorized",
            serde_json::json!({
                "message": "Bad credentials",
                "documentation_url": "https://docs.github.com/rest",
                "status": "401"
            }),
        );
    }
    let Some(rest) = path.strip_prefix("/repos/ops/infra/issues") else {
        return ("404 Not Found", not_found);
    };
    match (method, rest) {
        ("POST", "") => {
            let asked: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
            let number = state.issues.len() as i64 + 1;
            let assignees: Vec<serde_json::Value> = asked["assignees"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|login| serde_json::json!({ "login": login }))
                .collect();
            let issue = serde_json::json!({
                "id": 1_000_000 + number,
                "number": number,
                "url": format!("{base}/repos/ops/infra/issues/{number}"),
                "html_url": format!("https://github.com/ops/infra/issues/{number}"),
                "state": "open",
                "state_reason": null,
                "title": asked["title"],
                "body": asked["body"],
                "assignees": assignees,
                "closed_at": null,
            });
            state.issues.insert(number, issue.clone());
            ("201 Created", issue)
        }
        ("GET", number) => {
            let number: i64 = number.trim_start_matches('/').parse().unwrap_or(-1);
            match state.issues.get(&number) {
                Some(issue) => ("200 OK", issue.clone()),
                None => ("404 Not Found", not_found),
            }
        }
        _ => ("404 Not Found", not_found),
    }
}

/// GitLab's answers, as its REST API documents them.
fn gitlab(
    state: &mut State,
    method: &str,
    route: &str,
    body: &str,
    auth: &str,
) -> (&'static str, serde_json::Value) {
    let not_found = serde_json::json!({ "message": "404 Project Not Found" });
    if auth != format!("Private {TOKEN}") {
        return (
            "401 Unauthorized",
            serde_json::json!({ "message": "401 Unauthorized" }),
        );
    }
    if method == "GET" && route.starts_with("/users?") {
        let users = if route.ends_with("username=ana") {
            serde_json::json!([{
                "id": 42, "username": "ana", "name": "Ana Lima", "state": "active",
                "web_url": "https://gitlab.example/ana"
            }])
        } else {
            serde_json::json!([])
        };
        return ("200 OK", users);
    }
    let Some(rest) = route.strip_prefix("/projects/ops%2Finfra/issues") else {
        return ("404 Not Found", not_found);
    };
    match (method, rest) {
        ("POST", "") => {
            let asked: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
            let iid = state.issues.len() as i64 + 1;
            let assignees: Vec<serde_json::Value> = asked["assignee_ids"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|id| serde_json::json!({ "id": id, "username": "ana" }))
                .collect();
            let issue = serde_json::json!({
                "id": 5_000 + iid,
                "iid": iid,
                "project_id": 3,
                "title": asked["title"],
                "description": asked["description"],
                "state": "opened",
                "assignees": assignees,
                "closed_at": null,
                "web_url": format!("https://gitlab.example/ops/infra/-/issues/{iid}"),
            });
            state.issues.insert(iid, issue.clone());
            ("201 Created", issue)
        }
        ("GET", iid) => {
            let iid: i64 = iid.trim_start_matches('/').parse().unwrap_or(-1);
            match state.issues.get(&iid) {
                Some(issue) => ("200 OK", issue.clone()),
                None => (
                    "404 Not Found",
                    serde_json::json!({ "message": "404 Not found" }),
                ),
            }
        }
        _ => ("404 Not Found", not_found),
    }
}
