//! The loop: the only place that reads the clock, owns the terminal and performs effects.
//!
//! It waits on one inbox (terminal input, and later task results), signals and a
//! once-a-second tick (never a short poll), feeds each as a [`Msg`] to the model, and draws
//! a frame only when the model says something visible changed.

use crate::effect::Effect;
use crate::executor::Executor;
use crate::metrics::source::Source;
use crate::model::{Model, Now};
use crate::msg::Msg;
use crate::store::Store;
use crate::ui;
use chrono::{Local, Timelike};
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
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
    mut model: Model,
    store: Store,
    source: Source,
    reach: crate::executor::Reach,
    reports: PathBuf,
    first: Vec<Msg>,
) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut terminal = ratatui::init();
    // Pasted notes arrive as one piece instead of a storm of keys.
    let _ = crossterm::execute!(io::stdout(), crossterm::event::EnableBracketedPaste);
    let (inbox_tx, inbox) = mpsc::unbounded_channel();
    let mut executor = Executor::new(store, model.cycles.clone(), source, inbox_tx.clone());
    executor.sql = reach.sql;
    executor.publish = reach.publish.map(std::sync::Arc::new);
    executor.tracker = reach.tracker;
    if let Some(worker) = executor.here() {
        worker.reports = Some(reports);
    }
    executor.store_on_thread();
    executor.ring_terminal = true;
    // A store that announces its changes (PostgreSQL) is followed, not polled.
    model.live_updates = executor.listen_for_changes();
    let result = runtime.block_on(event_loop(
        &mut terminal,
        model,
        executor,
        (inbox_tx, inbox),
        first,
    ));
    let gone = matches!(result, Ok(Ending::TerminalGone));
    let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableBracketedPaste);
    if gone || ratatui::try_restore().is_err() {
        // A closed window (or a hangup with it): nothing to give back and no one to tell;
        // the terminal's own clean-up on drop would only print errors into the void.
        std::mem::forget(terminal);
    }
    result.map(|_| ())
}

/// How the event loop ended.
enum Ending {
    Quit,
    TerminalGone,
}

/// Whether an error from the terminal means it is gone (closed window, dropped ssh).
fn terminal_gone(error: &io::Error) -> bool {
    use nix::errno::Errno;
    let code = error.raw_os_error();
    code == Some(Errno::EIO as i32)
        || code == Some(Errno::ENXIO as i32)
        || error.kind() == io::ErrorKind::BrokenPipe
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    mut model: Model,
    mut executor: Executor,
    (inbox_tx, mut inbox): (mpsc::UnboundedSender<Msg>, mpsc::UnboundedReceiver<Msg>),
    first: Vec<Msg>,
) -> io::Result<Ending> {
    tokio::spawn(forward_terminal_events(inbox_tx));
    executor.check_in_background();
    let mut hangup = signal(SignalKind::hangup())?;
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    // Handled, so a stop from outside (or Ctrl-Z) first gives the terminal back.
    let mut stop = signal(SignalKind::from_raw(
        nix::sys::signal::Signal::SIGTSTP as i32,
    ))?;
    let size = terminal.size()?;
    let mut queue = VecDeque::from([Msg::Resize(size.width, size.height)]);
    queue.extend(first);
    let mut gone = false;
    loop {
        while let Some(msg) = queue.pop_front() {
            let mut answers = Vec::new();
            for effect in model.update(msg, now()) {
                match effect {
                    Effect::Quit => {
                        // What was asked of the store before quitting is done first.
                        executor.finish();
                        return Ok(if gone {
                            Ending::TerminalGone
                        } else {
                            Ending::Quit
                        });
                    }
                    Effect::Suspend => {
                        suspend(terminal)?;
                        // Drawn afresh at whatever size the terminal has now.
                        let size = terminal.size()?;
                        answers.push(Msg::Resize(size.width, size.height));
                    }
                    effect => answers.extend(executor.perform(effect, now())),
                }
            }
            // Answers from the store go before anything else still queued, in order.
            for answer in answers.into_iter().rev() {
                queue.push_front(answer);
            }
        }
        if !gone
            && model.take_dirty()
            && let Err(error) = terminal.draw(|frame| ui::render(&model, frame))
        {
            if !terminal_gone(&error) {
                return Err(error);
            }
            // The window was closed: end as a hangup does, saving first.
            gone = true;
            queue.push_back(Msg::Shutdown);
            continue;
        }
        let first = tokio::select! {
            msg = inbox.recv() => msg.unwrap_or(Msg::Shutdown),
            () = tokio::time::sleep(until_next_second()) => Msg::Tick,
            _ = hangup.recv() => Msg::Shutdown,
            _ = terminate.recv() => Msg::Shutdown,
            _ = interrupt.recv() => Msg::Shutdown,
            _ = stop.recv() => Msg::Suspend,
        };
        queue.push_back(first);
        // Handle everything already queued (a burst of keys) before drawing the next frame.
        while let Ok(msg) = inbox.try_recv() {
            queue.push_back(msg);
        }
    }
}

/// Gives the terminal back as it was, stops the process as a shell's job control expects,
/// and, once continued, takes the terminal again.
fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableBracketedPaste);
    ratatui::restore();
    // SIGSTOP cannot be caught: the process stops here until SIGCONT.
    nix::sys::signal::raise(nix::sys::signal::Signal::SIGSTOP).map_err(io::Error::from)?;
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::event::EnableBracketedPaste
    )?;
    // A blank frame, so the next one is drawn whole (`clear` would ask the terminal where its
    // cursor is, and the answer would land among the keys).
    terminal.draw(|frame| frame.render_widget(ratatui::widgets::Clear, frame.area()))?;
    Ok(())
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
