//! Publishing as the app and `kaizen publish` do it: the meetings to publish read from the
//! database (a connection of its own, so the screen's store never waits on the network),
//! each published to its targets, and every attempt recorded.

use super::{Job, Outcome, Target, Targets, publish};
use crate::cycles::Cycle;
use crate::store::Store;
use chrono::{DateTime, FixedOffset};
use std::sync::Arc;

/// What publishing needs besides the meeting: the targets, the templates (for the report)
/// and the database.
#[derive(Clone, Debug)]
pub struct Context {
    pub targets: Targets,
    pub cycles: Vec<Cycle>,
    pub location: crate::store::Location,
    /// The team whose meetings are published (`--team`; none: the default team).
    pub team: Option<String>,
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
    for (meeting, job, targets) in jobs {
        let (title, outcomes) = match job {
            Ok(job) => (job.title(), publish(&context.targets, &job, &targets).await),
            // A waiting meeting whose report cannot be made is a failure of each of its
            // targets (kept, and tried again later), not a stop for the meetings after it.
            Err(why) => (
                format!("Meeting {meeting}"),
                targets
                    .iter()
                    .map(|&target| super::Outcome {
                        target,
                        result: Err(why.clone()),
                    })
                    .collect(),
            ),
        };
        let recording = context.clone();
        let recorded = outcomes.clone();
        tokio::task::spawn_blocking(move || recording.record(meeting, &recorded, now))
            .await
            .map_err(|err| err.to_string())??;
        published.push(PublishedMeeting {
            meeting,
            title,
            outcomes,
        });
    }
    Ok(published)
}

impl Context {
    fn store(&self) -> Result<Store, String> {
        Store::open_for(&self.location, self.team.as_deref()).map_err(|err| err.to_string())
    }

    /// The meetings to publish, each with its report (or why it cannot be made) and targets.
    /// Asked for one meeting, a report that cannot be made is the answer.
    #[allow(clippy::type_complexity)]
    fn jobs(
        &self,
        ask: Ask,
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<(i64, Result<Job, String>, Vec<Target>)>, String> {
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
            let job = self.job(&store, id, now);
            if let (Ask::Meeting(_), Err(why)) = (ask, &job) {
                return Err(why.clone());
            }
            jobs.push((id, job, targets));
        }
        Ok(jobs)
    }

    /// One ended meeting's report, ready for every target.
    fn job(&self, store: &Store, id: i64, now: DateTime<FixedOffset>) -> Result<Job, String> {
        let report = crate::report::gather(store, id, &self.cycles, now)
            .map_err(|err| format!("meeting {id}: {err}"))?;
        if report.ended_at.is_none() {
            return Err(format!(
                "meeting {id} has not ended: end it first (its report is not final)"
            ));
        }
        let fail = |err: crate::store::StoreError| err.to_string();
        let attendees = attendees(&report, &store.roster().map_err(fail)?);
        let mut job = Job::new(report, attendees);
        if self
            .targets
            .git
            .as_ref()
            .is_some_and(|git| git.lessons.is_some())
        {
            job.library = Some(store.lessons().map_err(fail)?);
        }
        Ok(job)
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

/// Everyone on the meeting's attendance list, present or not (those away need the report
/// most), whose roster entry has an address that is one.
fn attendees(
    report: &crate::report::Report,
    roster: &[crate::people::Person],
) -> Vec<lettre::message::Mailbox> {
    report
        .attendance
        .iter()
        .filter_map(|a| roster.iter().find(|p| p.name == a.name))
        .filter_map(|person| {
            let address = person.email.as_deref()?.parse().ok()?;
            Some(lettre::message::Mailbox::new(
                Some(crate::text::clean(&person.name).into_owned()),
                address,
            ))
        })
        .collect()
}
