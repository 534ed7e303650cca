//! The loop: the only place that reads the clock, owns the terminal and performs effects.
//!
//! It waits on one inbox (terminal input, and later task results), signals and a
//! once-a-second tick (never a short poll), feeds each as a [`Msg`] to the model, and draws
//! a frame only when the model says something visible changed.

use crate::change::Change;
use crate::effect::Effect;
use crate::metrics::source::Source;
use crate::metrics::{FetchError, QueryData, QueryRequest};
use crate::model::{Model, Now};
use crate::msg::Msg;
use crate::store::{Applied, Store};
use crate::ui;
use chrono::{Local, Timelike};
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use std::collections::VecDeque;
use std::io;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;

/// Reads the clock. Nothing outside this module may (clippy's `disallowed-methods`).
#[allow(clippy::disallowed_methods)]
pub fn now() -> Now {
    Now {
        mono: Instant::now(),
        wall: Local::now().fixed_offset(),
    }
}

/// Takes over the terminal, runs until the user quits or the terminal goes away, and
/// restores the terminal on every way out (ratatui's panic hook covers panics).
/// `first` are messages to handle before any key (e.g. `kaizen start weekly`).
/// Reports of ended meetings are written into `reports`.
pub fn run(
    model: Model,
    store: Store,
    source: Source,
    reports: PathBuf,
    first: Vec<Msg>,
) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut terminal = ratatui::init();
    // Pasted notes arrive as one piece instead of a storm of keys.
    let _ = crossterm::execute!(io::stdout(), crossterm::event::EnableBracketedPaste);
    let io = Io {
        store,
        source,
        reports,
    };
    let result = runtime.block_on(event_loop(&mut terminal, model, io, first));
    let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableBracketedPaste);
    ratatui::restore();
    result
}

/// What the runtime reads and writes besides the terminal.
struct Io {
    store: Store,
    source: Source,
    reports: PathBuf,
}

/// Gathers a meeting's report and, given a folder, writes it there as Markdown. A folder that
/// cannot be written loses nothing: the meeting is stored, and the message says how to get
/// the report later.
pub fn report(
    store: &Store,
    cycles: &[crate::cycles::Cycle],
    meeting: i64,
    folder: Option<&Path>,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Msg {
    let gathered = crate::report::gather(store, meeting, cycles, now).map_err(|e| e.to_string());
    let (text, written) = match gathered {
        Ok(report) => {
            let text = crate::report::markdown::render(&report);
            let same_day = store
                .meetings(Some(&report.cycle))
                .map(|all| all.iter().filter(|m| m.held_on == report.held_on).count() > 1)
                .unwrap_or(false);
            let written = folder.map(|folder| {
                let path = folder.join(report.file_name("md", same_day));
                std::fs::create_dir_all(folder)
                    .map_err(|err| format!("{}: {err}", folder.display()))
                    .and_then(|()| crate::report::cli::write_file(&path, &text))
                    .map(|()| path)
                    .map_err(|err| {
                        format!(
                            "{err}. The meeting is saved: `kaizen report {} --output FILE` \
                             writes its report later",
                            report.meeting_id
                        )
                    })
            });
            (text, written)
        }
        Err(err) => (String::new(), Some(Err(err))),
    };
    Msg::ReportReady {
        meeting,
        text,
        written,
    }
}

/// Writes a change; what the model must hear about it (a new id, a failure) comes back.
pub fn persist(store: &mut Store, change: Change) -> Option<Msg> {
    match store.apply(&change) {
        Ok(Applied::MeetingCreated(id)) => Some(Msg::MeetingStored(id)),
        Ok(Applied::ActionCreated(id)) => Some(Msg::ActionStored(id)),
        Ok(Applied::OpportunitySaved(id)) => Some(Msg::OpportunitySaved(id)),
        Ok(Applied::IncidentSaved(id)) => Some(Msg::IncidentSaved(id)),
        Ok(Applied::Done) => None,
        Err(err) => Some(Msg::SaveFailed {
            change: Box::new(change),
            error: err.to_string(),
        }),
    }
}

/// Runs a panel's query: at once for the demo, else in a task of its own so that no frame
/// ever waits on the network; its answer comes back through the inbox.
pub fn fetch(
    source: &Source,
    inbox: &mpsc::UnboundedSender<Msg>,
    request: QueryRequest,
    reply: impl FnOnce(Result<QueryData, FetchError>) -> Msg + Send + 'static,
) -> Option<Msg> {
    if let Some(result) = source.answer_at_once(&request) {
        return Some(reply(result));
    }
    if let Source::Prometheus(client) = source {
        let client = client.clone();
        let inbox = inbox.clone();
        tokio::spawn(async move {
            let result = client.fetch(&request).await;
            // The app may be gone by then; nobody is left to tell.
            let _ = inbox.send(reply(result));
        });
    }
    None
}

/// Runs a section's scan: the demo's small answers at once; a server's in a task of its own,
/// with the detectors on a blocking thread, so no frame waits on the network or the maths.
pub fn scan(
    source: &Source,
    inbox: &mpsc::UnboundedSender<Msg>,
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
    let Source::Prometheus(client) = source else {
        let answers = targets
            .into_iter()
            .filter_map(|target| {
                let answer = source.answer_at_once(&target.request)?;
                Some((target, answer))
            })
            .collect();
        return Some(reply(job::analyze(answers, &settings, offset)));
    };
    let client = client.clone();
    let inbox = inbox.clone();
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

/// Reads an opportunity's status history.
pub fn opportunity_history(store: &Store, id: i64) -> Option<Msg> {
    store
        .opportunity_history(id)
        .ok()
        .map(|history| Msg::OpportunityHistory(id, history))
}

/// Reads every opportunity again.
pub fn load_opportunities(store: &Store) -> Option<Msg> {
    store.opportunities().ok().map(Msg::OpportunitiesLoaded)
}

/// Reads every action item again.
pub fn load_actions(store: &Store) -> Option<Msg> {
    store
        .actions(&crate::actions::Filter::default())
        .ok()
        .map(Msg::ActionsLoaded)
}

/// Reads what a cycle's panels showed at its meetings.
pub fn load_panel_history(store: &Store, cycle: &str) -> Option<Msg> {
    store.cycle_panel_values(cycle).ok().map(Msg::PanelHistory)
}

/// Reads the incidents and the dismissed alert episodes.
pub fn load_incidents(store: &Store) -> Option<Msg> {
    Some(Msg::IncidentsLoaded {
        incidents: store.incidents().ok()?,
        dismissed: store.dismissed_alerts().ok()?,
    })
}

/// Reads the findings marked as expected.
pub fn load_expected(store: &Store) -> Option<Msg> {
    store.expected_findings().ok().map(Msg::ExpectedLoaded)
}

/// Reads the list of meetings, newest first.
pub fn load_history(store: &Store) -> Option<Msg> {
    store.meetings(None).ok().map(Msg::HistoryLoaded)
}

/// Reads a meeting another kaizen is running, for the read-only view.
pub fn reload(store: &Store, id: i64) -> Option<Msg> {
    store
        .load_meeting(id)
        .ok()
        .map(|meeting| Msg::MeetingReloaded(Box::new(meeting)))
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    mut model: Model,
    io: Io,
    first: Vec<Msg>,
) -> io::Result<()> {
    let Io {
        mut store,
        source,
        reports,
    } = io;
    let (inbox_tx, mut inbox) = mpsc::unbounded_channel();
    tokio::spawn(forward_terminal_events(inbox_tx.clone()));
    let mut hangup = signal(SignalKind::hangup())?;
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    let size = terminal.size()?;
    let mut queue = VecDeque::from([Msg::Resize(size.width, size.height)]);
    queue.extend(first);
    loop {
        while let Some(msg) = queue.pop_front() {
            let mut answers = Vec::new();
            for effect in model.update(msg, now()) {
                match effect {
                    Effect::Persist(change) => answers.extend(persist(&mut store, change)),
                    Effect::ReloadMeeting(id) => answers.extend(reload(&store, id)),
                    Effect::LoadActions => answers.extend(load_actions(&store)),
                    Effect::LoadHistory => answers.extend(load_history(&store)),
                    Effect::LoadExpected => answers.extend(load_expected(&store)),
                    Effect::LoadIncidents => answers.extend(load_incidents(&store)),
                    Effect::FetchAlerts {
                        generation,
                        request,
                    } => answers.extend(fetch(&source, &inbox_tx, request, move |result| {
                        Msg::AlertsLoaded { generation, result }
                    })),
                    Effect::LoadPanelHistory(cycle) => {
                        answers.extend(load_panel_history(&store, &cycle))
                    }
                    Effect::LoadOpportunities => answers.extend(load_opportunities(&store)),
                    Effect::LoadOpportunityHistory(id) => {
                        answers.extend(opportunity_history(&store, id))
                    }
                    Effect::Fetch {
                        key,
                        generation,
                        request,
                    } => answers.extend(fetch(&source, &inbox_tx, request, move |result| {
                        Msg::PanelLoaded {
                            key,
                            generation,
                            result,
                        }
                    })),
                    Effect::Measure {
                        opportunity,
                        request,
                    } => answers.extend(fetch(&source, &inbox_tx, request, move |result| {
                        Msg::Measured {
                            opportunity,
                            result,
                        }
                    })),
                    Effect::WriteReport { meeting, write } => answers.push(report(
                        &store,
                        &model.cycles,
                        meeting,
                        write.then_some(reports.as_path()),
                        now().wall,
                    )),
                    Effect::Scan {
                        section,
                        generation,
                        targets,
                        settings,
                    } => answers.extend(scan(
                        &source,
                        &inbox_tx,
                        section,
                        generation,
                        targets,
                        settings,
                        *now().wall.offset(),
                    )),
                    Effect::Bell => {
                        let mut out = io::stdout();
                        let _ = out.write_all(b"\x07").and_then(|()| out.flush());
                    }
                    Effect::Quit => return Ok(()),
                }
            }
            // Answers from the store go before anything else still queued, in order.
            for answer in answers.into_iter().rev() {
                queue.push_front(answer);
            }
        }
        if model.take_dirty() {
            terminal.draw(|frame| ui::render(&model, frame))?;
        }
        let first = tokio::select! {
            msg = inbox.recv() => msg.unwrap_or(Msg::Shutdown),
            () = tokio::time::sleep(until_next_second()) => Msg::Tick,
            _ = hangup.recv() => Msg::Shutdown,
            _ = terminate.recv() => Msg::Shutdown,
            _ = interrupt.recv() => Msg::Shutdown,
        };
        queue.push_back(first);
        // Handle everything already queued (a burst of keys) before drawing the next frame.
        while let Ok(msg) = inbox.try_recv() {
            queue.push_back(msg);
        }
    }
}

/// Turns terminal input into messages. End of input or a terminal error means the terminal
/// is gone: it sends `Shutdown` and stops.
async fn forward_terminal_events(inbox: mpsc::UnboundedSender<Msg>) {
    let mut events = EventStream::new();
    loop {
        let msg = match events.next().await {
            Some(Ok(Event::Key(key))) if key.kind != KeyEventKind::Release => Msg::Key(key),
            Some(Ok(Event::Resize(columns, rows))) => Msg::Resize(columns, rows),
            Some(Ok(Event::Paste(text))) => Msg::Paste(text),
            Some(Ok(_)) => continue,
            Some(Err(_)) | None => Msg::Shutdown,
        };
        let stop = msg == Msg::Shutdown;
        if inbox.send(msg).is_err() || stop {
            return;
        }
    }
}

/// Ticks land just after the wall clock's second changes, so a displayed clock never lags.
#[allow(clippy::disallowed_methods)]
fn until_next_second() -> Duration {
    let nanos = u64::from(Local::now().nanosecond() % 1_000_000_000);
    Duration::from_nanos(1_000_000_000 - nanos + 1_000_000)
}
