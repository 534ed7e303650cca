//! Publishing as the app and `kaizen publish` do it: the meetings to publish read from the
//! database (a connection of its own, so the screen's store never waits on the network),
//! each published to its targets, and every attempt recorded.

use super::{Job, Outcome, Target, Targets, publish};
use crate::cycles::Cycle;
use crate::store::Store;
use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;
use std::sync::Arc;

/// What publishing needs besides the meeting: the targets, the templates (for the report)
/// and the database.
#[derive(Clone, Debug)]
pub struct Context {
    pub targets: Targets,
    pub cycles: Vec<Cycle>,
    pub database: PathBuf,
}

/// What to publish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// One meeting, to every configured target (again, when asked again).
    Meeting(i64),
    /// Every queued publication whose wait is over, except those of `hold` (a meeting whose
    /// summary is still open: its rating is still to come).
    Due { hold: Option<i64> },
}

/// One meeting published: its id, how it is named ("Weekly review of Sat 5 Dec 2026"), and
/// what each target did.
#[derive(Clone, Debug, PartialEq)]
pub struct PublishedMeeting {
    pub meeting: i64,
    pub title: String,
    pub outcomes: Vec<Outcome>,
}

/// Every meeting published.
pub type Published = Vec<PublishedMeeting>;

pub async fn run(
    context: Arc<Context>,
    ask: Ask,
    now: DateTime<FixedOffset>,
) -> Result<Published, String> {
    let reading = context.clone();
    let jobs = tokio::task::spawn_blocking(move || reading.jobs(ask, now))
        .await
        .map_err(|err| err.to_string())??;
    let mut published = Vec::new();
    for (job, targets) in jobs {
        let outcomes = publish(&context.targets, &job, &targets).await;
        let recording = context.clone();
        let recorded = outcomes.clone();
        let meeting = job.meeting_id;
        tokio::task::spawn_blocking(move || recording.record(meeting, &recorded, now))
            .await
            .map_err(|err| err.to_string())??;
        published.push(PublishedMeeting {
            meeting,
            title: job.title(),
            outcomes,
        });
    }
    Ok(published)
}

impl Context {
    fn store(&self) -> Result<Store, String> {
        Store::open(&self.database).map_err(|err| err.to_string())
    }

    /// The meetings to publish, each with its report and targets.
    fn jobs(
        &self,
        ask: Ask,
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<(Job, Vec<Target>)>, String> {
        let store = self.store()?;
        let configured = self.targets.configured();
        let wanted: Vec<(i64, Vec<Target>)> = match ask {
            Ask::Meeting(id) => vec![(id, configured)],
            Ask::Due { hold } => {
                let mut by_meeting: Vec<(i64, Vec<Target>)> = Vec::new();
                let due = store.publications_due(now).map_err(|err| err.to_string())?;
                for publication in due.into_iter().filter(|p| Some(p.meeting_id) != hold) {
                    // A target taken out of the config waits until it is back.
                    let Some(target) =
                        Target::from_key(&publication.target).filter(|t| configured.contains(t))
                    else {
                        continue;
                    };
                    match by_meeting.last_mut() {
                        Some((id, targets)) if *id == publication.meeting_id => {
                            targets.push(target)
                        }
                        _ => by_meeting.push((publication.meeting_id, vec![target])),
                    }
                }
                by_meeting
            }
        };
        let mut jobs = Vec::new();
        for (id, targets) in wanted {
            let report = crate::report::gather(&store, id, &self.cycles, now)
                .map_err(|err| format!("meeting {id}: {err}"))?;
            if report.ended_at.is_none() {
                return Err(format!(
                    "meeting {id} has not ended: end it first (its report is not final)"
                ));
            }
            jobs.push((Job::new(report), targets));
        }
        Ok(jobs)
    }

    fn record(
        &self,
        meeting: i64,
        outcomes: &[Outcome],
        now: DateTime<FixedOffset>,
    ) -> Result<(), String> {
        let store = self.store()?;
        for outcome in outcomes {
            store
                .record_publication(meeting, outcome.target.key(), &outcome.result, now)
                .map_err(|err| err.to_string())?;
        }
        Ok(())
    }
}
