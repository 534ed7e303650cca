//! Publishing a meeting: its report leaves the terminal for the team's docs repository (a
//! git commit, pushed), its chat (a webhook post of a short summary) and their mailboxes (an
//! email of the report). Each target is optional and off until `[publish]` names it. Every
//! attempt is recorded in the store (`publications`): a target that failed is said and tried
//! again later, and one that worked is never sent twice.
//!
//! The same [`publish`] runs from the app (when a meeting ends, `P` on its summary or in the
//! history, and for retries) and from `kaizen publish`.

pub mod email;
pub mod git;
pub mod library;
pub mod run;
pub mod settings;
pub mod summary;
pub mod webhook;

pub use settings::{PublishConfig, Targets};

use crate::report::Report;
use std::fmt;

/// Where a meeting can be published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Git,
    Webhook,
    Email,
}

impl Target {
    pub const ALL: [Target; 3] = [Target::Git, Target::Webhook, Target::Email];

    /// Its name in the config and the store.
    pub fn key(self) -> &'static str {
        match self {
            Target::Git => "git",
            Target::Webhook => "webhook",
            Target::Email => "email",
        }
    }

    pub fn from_key(key: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.key() == key)
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Target::Git => "the docs repository",
            Target::Webhook => "the chat webhook",
            Target::Email => "email",
        })
    }
}

/// What one target did with a meeting: what was done ("committed 1a2b3c4 and pushed to
/// origin"), or why not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub target: Target,
    pub result: Result<String, String>,
}

/// Everything a target needs of a meeting, gathered from the store first so no target
/// touches it.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    pub meeting_id: i64,
    pub cycle: String,
    pub cycle_name: String,
    pub held_on: chrono::NaiveDate,
    /// The report, as `kaizen report` writes it.
    pub markdown: String,
    pub report: Report,
    /// The people on its attendance list (present or not) with an address in the roster.
    pub attendees: Vec<lettre::message::Mailbox>,
    /// The lessons library, when the docs repository keeps it (`publish.git.lessons`).
    pub library: Option<Vec<crate::lessons::Lesson>>,
}

impl Job {
    pub fn new(report: Report, attendees: Vec<lettre::message::Mailbox>) -> Job {
        Job {
            attendees,
            library: None,
            meeting_id: report.meeting_id,
            cycle: report.cycle.clone(),
            cycle_name: report.cycle_name.clone(),
            held_on: report.held_on,
            markdown: crate::report::markdown::render(&report),
            report,
        }
    }

    /// "Weekly review of Mon 30 Nov 2026": how a commit, a post, a subject and the screen name
    /// it.
    pub fn title(&self) -> String {
        format!(
            "{} review of {}",
            crate::text::clean(&self.cycle_name),
            self.held_on.format("%a %-d %b %Y")
        )
    }
}

/// Publishes `job` to each of `only` that `targets` configures, one after another (a git
/// commit first, so the chat and the email can link to it); never fails as a whole.
pub async fn publish(targets: &Targets, job: &Job, only: &[Target]) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    let mut committed: Option<String> = None;
    for target in Target::ALL.into_iter().filter(|t| only.contains(t)) {
        let result = match target {
            Target::Git => match &targets.git {
                Some(git) => {
                    let result = git::publish(git, job).await;
                    if let Ok((_, path)) = &result {
                        committed = Some(path.clone());
                    }
                    result.map(|(done, _)| done)
                }
                None => continue,
            },
            Target::Webhook => match &targets.webhook {
                Some(webhook) => webhook::publish(webhook, job, committed.as_deref()).await,
                None => continue,
            },
            Target::Email => match &targets.email {
                Some(email) => email::publish(email, job).await,
                None => continue,
            },
        };
        match &result {
            Ok(done) => {
                tracing::info!(target = target.key(), meeting = job.meeting_id, done = %done, "published")
            }
            Err(why) => {
                tracing::warn!(target = target.key(), meeting = job.meeting_id, error = %why, "publishing failed")
            }
        }
        outcomes.push(Outcome { target, result });
    }
    outcomes
}
