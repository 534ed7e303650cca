//! Drives the app without a terminal: the real model and renderer with a fixed clock and a
//! `TestBackend`, fed the same messages the runtime would send.
#![allow(clippy::disallowed_methods, dead_code)] // tests make their own clock

use chrono::{FixedOffset, NaiveDate, TimeZone};
use kaizen::cycles::load_cycles;
use kaizen::effect::Effect;
use kaizen::keymap::{Keymap, parse_chord};
use kaizen::model::{Model, Now};
use kaizen::msg::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::HashMap;
use std::time::Instant;

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
    pub effects: Vec<Effect>,
    terminal: Terminal<TestBackend>,
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
        let now = at(date(day), 9);
        let cycles = load_cycles(None).expect("built-in templates");
        let keymap = Keymap::new().expect("keymap parses");
        let mut model = Model::new(cycles, last_held, now, keymap);
        model.store_label = "/home/ops/.local/share/kaizen/kaizen.db".into();
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        let mut harness = Harness {
            model,
            now,
            effects: Vec::new(),
            terminal,
        };
        harness.send(Msg::Resize(width, height));
        harness
    }

    pub fn send(&mut self, msg: Msg) -> &mut Harness {
        let effects = self.model.update(msg, self.now);
        self.effects.extend(effects);
        self
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

/// Each cycle held on its latest scheduled date strictly before `day`.
pub fn history_before(day: NaiveDate) -> HashMap<String, NaiveDate> {
    let yesterday = day.pred_opt().expect("a day before");
    load_cycles(None)
        .expect("built-in templates")
        .into_iter()
        .filter_map(|c| Some((c.key.clone(), c.cadence.latest_on_or_before(yesterday)?)))
        .collect()
}
