//! What users feel at start-up and on every frame: loading the templates, opening the
//! store, computing the calendar, and drawing the home and agenda screens.
#![allow(clippy::disallowed_methods)] // a benchmark makes its own clock

use chrono::{FixedOffset, NaiveDate, TimeZone};
use criterion::{Criterion, criterion_group, criterion_main};
use kaizen::cycles::load_cycles;
use kaizen::keymap::{Keymap, parse_chord};
use kaizen::model::{Model, Now};
use kaizen::msg::Msg;
use kaizen::schedule::reviews_between;
use kaizen::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::time::Instant;

fn now() -> Now {
    let wall = FixedOffset::east_opt(0)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).single())
        .expect("valid time");
    Now {
        mono: Instant::now(),
        wall,
    }
}

fn model(width: u16, height: u16) -> Model {
    let cycles = load_cycles(None).expect("templates");
    let mut model = Model::new(
        cycles,
        Default::default(),
        now(),
        Keymap::new().expect("keys"),
    );
    model.update(Msg::Resize(width, height), now());
    model
}

fn render(c: &mut Criterion) {
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let model = model(width, height);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        c.bench_function(&format!("frame: home {width}x{height}"), |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| kaizen::ui::render(&model, frame))
                    .map(|_| ())
            })
        });
        let mut agenda = model;
        let enter = parse_chord("enter").expect("chord").to_event();
        agenda.update(Msg::Key(enter), now());
        c.bench_function(&format!("frame: agenda {width}x{height}"), |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| kaizen::ui::render(&agenda, frame))
                    .map(|_| ())
            })
        });
    }
}

fn startup(c: &mut Criterion) {
    c.bench_function("load the four built-in templates", |b| {
        b.iter(|| load_cycles(black_box(None)).expect("templates"))
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("kaizen.db");
    drop(Store::open(&path).expect("create"));
    c.bench_function("open an existing database", |b| {
        b.iter(|| Store::open(&path).expect("open"))
    });
    let cycles = load_cycles(None).expect("templates");
    let from = NaiveDate::from_ymd_opt(2027, 1, 1).expect("date");
    let until = NaiveDate::from_ymd_opt(2027, 12, 31).expect("date");
    c.bench_function("schedule: a year of reviews", |b| {
        b.iter(|| reviews_between(black_box(&cycles), from, until))
    });
}

fn meeting(c: &mut Criterion) {
    let start = parse_chord("s").expect("chord").to_event();
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let mut model = model(width, height);
        model.update(Msg::Key(start), now());
        let later = Now {
            wall: now().wall + chrono::Duration::seconds(65),
            ..now()
        };
        model.update(Msg::Tick, later);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        c.bench_function(&format!("frame: meeting {width}x{height}"), |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| kaizen::ui::render(&model, frame))
                    .map(|_| ())
            })
        });
    }
}

/// Everything between the process starting and the first frame, except the terminal's own
/// set-up: templates, database, model, one frame.
fn startup_to_first_frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("kaizen.db");
    drop(Store::open(&path).expect("create"));
    c.bench_function("startup to first frame (no terminal)", |b| {
        b.iter(|| {
            let cycles = load_cycles(None).expect("templates");
            let store = Store::open(&path).expect("open");
            let last_held = store.last_held().expect("history");
            let unfinished = store.unfinished_meeting().expect("unfinished");
            let mut model = Model::new(cycles, last_held, now(), Keymap::new().expect("keys"));
            model.update(Msg::Resize(120, 40), now());
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            terminal
                .draw(|frame| kaizen::ui::render(&model, frame))
                .map(|_| unfinished.is_none())
        })
    });
}

criterion_group!(benches, startup, startup_to_first_frame, render, meeting);
criterion_main!(benches);
