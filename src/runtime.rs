//! The loop: the only place that reads the clock, owns the terminal and performs effects.
//!
//! It waits on one inbox (terminal input, and later task results), signals and a
//! once-a-second tick (never a short poll), feeds each as a [`Msg`] to the model, and draws
//! a frame only when the model says something visible changed.

use crate::effect::Effect;
use crate::model::{Model, Now};
use crate::msg::Msg;
use crate::store::Store;
use crate::ui;
use chrono::{Local, Timelike};
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use std::io;
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
pub fn run(model: Model, store: Store) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut terminal = ratatui::init();
    let result = runtime.block_on(event_loop(&mut terminal, model, store));
    ratatui::restore();
    result
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    mut model: Model,
    _store: Store,
) -> io::Result<()> {
    let (inbox_tx, mut inbox) = mpsc::unbounded_channel();
    tokio::spawn(forward_terminal_events(inbox_tx));
    let mut hangup = signal(SignalKind::hangup())?;
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    let size = terminal.size()?;
    let mut batch = vec![Msg::Resize(size.width, size.height)];
    loop {
        for msg in batch.drain(..) {
            let effects = model.update(msg, now());
            if effects.contains(&Effect::Quit) {
                return Ok(());
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
        batch.push(first);
        // Handle everything already queued (a burst of keys) before drawing the next frame.
        while let Ok(msg) = inbox.try_recv() {
            batch.push(msg);
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
