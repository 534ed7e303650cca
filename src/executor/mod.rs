//! Performs effects: the one place an [`Effect`] becomes IO (the store, the metric source,
//! the reports folder, the bell). The runtime and the test harness both call
//! [`Executor::perform`], so what the tests drive is what the app runs; only the edges differ
//! (a fixed metric source, a temporary store, the clock passed in).
//!
//! Every answer the model must hear comes back as a [`Msg`]; a read that fails is never
//! dropped: it comes back as [`Msg::ReadFailed`] and is said on screen.

mod store_worker;

pub use store_worker::{StoreThread, StoreWorker, report};

use crate::cycles::Cycle;
use crate::effect::Effect;
use crate::metrics::source::{Answer, Asker, Source};
use crate::metrics::{FetchError, QueryData, QueryRequest};
use crate::model::Now;
use crate::model::panel_state::{PanelAnswer, PanelRequest};
use crate::msg::{Msg, Read};
use crate::store::Store;
use std::io::Write;
use tokio::sync::mpsc;

/// Where the store's effects are done: here, at once (tests), or on the store's thread (the
/// app), answering through the inbox.
pub enum StoreSide {
    Here(Box<StoreWorker>),
    Thread(StoreThread),
}

/// What the app reaches besides its store and metric source: SQL panels' databases, where
/// meetings are published, and the tracker.
#[derive(Default)]
pub struct Reach {
    pub sql: crate::sql::Sources,
    pub publish: Option<crate::publish::run::Context>,
    pub tracker: Option<crate::tracker::Tracker>,
}

pub struct Executor {
    store: StoreSide,
    /// Where the store is (the background check and the tracker open their own connection).
    location: crate::store::Location,
    /// The team the store works for (`--team`), for the connections opened elsewhere.
    team: Option<String>,
    pub source: Source,
    /// The databases SQL panels read, by the name of their `[sources.NAME]`.
    pub sql: crate::sql::Sources,
    /// The tracker action items are pushed to (`None`: none configured, or the demo).
    pub tracker: Option<crate::tracker::Tracker>,
    /// Where meetings are published (`None`: nowhere, as in the demo).
    pub publish: Option<std::sync::Arc<crate::publish::run::Context>>,
    /// Set while a publishing runs: a second waits for the next minute rather than sending
    /// the same meeting twice at once.
    publishing: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Answers of work done off the screen's loop come back here.
    inbox: mpsc::UnboundedSender<Msg>,
    /// Ring the terminal's bell (the real terminal), or only count the rings (tests).
    pub ring_terminal: bool,
    pub bells: usize,
}

impl Executor {
    /// An executor whose store works here, answering at once; see [`Executor::store_on_thread`].
    pub fn new(
        store: Store,
        cycles: Vec<Cycle>,
        source: Source,
        inbox: mpsc::UnboundedSender<Msg>,
    ) -> Executor {
        Executor {
            location: store.location().clone(),
            team: store.team_name().map(str::to_string),
            store: StoreSide::Here(Box::new(StoreWorker::new(store, cycles))),
            source,
            sql: crate::sql::Sources::new(),
            publish: None,
            tracker: None,
            publishing: Default::default(),
            inbox,
            ring_terminal: false,
            bells: 0,
        }
    }

    /// Moves the store's work to a thread of its own, so the screen never waits on the disk.
    pub fn store_on_thread(&mut self) {
        let placeholder = StoreSide::Thread(StoreThread::idle());
        if let StoreSide::Here(worker) = std::mem::replace(&mut self.store, placeholder) {
            self.store = StoreSide::Thread(StoreThread::spawn(*worker, self.inbox.clone()));
        }
    }

    /// The store worker when it works here (tests read and replace the store through it).
    pub fn here(&mut self) -> Option<&mut StoreWorker> {
        match &mut self.store {
            StoreSide::Here(worker) => Some(worker),
            StoreSide::Thread(_) => None,
        }
    }

    pub fn here_ref(&self) -> Option<&StoreWorker> {
        match &self.store {
            StoreSide::Here(worker) => Some(worker),
            StoreSide::Thread(_) => None,
        }
    }

    /// Puts another store in place (a database file of a test's own): the background check,
    /// publishing and the tracker open the same file.
    pub fn replace_store(&mut self, store: Store) {
        if let StoreSide::Here(worker) = &mut self.store {
            self.location = store.location().clone();
            self.team = store.team_name().map(str::to_string);
            worker.set_store(store);
        }
    }

    /// Waits for the store's thread to finish what it was sent (the app is quitting).
    pub fn finish(&mut self) {
        if let StoreSide::Thread(thread) = &mut self.store {
            thread.finish();
        }
    }

    /// Performs one effect. `Effect::Quit` and `Effect::Suspend` are the caller's to act on
    /// (it owns the loop and the terminal).
    pub fn perform(&mut self, effect: Effect, now: Now) -> Option<Msg> {
        match effect {
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
            Effect::Publish(ask) => self.publish(ask, now),
            Effect::PushAction(item) => self.with_tracker(now, move |store, tracker, now| {
                let push = crate::tracker::sync::push(store, tracker, item, now);
                Msg::TrackerPushed(block_on(push).map(|(issue, new)| {
                    let said = if new { "Pushed" } else { "Already pushed:" };
                    format!(
                        "{said} action item {item} as {}: {}",
                        issue.reference(),
                        issue.url
                    )
                }))
            }),
            Effect::SyncTracker => self.with_tracker(now, |store, tracker, now| {
                let synced = block_on(crate::tracker::sync::sync(store, tracker, now));
                Msg::TrackerSynced(synced.map(|all| {
                    all.into_iter()
                        .filter(|s| s.result == Ok(true))
                        .map(|s| s.title)
                        .collect()
                }))
            }),
            Effect::Measure {
                opportunity,
                sql,
                request,
            } => self.fetch(sql.as_deref(), request, move |result| Msg::Measured {
                opportunity,
                result,
            }),
            Effect::Scan {
                section,
                generation,
                targets,
                settings,
            } => self.scan(section, generation, targets, settings, *now.wall.offset()),
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
            // Everything else reads or writes the database, in order.
            store_effect => match &mut self.store {
                StoreSide::Here(worker) => {
                    let answers = worker.handle(store_effect, now.wall);
                    (!answers.is_empty()).then_some(Msg::Several(answers))
                }
                StoreSide::Thread(thread) => {
                    thread.send(store_effect, now.wall);
                    None
                }
            },
        }
    }

    /// Publishes in a task of its own (git, HTTP and SMTP never hold a frame), reading and
    /// recording on a connection of its own; one publishing at a time.
    fn publish(&self, ask: crate::publish::run::Ask, now: Now) -> Option<Msg> {
        use std::sync::atomic::Ordering;
        let Some(context) = self.publish.clone() else {
            return match ask {
                crate::publish::run::Ask::Meeting(_) => {
                    Some(Msg::Published(Err("publishing is not set up here".into())))
                }
                crate::publish::run::Ask::Due { .. } => None,
            };
        };
        let busy = self.publishing.swap(true, Ordering::SeqCst);
        if busy {
            return match ask {
                crate::publish::run::Ask::Meeting(_) => Some(Msg::Published(Err(
                    "another publishing is under way: press P again in a moment".into(),
                ))),
                crate::publish::run::Ask::Due { .. } => None,
            };
        }
        let inbox = self.inbox.clone();
        let publishing = self.publishing.clone();
        tokio::spawn(async move {
            let result = crate::publish::run::run(context, ask, now.wall).await;
            publishing.store(false, Ordering::SeqCst);
            // The app may be gone by then; nobody is left to tell.
            let _ = inbox.send(Msg::Published(result));
        });
        None
    }

    /// Runs `work` with the tracker on a thread of its own, with its own connection to the
    /// database (the network never holds the screen or the store's thread); its answer comes
    /// back through the inbox. Without a tracker, nothing is done.
    fn with_tracker(
        &self,
        now: Now,
        work: impl FnOnce(
            &mut Store,
            &crate::tracker::Tracker,
            chrono::DateTime<chrono::FixedOffset>,
        ) -> Msg
        + Send
        + 'static,
    ) -> Option<Msg> {
        let tracker = self.tracker.clone()?;
        let (location, team) = (self.location.clone(), self.team.clone());
        let inbox = self.inbox.clone();
        std::thread::spawn(move || {
            let answer = match Store::open_for(&location, team.as_deref()) {
                Ok(mut store) => work(&mut store, &tracker, now.wall),
                Err(err) => Msg::TrackerPushed(Err(err.to_string())),
            };
            // The app may be gone by then; nobody is left to tell.
            let _ = inbox.send(answer);
        });
        None
    }

    /// Passes on every change the store announces (any kaizen's, PostgreSQL's NOTIFY) as
    /// `Msg::StoreChanged`; false where the store announces nothing (SQLite).
    pub fn listen_for_changes(&self) -> bool {
        let inbox = self.inbox.clone();
        self.location.listen(move || {
            // The app may be gone by then; nobody is left to tell.
            let _ = inbox.send(Msg::StoreChanged);
        })
    }

    /// Checks the database file on a thread of its own (it reads every page), so a damaged
    /// one is said on screen without delaying the first frame. The demo's is in memory.
    pub fn check_in_background(&self) {
        // Only a file has pages to check; PostgreSQL checks its own.
        let Some(path) = self.location.file().map(std::path::Path::to_path_buf) else {
            return;
        };
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

    /// Runs a query (on the SQL source `sql` names, else the metric source): at once for the
    /// demo and fixed sources, else in a task of its own so that no frame ever waits on the
    /// network; its answer comes back through the inbox.
    fn fetch(
        &self,
        sql: Option<&str>,
        request: QueryRequest,
        reply: impl FnOnce(Result<QueryData, FetchError>) -> Msg + Send + 'static,
    ) -> Option<Msg> {
        match self.answer(sql, &request) {
            Answer::Now(result) => Some(reply(result)),
            Answer::Never => None,
            Answer::Ask(asker) => {
                let inbox = self.inbox.clone();
                tokio::spawn(async move {
                    let result = asker.fetch(&request).await;
                    log_failure(&request, &result);
                    // The app may be gone by then; nobody is left to tell.
                    let _ = inbox.send(reply(result));
                });
                None
            }
        }
    }

    /// How a panel's query is answered: by the SQL source it names, else by the metric
    /// source.
    fn answer(&self, sql: Option<&str>, request: &QueryRequest) -> Answer {
        match sql {
            None => self.source.answer(request),
            Some(name) => match self.sql.get(name) {
                Some(connection) => Answer::Ask(Asker::Sql(connection.clone())),
                None => Answer::Now(Err(FetchError::NoSource {
                    name: name.to_string(),
                })),
            },
        }
    }

    /// Runs a panel's queries together, as `fetch` runs one.
    fn fetch_panel(
        &self,
        request: PanelRequest,
        reply: impl FnOnce(Result<PanelAnswer, FetchError>) -> Msg + Send + 'static,
    ) -> Option<Msg> {
        match self.answer(request.sql.as_deref(), &request.recent) {
            Answer::Never => None,
            Answer::Ask(asker) => {
                let inbox = self.inbox.clone();
                tokio::spawn(async move {
                    let result = fetch_panel(&asker, &request).await;
                    log_failure(&request.recent, &result);
                    // The app may be gone by then; nobody is left to tell.
                    let _ = inbox.send(reply(result));
                });
                None
            }
            Answer::Now(Err(error)) if request.sql.is_some() => Some(reply(Err(error))),
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
        let answers: Vec<_> = targets
            .into_iter()
            .map(|target| {
                let answer = self.answer(target.panel.source.as_deref(), &target.request);
                (target, answer)
            })
            .collect();
        // A source that never answers never finishes the scan.
        if answers
            .iter()
            .any(|(_, answer)| matches!(answer, Answer::Never))
        {
            return None;
        }
        if answers
            .iter()
            .all(|(_, answer)| matches!(answer, Answer::Now(_)))
        {
            let answers = answers
                .into_iter()
                .filter_map(|(target, answer)| match answer {
                    Answer::Now(result) => Some((target, result)),
                    Answer::Ask(_) | Answer::Never => None,
                })
                .collect();
            return Some(reply(job::analyze(answers, &settings, offset)));
        }
        let inbox = self.inbox.clone();
        tokio::spawn(async move {
            // The queries at once, not one after another: against a hanging server the scan
            // waits one query's timeout, not one per panel.
            let fetches: Vec<_> = answers
                .into_iter()
                .map(|(target, answer)| {
                    tokio::spawn(async move {
                        let answer = match answer {
                            Answer::Ask(asker) => asker.fetch(&target.request).await,
                            Answer::Now(result) => result,
                            Answer::Never => Err(FetchError::Unreachable("no answer".into())),
                        };
                        (target, answer)
                    })
                })
                .collect();
            let mut answers = Vec::new();
            for fetch in fetches {
                if let Ok(answered) = fetch.await {
                    answers.push(answered);
                }
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

/// A panel's queries, asked of the server at once; the first failure is the answer. A SQL
/// query runs once, its rows asked each question.
async fn fetch_panel(asker: &Asker, request: &PanelRequest) -> Result<PanelAnswer, FetchError> {
    let client = match asker {
        Asker::Prometheus(client) => client,
        Asker::Sql(connection) => {
            let table = connection.run(&request.recent.query).await?;
            return request.answer_with(|query| Ok(table.answer(query)));
        }
    };
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

/// Says a failed query in the log: which query, and why (queries hold no secrets).
fn log_failure<T>(request: &QueryRequest, result: &Result<T, FetchError>) {
    if let Err(error) = result {
        tracing::warn!(query = %request.query, error = %error, "a query failed");
    }
}

/// Runs a future to its end on a runtime of this thread's own (a tracker's thread).
fn block_on<T>(future: impl std::future::Future<Output = Result<T, String>>) -> Result<T, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("cannot start the async runtime: {err}"))?
        .block_on(future)
}
