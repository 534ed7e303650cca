//! Drives the app without a terminal: the real model and renderer with a fixed clock and a
//! `TestBackend`, fed the same messages the runtime would send.
#![allow(clippy::disallowed_methods, dead_code)] // tests make their own clock

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};
use kaizen::cycles::load_cycles;
use kaizen::effect::Effect;
use kaizen::executor::Executor;
use kaizen::keymap::{Keymap, parse_chord};
use kaizen::metrics::source::Source;
use kaizen::model::{Model, Now};
use kaizen::msg::Msg;
use kaizen::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::HashMap;
use std::time::Instant;

/// A stand-in metrics source: answers a query at once.
pub type MetricsAnswer = kaizen::metrics::source::FixedAnswer;

/// The date every screen snapshot is taken on: a Saturday.
pub const SNAPSHOT_DAY: &str = "2026-11-28";

pub fn date(text: &str) -> NaiveDate {
    text.parse().expect("valid test date")
}

pub fn at(day: NaiveDate, hour: u32) -> Now {
    let wall = FixedOffset::east_opt(0)
        .expect("UTC offset")
        .from_local_datetime(&day.and_hms_opt(hour, 0, 0).expect("valid time"))
        .single()
        .expect("unambiguous");
    Now {
        mono: Instant::now(),
        wall,
    }
}

pub struct Harness {
    pub model: Model,
    pub now: Now,
    /// Every effect the model asked for, in order.
    pub effects: Vec<Effect>,
    pub quit: bool,
    /// Every query the model asked for.
    pub fetches: Vec<kaizen::metrics::QueryRequest>,
    /// The app's own executor: a real SQLite store (in memory unless a test opens a file),
    /// the demo's metric source unless a test sets another, no reports folder unless given.
    pub exec: Executor,
    terminal: Terminal<TestBackend>,
    /// Answers of work the executor spawned (a SQL query), heard by `wait_for`.
    inbox: tokio::sync::mpsc::UnboundedReceiver<Msg>,
    /// The runtime spawned work runs on, once a test asks for one (`with_runtime`).
    runtime: Option<std::sync::Arc<tokio::runtime::Runtime>>,
}

impl Harness {
    /// The app on `day` with a typical history: each cycle last held on its latest date
    /// before `day`, except those listed in `never_held`.
    pub fn new(day: &str, width: u16, height: u16) -> Harness {
        Harness::with_history(day, width, height, history_before(date(day)))
    }

    pub fn with_history(
        day: &str,
        width: u16,
        height: u16,
        last_held: HashMap<String, NaiveDate>,
    ) -> Harness {
        let cycles = load_cycles(None).expect("built-in templates");
        Harness::with_cycles(day, width, height, last_held, cycles)
    }

    pub fn with_cycles(
        day: &str,
        width: u16,
        height: u16,
        last_held: HashMap<String, NaiveDate>,
        cycles: Vec<kaizen::cycles::Cycle>,
    ) -> Harness {
        let now = at(date(day), 9);
        let keymap = Keymap::new().expect("keymap parses");
        let mut model = Model::new(cycles.clone(), last_held, now, keymap);
        model.store_label = "/home/ops/.local/share/kaizen/kaizen.db".into();
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        // Nothing is spawned unless a test gives a runtime: most sources answer at once.
        let (inbox, answers) = tokio::sync::mpsc::unbounded_channel();
        let store = test_store();
        let mut harness = Harness {
            model,
            now,
            effects: Vec::new(),
            quit: false,
            fetches: Vec::new(),
            exec: Executor::new(store, cycles, Source::Demo, inbox),
            terminal,
            inbox: answers,
            runtime: None,
        };
        harness.send(Msg::Resize(width, height));
        harness
    }

    /// The same app with other keys (the config's `[keys]` laid over the table).
    pub fn with_keymap(mut self, keymap: Keymap) -> Harness {
        let cycles = self.model.cycles.clone();
        let last_held = self.model.last_held.clone();
        let label = std::mem::take(&mut self.model.store_label);
        self.model = Model::new(cycles, last_held, self.now, keymap);
        self.model.store_label = label;
        let terminal = self.terminal.size().expect("test terminal");
        self.send(Msg::Resize(terminal.width, terminal.height));
        self
    }

    /// The store the app saves to (in tests it works here, answering at once).
    pub fn store(&self) -> &Store {
        self.exec
            .here_ref()
            .expect("in tests the store works here")
            .store()
    }

    pub fn store_mut(&mut self) -> &mut Store {
        self.worker().store_mut()
    }

    /// Puts another store in place (a database file of the test's own).
    pub fn set_store(&mut self, store: Store) {
        self.exec.replace_store(store);
    }

    /// Writes reports of ended meetings into `folder`.
    pub fn set_reports(&mut self, folder: Option<std::path::PathBuf>) {
        self.worker().reports = folder;
    }

    fn worker(&mut self) -> &mut kaizen::executor::StoreWorker {
        self.exec.here().expect("in tests the store works here")
    }

    /// Answers queries with `answer`; `None` leaves them unanswered, as a server that hangs.
    pub fn set_metrics(&mut self, answer: Option<MetricsAnswer>) -> &mut Harness {
        self.exec.source = match answer {
            Some(answer) => Source::Fixed(answer),
            None => Source::Silent,
        };
        self
    }

    /// Lets the executor spawn work as the app does (a SQL panel's query), on a runtime of
    /// the harness's own; `wait_for` hears the answers.
    pub fn with_runtime(&mut self) -> &mut Harness {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("tokio");
        self.runtime = Some(std::sync::Arc::new(runtime));
        self
    }

    /// Takes in the answers of spawned work until `done` holds (at most 30 s).
    #[allow(clippy::disallowed_methods)] // a real server answers in real time
    pub fn wait_for(&mut self, what: &str, done: impl Fn(&Harness) -> bool) -> &mut Harness {
        let runtime = self.runtime.clone().expect("with_runtime first");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !done(self) {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            assert!(!left.is_zero(), "waited 30 s for {what}");
            let answer =
                runtime.block_on(async { tokio::time::timeout(left, self.inbox.recv()).await });
            if let Ok(Some(msg)) = answer {
                self.send(msg);
            }
        }
        self
    }

    /// Sends a message and performs its effects with the app's own executor.
    pub fn send(&mut self, msg: Msg) -> &mut Harness {
        let runtime = self.runtime.clone();
        let _inside = runtime.as_ref().map(|runtime| runtime.enter());
        let mut queue = std::collections::VecDeque::from([msg]);
        while let Some(msg) = queue.pop_front() {
            let mut answers = Vec::new();
            for effect in self.model.update(msg, self.now) {
                self.effects.push(effect.clone());
                self.fetches.extend(asked(&effect));
                if effect == Effect::Quit {
                    self.quit = true;
                }
                answers.extend(self.exec.perform(effect, self.now));
            }
            for answer in answers.into_iter().rev() {
                queue.push_front(answer);
            }
        }
        self
    }

    /// Lets `secs` seconds pass, one tick per second as the runtime sends them.
    pub fn advance(&mut self, secs: i64) -> &mut Harness {
        for _ in 0..secs {
            self.now = Now {
                mono: self.now.mono + std::time::Duration::from_secs(1),
                wall: self.now.wall + Duration::seconds(1),
            };
            self.send(Msg::Tick);
        }
        self
    }

    /// Types text as keys (for notes and names).
    pub fn type_text(&mut self, text: &str) -> &mut Harness {
        for c in text.chars() {
            let key = match c {
                '\n' => crossterm::event::KeyCode::Enter,
                c => crossterm::event::KeyCode::Char(c),
            };
            self.send(Msg::Key(crossterm::event::KeyEvent::new(
                key,
                crossterm::event::KeyModifiers::NONE,
            )));
        }
        self
    }

    /// What the panels of the meeting on screen show, by section then panel.
    pub fn panels(&self) -> &[Vec<kaizen::model::panel_state::PanelState>] {
        &self
            .model
            .session
            .as_ref()
            .expect("a meeting is on screen")
            .panel_states
    }

    /// Seconds left on the current section's clock.
    pub fn remaining(&self) -> i64 {
        let meeting = self.model.meeting().expect("a meeting is on screen");
        meeting.current_run().timer.remaining_secs(self.now.wall)
    }

    /// Presses keys written as in the keymap ("j", "enter", "ctrl-c"), space-separated.
    pub fn press(&mut self, keys: &str) -> &mut Harness {
        for key in keys.split_whitespace() {
            let chord = parse_chord(key).expect("test key parses");
            self.send(Msg::Key(chord.to_event()));
        }
        self
    }

    pub fn resize(&mut self, width: u16, height: u16) -> &mut Harness {
        self.terminal.backend_mut().resize(width, height);
        self.send(Msg::Resize(width, height))
    }

    fn draw(&mut self) {
        let model = &self.model;
        self.terminal
            .draw(|frame| kaizen::ui::render(model, frame))
            .expect("draw");
    }

    /// The screen as text, one line per row, trailing spaces trimmed.
    pub fn screen(&mut self) -> String {
        self.draw();
        let buffer = self.terminal.backend().buffer();
        let width = buffer.area.width as usize;
        buffer
            .content()
            .chunks(width)
            .map(|row| {
                let line: String = row.iter().map(|cell| cell.symbol()).collect();
                line.trim_end().to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The buffer with its styles, for snapshots where colour carries meaning.
    pub fn styled(&mut self) -> String {
        self.draw();
        format!("{:?}", self.terminal.backend().buffer())
    }
}

/// The queries an effect asks the metric source.
fn asked(effect: &Effect) -> Vec<kaizen::metrics::QueryRequest> {
    match effect {
        Effect::Fetch { request, .. } => request.queries().into_iter().cloned().collect(),
        Effect::Measure { request, .. } => vec![request.clone()],
        // The first look; the second depends on its answer.
        Effect::FindAlerts { window, .. } => {
            vec![kaizen::incidents::episodes::coarse_request(*window)]
        }
        Effect::Scan { targets, .. } => targets.iter().map(|t| t.request.clone()).collect(),
        _ => Vec::new(),
    }
}

/// The time `unix` seconds, in UTC.
pub fn at_unix(unix: i64) -> Now {
    let wall = chrono::DateTime::from_timestamp(unix, 0)
        .expect("valid time")
        .fixed_offset();
    Now {
        mono: Instant::now(),
        wall,
    }
}

/// Each cycle held on its latest scheduled date strictly before `day`.
pub fn history_before(day: NaiveDate) -> HashMap<String, NaiveDate> {
    let yesterday = day.pred_opt().expect("a day before");
    load_cycles(None)
        .expect("built-in templates")
        .into_iter()
        .filter_map(|c| Some((c.key.clone(), c.cadence.latest_on_or_before(yesterday)?)))
        .collect()
}

/// The store a harness starts with: a private SQLite database in memory, or, when
/// `KAIZEN_TEST_POSTGRES` names a PostgreSQL server (scripts/test's second pass), a schema
/// of its own there (cheaper than a database each), so the same tests prove the same
/// behaviour on both.
pub fn test_store() -> Store {
    let Ok(server) = std::env::var("KAIZEN_TEST_POSTGRES") else {
        return Store::open_in_memory().expect("in-memory store");
    };
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let name = format!("kaizen_{}_{n}", std::process::id());
    let mut admin = postgres::Client::connect(&server, postgres::NoTls)
        .expect("KAIZEN_TEST_POSTGRES's server answers");
    admin
        .batch_execute(&format!("CREATE SCHEMA {name}"))
        .expect("a schema for the test");
    let joiner = if server.contains('?') { '&' } else { '?' };
    let url = format!("{server}{joiner}options=-c%20search_path%3D{name}");
    Store::open_postgres(&url, None, None).expect("a PostgreSQL store")
}
