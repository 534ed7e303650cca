//! The store's half of the executor: every effect that reads or writes the database, done in
//! the order asked. In the app it runs on a thread of its own ([`StoreThread`]), so a key
//! never waits on the disk; tests call [`StoreWorker::handle`] directly and hear at once.
//!
//! Changes that cannot be saved for a reason that passes (locked, busy, disk full) wait in
//! order and are tried again when the model says so; reads wait behind them. A row made on
//! screen carries a provisional id until it lands; later changes and reads naming it are
//! given the stored id first (see [`crate::change::is_provisional`]).

use crate::change::{Change, is_provisional};
use crate::cycles::Cycle;
use crate::effect::Effect;
use crate::msg::{Landed, Msg, Read};
use crate::store::{Applied, Store, StoreError};
use chrono::{DateTime, FixedOffset};
use std::cell::Cell;
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use tokio::sync::mpsc;

pub struct StoreWorker {
    store: Store,
    cycles: Vec<Cycle>,
    /// Where ended meetings' reports are written (`None`: nowhere).
    pub reports: Option<PathBuf>,
    /// Changes that could not be saved yet (locked, busy, disk full), oldest first: tried
    /// again in order, and every later change waits behind them.
    waiting: VecDeque<Change>,
    /// Reads asked for while changes wait: answered once they land, so what is read back
    /// includes them.
    deferred: Vec<Effect>,
    /// Provisional ids of rows that have landed, and the ids the store gave them.
    stored_as: HashMap<i64, i64>,
}

impl StoreWorker {
    pub fn new(store: Store, cycles: Vec<Cycle>) -> StoreWorker {
        StoreWorker {
            store,
            cycles,
            reports: None,
            waiting: VecDeque::new(),
            deferred: Vec::new(),
            stored_as: HashMap::new(),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Puts another store in place (tests that open a file of their own).
    pub fn set_store(&mut self, store: Store) {
        self.store = store;
    }

    /// Does one store effect; what the model must hear comes back, in order.
    pub fn handle(&mut self, effect: Effect, now: DateTime<FixedOffset>) -> Vec<Msg> {
        if !self.waiting.is_empty() && reads_rows(&effect) {
            // The same read asked twice is answered once, when the changes have landed.
            if !self.deferred.contains(&effect) {
                self.deferred.push(effect);
            }
            return Vec::new();
        }
        let answer = match self.resolved(effect) {
            Effect::Persist(change) if !self.waiting.is_empty() => self.wait(change),
            Effect::Persist(change) => self.persist(change),
            Effect::RetrySaves => return self.retry(now),
            Effect::ReloadMeeting(id) => self.load(Read::Meeting, |store| {
                store
                    .load_meeting(id)
                    .map(|meeting| Msg::MeetingReloaded(Box::new(meeting)))
            }),
            Effect::LoadActions => self.load(Read::Actions, |store| {
                store
                    .actions(&crate::actions::Filter::default())
                    .map(Msg::ActionsLoaded)
            }),
            Effect::LoadHistory => self.load(Read::History, |store| {
                store.meetings(None).map(Msg::HistoryLoaded)
            }),
            Effect::LoadExpected => self.load(Read::Expected, |store| {
                store.expected_findings().map(Msg::ExpectedLoaded)
            }),
            Effect::LoadIncidents => self.load(Read::Incidents, |store| {
                Ok(Msg::IncidentsLoaded {
                    incidents: store.incidents()?,
                    dismissed: store.dismissed_alerts()?,
                })
            }),
            Effect::LoadScorecard(cycle) => self.load(Read::PanelHistory, |store| {
                let values = store.cycle_panel_values(&cycle)?;
                Ok(Msg::ScorecardLoaded { cycle, values })
            }),
            Effect::KeepMeeting(_) => match self.store.keep_meeting() {
                Ok(false) => Some(Msg::MeetingTakenOver(
                    self.store.meeting_holder().ok().flatten(),
                )),
                // Kept, or the server out of reach: the lease outlives a missed renewal.
                _ => None,
            },
            Effect::LoadLessons => self.load(Read::Lessons, |store| {
                store.lessons().map(Msg::LessonsLoaded)
            }),
            Effect::LoadPanelHistory(cycle) => self.load(Read::PanelHistory, |store| {
                store.cycle_panel_values(&cycle).map(Msg::PanelHistory)
            }),
            Effect::LoadOpportunities => self.load(Read::Opportunities, |store| {
                store.opportunities().map(Msg::OpportunitiesLoaded)
            }),
            Effect::LoadOpportunityHistory(id) => self.load(Read::OpportunityHistory, |store| {
                store
                    .opportunity_history(id)
                    .map(|history| Msg::OpportunityHistory(id, history))
            }),
            Effect::WriteReport { meeting, write } => {
                let folder = self.reports.as_deref().filter(|_| write);
                Some(report(&self.store, &self.cycles, meeting, folder, now))
            }
            Effect::CheckDatabase => match self.store.still_there() {
                Ok(()) => None,
                Err(err) => read::<()>(Read::Database, Err(err)).err(),
            },
            // Not the store's: the executor performs these itself.
            Effect::Fetch { .. }
            | Effect::Measure { .. }
            | Effect::Scan { .. }
            | Effect::FindAlerts { .. }
            | Effect::Publish(_)
            | Effect::PushAction(_)
            | Effect::SyncTracker
            | Effect::Bell
            | Effect::Suspend
            | Effect::Quit => None,
        };
        answer.into_iter().collect()
    }

    /// The effect with stored ids in place of provisional ones that have landed.
    fn resolved(&self, effect: Effect) -> Effect {
        let real = |id: i64| self.stored_as.get(&id).copied().unwrap_or(id);
        match effect {
            Effect::ReloadMeeting(id) => Effect::ReloadMeeting(real(id)),
            Effect::LoadOpportunityHistory(id) => Effect::LoadOpportunityHistory(real(id)),
            Effect::WriteReport { meeting, write } => Effect::WriteReport {
                meeting: real(meeting),
                write,
            },
            other => other,
        }
    }

    /// Queues a change behind those already waiting (a meeting cannot start behind them).
    fn wait(&mut self, change: Change) -> Option<Msg> {
        if !may_wait(&change) {
            return Some(Msg::SaveFailed {
                change: Box::new(change),
                error: format!(
                    "{} earlier change(s) are still waiting to be saved: try again once they \
                     land",
                    self.waiting.len()
                ),
            });
        }
        self.waiting.push_back(change);
        Some(Msg::SavesWaiting(self.waiting.len()))
    }

    /// Tries the waiting changes again in order, up to the first that still cannot land;
    /// once none wait, the reads asked for meanwhile are answered.
    fn retry(&mut self, now: DateTime<FixedOffset>) -> Vec<Msg> {
        let mut answers = Vec::new();
        while let Some(mut change) = self.waiting.pop_front() {
            match self.apply(&mut change) {
                Err(err) if err.may_pass() => {
                    self.waiting.push_front(change);
                    break;
                }
                result => answers.extend(self.applied(change, result)),
            }
        }
        answers.push(Msg::SavesWaiting(self.waiting.len()));
        if self.waiting.is_empty() {
            for read in std::mem::take(&mut self.deferred) {
                answers.extend(self.handle(read, now));
            }
        }
        answers
    }

    /// Writes a change; what the model must hear about it (a new id, a failure) comes back.
    /// One that fails for a reason that can pass waits, and is tried again.
    fn persist(&mut self, mut change: Change) -> Option<Msg> {
        match self.apply(&mut change) {
            Err(err) if err.may_pass() && may_wait(&change) => {
                tracing::warn!(change = change_name(&change), error = %err, "a change waits to be saved");
                self.waiting.push_back(change);
                Some(Msg::SavesWaiting(self.waiting.len()))
            }
            result => self.applied(change, result),
        }
    }

    /// Applies a change with the stored ids of rows that have landed; a change naming a row
    /// that never did (its creation failed for good) is refused rather than applied to
    /// nothing.
    fn apply(&mut self, change: &mut Change) -> Result<Applied, StoreError> {
        let creates = change.creates();
        let never_stored = Cell::new(None);
        change.resolve(&|id| match self.stored_as.get(&id) {
            Some(stored) => *stored,
            None => {
                if is_provisional(id) && Some(id) != creates {
                    never_stored.set(Some(id));
                }
                id
            }
        });
        if never_stored.get().is_some() {
            return Err(StoreError::NeverStored);
        }
        self.store.apply(change)
    }

    /// What the model must hear of a change's write.
    fn applied(&mut self, change: Change, result: Result<Applied, StoreError>) -> Option<Msg> {
        let applied = match result {
            Ok(applied) => applied,
            Err(err) => {
                tracing::error!(change = change_name(&change), error = %err, "a change was not saved");
                return Some(Msg::SaveFailed {
                    change: Box::new(change),
                    error: err.to_string(),
                });
            }
        };
        let stored_row = self.stored_action(&change, applied);
        let Some(provisional) = change.creates() else {
            return stored_row;
        };
        let id = match applied {
            Applied::MeetingCreated(id)
            | Applied::ActionCreated(id)
            | Applied::OpportunitySaved(id)
            | Applied::IncidentSaved(id) => id,
            Applied::Done => return None,
        };
        self.stored_as.insert(provisional, id);
        let landed = Landed { provisional, id };
        let made = match applied {
            Applied::MeetingCreated(_) => Msg::MeetingStored(landed),
            Applied::ActionCreated(_) => Msg::ActionStored(landed),
            Applied::OpportunitySaved(_) => Msg::OpportunitySaved(landed),
            Applied::IncidentSaved(_) | Applied::Done => Msg::IncidentSaved(landed),
        };
        Some(match stored_row {
            Some(row) => Msg::Several(vec![made, row]),
            None => made,
        })
    }

    /// The action item a change wrote, as stored now, for the screen to take instead of its
    /// own copy. A read that fails loses nothing: the screen keeps its copy.
    fn stored_action(&self, change: &Change, applied: Applied) -> Option<Msg> {
        let id = match (change, applied) {
            (Change::CreateAction { .. }, Applied::ActionCreated(id)) => id,
            (Change::EditAction { item, .. } | Change::Decide { item, .. }, _) => *item,
            _ => return None,
        };
        match self.store.action(id) {
            Ok(Some(item)) => Some(Msg::ActionSaved(Box::new(item))),
            Ok(None) => None,
            Err(err) => {
                tracing::warn!(error = %err, "a saved action item could not be read back");
                None
            }
        }
    }

    fn load(
        &self,
        what: Read,
        reading: impl FnOnce(&Store) -> Result<Msg, StoreError>,
    ) -> Option<Msg> {
        Some(read(what, reading(&self.store)).unwrap_or_else(|failed| failed))
    }
}

/// The store worker on a thread of its own: effects go in order through a channel, answers
/// come back through the app's inbox. Dropping the sender ends the thread once it has done
/// everything sent before.
pub struct StoreThread {
    jobs: Option<std::sync::mpsc::Sender<(Effect, DateTime<FixedOffset>)>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StoreThread {
    pub fn spawn(mut worker: StoreWorker, inbox: mpsc::UnboundedSender<Msg>) -> StoreThread {
        let (jobs, queue) = std::sync::mpsc::channel::<(Effect, DateTime<FixedOffset>)>();
        let thread = std::thread::Builder::new()
            .name("store".into())
            .spawn(move || {
                for (effect, now) in queue {
                    let answers = worker.handle(effect, now);
                    if !answers.is_empty() {
                        // The app may be gone by then; nobody is left to tell.
                        let _ = inbox.send(Msg::Several(answers));
                    }
                }
                if !worker.waiting.is_empty() {
                    tracing::error!(
                        count = worker.waiting.len(),
                        "kaizen quit with changes still waiting to be saved"
                    );
                }
            })
            .ok();
        StoreThread {
            jobs: Some(jobs),
            thread,
        }
    }

    /// A stand-in that does nothing, for the moment a worker moves to its thread.
    pub(super) fn idle() -> StoreThread {
        StoreThread {
            jobs: None,
            thread: None,
        }
    }

    pub fn send(&self, effect: Effect, now: DateTime<FixedOffset>) {
        if let Some(jobs) = &self.jobs {
            // A thread that is gone has logged why; nothing here can save the change.
            let _ = jobs.send((effect, now));
        }
    }

    /// Waits until everything sent has been done (the app is quitting).
    pub fn finish(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for StoreThread {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Whether a change can wait to be saved: starting or resuming a meeting cannot (it takes
/// the meeting's lock now, or it does not happen).
fn may_wait(change: &Change) -> bool {
    !matches!(
        change,
        Change::StartMeeting(_) | Change::ResumeMeeting | Change::TakeOverMeeting
    )
}

/// Effects that read rows the model keeps: answered after the waiting changes land.
fn reads_rows(effect: &Effect) -> bool {
    matches!(
        effect,
        Effect::ReloadMeeting(_)
            | Effect::LoadActions
            | Effect::LoadHistory
            | Effect::LoadExpected
            | Effect::LoadIncidents
            | Effect::LoadPanelHistory(_)
            | Effect::LoadScorecard(_)
            | Effect::LoadOpportunities
            | Effect::LoadOpportunityHistory(_)
            | Effect::WriteReport { .. }
    )
}

/// A read's answer, or the message that says it failed.
pub(super) fn read<T>(what: Read, result: Result<T, StoreError>) -> Result<T, Msg> {
    result.map_err(|err| {
        tracing::error!(what = ?what, error = %err, "a read failed");
        Msg::ReadFailed {
            what,
            error: err.to_string(),
        }
    })
}

/// A change's kind, for the log (its contents are the team's words, not the log's).
fn change_name(change: &Change) -> String {
    let text = format!("{change:?}");
    text.split(['(', ' ', '{'])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Gathers a meeting's report and, given a folder, writes it there as Markdown. A folder that
/// cannot be written loses nothing: the meeting is stored, and the message says how to get
/// the report later.
pub fn report(
    store: &Store,
    cycles: &[Cycle],
    meeting: i64,
    folder: Option<&Path>,
    now: DateTime<FixedOffset>,
) -> Msg {
    let report = match crate::report::gather(store, meeting, cycles, now) {
        Ok(report) => report,
        Err(err) => {
            return Msg::ReportReady {
                meeting,
                text: String::new(),
                written: Some(Err(err.to_string())),
            };
        }
    };
    let text = crate::report::markdown::render(&report);
    let written = folder.map(|folder| crate::report::file::save(store, &report, &text, folder));
    Msg::ReportReady {
        meeting,
        text,
        written,
    }
}
