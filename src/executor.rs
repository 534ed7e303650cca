//! Performs effects: the one place an [`Effect`] becomes IO (the store, the metric source,
//! the reports folder, the bell). The runtime and the test harness both call
//! [`Executor::perform`], so what the tests drive is what the app runs; only the edges differ
//! (a fixed metric source, a temporary store, the clock passed in).
//!
//! Every answer the model must hear comes back as a [`Msg`]; a read that fails is never
//! dropped: it comes back as [`Msg::ReadFailed`] and is said on screen.

use crate::change::Change;
use crate::cycles::Cycle;
use crate::effect::Effect;
use crate::metrics::source::{Answer, Source};
use crate::metrics::{FetchError, QueryData, QueryRequest};
use crate::model::Now;
use crate::model::panels::{PanelAnswer, PanelRequest};
use crate::msg::{Msg, Read};
use crate::store::{Applied, Store, StoreError};
use std::io::Write;
use std::path::{Path, PathBuf};
use tokio::sync::mpsc;

pub struct Executor {
    pub store: Store,
    pub source: Source,
    /// Where ended meetings' reports are written (`None`: nowhere).
    pub reports: Option<PathBuf>,
    /// Answers of work done off the screen's loop come back here.
    inbox: mpsc::UnboundedSender<Msg>,
    /// Ring the terminal's bell (the real terminal), or only count the rings (tests).
    pub ring_terminal: bool,
    pub bells: usize,
    /// Changes that could not be saved yet (locked, busy, disk full), oldest first: tried
    /// again in order, and every later change waits behind them.
    waiting: std::collections::VecDeque<Change>,
    /// Reads asked for while changes wait: answered once they land, so what is read back
    /// includes them.
    deferred: Vec<Effect>,
}

impl Executor {
    pub fn new(store: Store, source: Source, inbox: mpsc::UnboundedSender<Msg>) -> Executor {
        Executor {
            store,
            source,
            reports: None,
            inbox,
            ring_terminal: false,
            bells: 0,
            waiting: std::collections::VecDeque::new(),
            deferred: Vec::new(),
        }
    }

    /// Performs one effect. `Effect::Quit` and `Effect::Suspend` are the caller's to act on
    /// (it owns the loop and the terminal).
    pub fn perform(&mut self, effect: Effect, cycles: &[Cycle], now: Now) -> Option<Msg> {
        if !self.waiting.is_empty() && reads_rows(&effect) {
            // The same read asked twice is answered once, when the changes have landed.
            if !self.deferred.contains(&effect) {
                self.deferred.push(effect);
            }
            return None;
        }
        match effect {
            Effect::Persist(change) if !self.waiting.is_empty() => self.wait(change),
            Effect::Persist(change) => self.persist(change),
            Effect::RetrySaves => self.retry(cycles, now),
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
            Effect::Fetch {
                key,
                generation,
                request,
            } => self.fetch_panel(request, move |result| Msg::PanelLoaded {
                key,
                generation,
                result: result.map(Box::new),
            }),
            Effect::FindAlerts { generation, window } => self.find_alerts(generation, window),
            Effect::Measure {
                opportunity,
                request,
            } => self.fetch(request, move |result| Msg::Measured {
                opportunity,
                result,
            }),
            Effect::WriteReport { meeting, write } => {
                let folder = self.reports.as_deref().filter(|_| write);
                Some(report(&self.store, cycles, meeting, folder, now.wall))
            }
            Effect::Scan {
                section,
                generation,
                targets,
                settings,
            } => self.scan(section, generation, targets, settings, *now.wall.offset()),
            Effect::CheckDatabase => match self.store.still_there() {
                Ok(()) => None,
                Err(err) => read::<()>(Read::Database, Err(err)).err(),
            },
            Effect::Bell => {
                self.bells += 1;
                if self.ring_terminal {
                    let mut out = std::io::stdout();
                    // A bell that cannot ring loses nothing.
                    let _ = out.write_all(b"\x07").and_then(|()| out.flush());
                }
                None
            }
            Effect::Quit | Effect::Suspend => None,
        }
    }

    /// Checks the database file on a thread of its own (it reads every page), so a damaged
    /// one is said on screen without delaying the first frame. The demo's is in memory.
    pub fn check_in_background(&self) {
        let path = self.store.path().to_path_buf();
        if path.as_os_str() == ":memory:" {
            return;
        }
        let inbox = self.inbox.clone();
        tokio::task::spawn_blocking(move || {
            if let Err(err) = Store::check_file(&path) {
                // The app may be gone by then; nobody is left to tell.
                let _ = inbox.send(Msg::ReadFailed {
                    what: Read::Database,
                    error: err.to_string(),
                });
            }
        });
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
    fn retry(&mut self, cycles: &[Cycle], now: Now) -> Option<Msg> {
        let mut answers = Vec::new();
        while let Some(change) = self.waiting.pop_front() {
            match self.store.apply(&change) {
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
                answers.extend(self.perform(read, cycles, now));
            }
        }
        Some(Msg::Several(answers))
    }

    /// Writes a change; what the model must hear about it (a new id, a failure) comes back.
    /// One that fails for a reason that can pass waits, and is tried again.
    fn persist(&mut self, change: Change) -> Option<Msg> {
        let result = self.store.apply(&change);
        if let Err(err) = &result
            && err.may_pass()
            && may_wait(&change)
        {
            tracing::warn!(change = change_name(&change), error = %err, "a change waits to be saved");
            self.waiting.push_back(change);
            return Some(Msg::SavesWaiting(self.waiting.len()));
        }
        self.applied(change, result)
    }

    /// What the model must hear of a change's write.
    fn applied(&mut self, change: Change, result: Result<Applied, StoreError>) -> Option<Msg> {
        match result {
            Ok(Applied::MeetingCreated(id)) => Some(Msg::MeetingStored(id)),
            Ok(Applied::ActionCreated(id)) => Some(Msg::ActionStored(id)),
            Ok(Applied::OpportunitySaved(id)) => Some(Msg::OpportunitySaved(id)),
            Ok(Applied::IncidentSaved(id)) => Some(Msg::IncidentSaved(id)),
            Ok(Applied::Done) => None,
            Err(err) => {
                tracing::error!(change = change_name(&change), error = %err, "a change was not saved");
                Some(Msg::SaveFailed {
                    change: Box::new(change),
                    error: err.to_string(),
                })
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

    /// Runs a query: at once for the demo and fixed sources, else in a task of its own so
    /// that no frame ever waits on the network; its answer comes back through the inbox.
    fn fetch(
        &self,
        request: QueryRequest,
        reply: impl FnOnce(Result<QueryData, FetchError>) -> Msg + Send + 'static,
    ) -> Option<Msg> {
        match self.source.answer(&request) {
            Answer::Now(result) => Some(reply(result)),
            Answer::Never => None,
            Answer::Ask(client) => {
                let inbox = self.inbox.clone();
                tokio::spawn(async move {
                    let result = client.fetch(&request).await;
                    log_failure(&request, &result);
                    // The app may be gone by then; nobody is left to tell.
                    let _ = inbox.send(reply(result));
                });
                None
            }
        }
    }

    /// Runs a panel's queries together, as `fetch` runs one.
    fn fetch_panel(
        &self,
        request: PanelRequest,
        reply: impl FnOnce(Result<PanelAnswer, FetchError>) -> Msg + Send + 'static,
    ) -> Option<Msg> {
        match self.source.answer(&request.recent) {
            Answer::Never => None,
            Answer::Ask(client) => {
                let inbox = self.inbox.clone();
                tokio::spawn(async move {
                    let result = fetch_panel(&client, &request).await;
                    log_failure(&request.recent, &result);
                    // The app may be gone by then; nobody is left to tell.
                    let _ = inbox.send(reply(result));
                });
                None
            }
            Answer::Now(_) => {
                let result = request.answer_with(|query| match self.source.answer(query) {
                    Answer::Now(result) => result,
                    Answer::Ask(_) | Answer::Never => Err(FetchError::Unreachable(
                        "the source answers some queries and not others".into(),
                    )),
                });
                log_failure(&request.recent, &result);
                Some(reply(result))
            }
        }
    }

    /// Finds the alerts that fired in `window`: the first look, then each episode's samples
    /// (see `incidents::episodes`), at once for sources at hand, else in a task of its own.
    fn find_alerts(&self, generation: u64, window: (f64, f64)) -> Option<Msg> {
        use crate::incidents::episodes::{
            COARSE_STEP, coarse_request, episodes, refine, refine_requests,
        };
        let reply = move |result| Msg::AlertsLoaded { generation, result };
        let first = coarse_request(window);
        let Source::Prometheus(client) = &self.source else {
            let answer = |request: &QueryRequest| match self.source.answer(request) {
                Answer::Now(result) => Some(result),
                Answer::Ask(_) | Answer::Never => None,
            };
            let coarse = match answer(&first)? {
                Ok(data) => episodes(&data, COARSE_STEP),
                Err(error) => return Some(reply(Err(error))),
            };
            let mut answers = Vec::new();
            for (index, [firing, active]) in refine_requests(&coarse) {
                answers.push((index, [answer(&firing)?, answer(&active)?]));
            }
            return Some(reply(Ok(refine(coarse, answers))));
        };
        let client = client.clone();
        let inbox = self.inbox.clone();
        tokio::spawn(async move {
            let result = match client.fetch(&first).await {
                Ok(data) => {
                    let coarse = episodes(&data, COARSE_STEP);
                    let mut answers = Vec::new();
                    for (index, [firing, active]) in refine_requests(&coarse) {
                        let (firing, active) =
                            tokio::join!(client.fetch(&firing), client.fetch(&active));
                        answers.push((index, [firing, active]));
                    }
                    Ok(refine(coarse, answers))
                }
                Err(error) => Err(error),
            };
            // The app may be gone by then; nobody is left to tell.
            let _ = inbox.send(reply(result));
        });
        None
    }

    /// Runs a section's scan: answers at hand at once; a server's in a task of its own, with
    /// the detectors on a blocking thread, so no frame waits on the network or the maths.
    fn scan(
        &self,
        section: usize,
        generation: u64,
        targets: Vec<crate::analysis::job::Target>,
        settings: crate::analysis::Settings,
        offset: chrono::FixedOffset,
    ) -> Option<Msg> {
        use crate::analysis::job;
        let reply = move |outcome: job::Outcome| Msg::Scanned {
            section,
            generation,
            outcome: Box::new(outcome),
        };
        let Source::Prometheus(client) = &self.source else {
            let mut answers = Vec::new();
            for target in targets {
                match self.source.answer(&target.request) {
                    Answer::Now(answer) => answers.push((target, answer)),
                    // A source that never answers never finishes the scan.
                    Answer::Never | Answer::Ask(_) => return None,
                }
            }
            return Some(reply(job::analyze(answers, &settings, offset)));
        };
        let client = client.clone();
        let inbox = self.inbox.clone();
        tokio::spawn(async move {
            let mut answers = Vec::new();
            for target in targets {
                let answer = client.fetch(&target.request).await;
                answers.push((target, answer));
            }
            let analysed =
                tokio::task::spawn_blocking(move || job::analyze(answers, &settings, offset)).await;
            // Whatever happened, the section hears back, so it never waits forever.
            let outcome = analysed.unwrap_or_else(|error| job::Outcome {
                failed: vec![("the scan".into(), error.to_string())],
                ..job::Outcome::default()
            });
            // The app may be gone by then; nobody is left to tell.
            let _ = inbox.send(reply(outcome));
        });
        None
    }
}

/// A panel's queries, asked of the server at once; the first failure is the answer.
async fn fetch_panel(
    client: &crate::metrics::client::PrometheusClient,
    request: &PanelRequest,
) -> Result<PanelAnswer, FetchError> {
    let (series, recent, window, before) = tokio::join!(
        fetch_optional(client, request.series.as_ref()),
        client.fetch(&request.recent),
        fetch_optional(client, request.window.as_ref()),
        fetch_optional(client, request.before.as_ref()),
    );
    Ok(PanelAnswer {
        series: series?,
        recent: recent?,
        window: window?,
        before: before?,
    })
}

async fn fetch_optional(
    client: &crate::metrics::client::PrometheusClient,
    query: Option<&QueryRequest>,
) -> Result<Option<QueryData>, FetchError> {
    match query {
        Some(query) => client.fetch(query).await.map(Some),
        None => Ok(None),
    }
}

/// Whether a change can wait to be saved: starting or resuming a meeting cannot (it takes
/// the meeting's lock now, or it does not happen).
fn may_wait(change: &Change) -> bool {
    !matches!(change, Change::StartMeeting(_) | Change::ResumeMeeting)
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
            | Effect::LoadOpportunities
            | Effect::LoadOpportunityHistory(_)
            | Effect::WriteReport { .. }
    )
}

/// A read's answer, or the message that says it failed.
fn read<T>(what: Read, result: Result<T, StoreError>) -> Result<T, Msg> {
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

/// Says a failed query in the log: which query, and why (queries hold no secrets).
fn log_failure<T>(request: &QueryRequest, result: &Result<T, FetchError>) {
    if let Err(error) = result {
        tracing::warn!(query = %request.query, error = %error, "a query failed");
    }
}

/// Gathers a meeting's report and, given a folder, writes it there as Markdown. A folder that
/// cannot be written loses nothing: the meeting is stored, and the message says how to get
/// the report later.
pub fn report(
    store: &Store,
    cycles: &[Cycle],
    meeting: i64,
    folder: Option<&Path>,
    now: chrono::DateTime<chrono::FixedOffset>,
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
