//! The opportunity backlog at scale: loading 10,000 from SQLite and drawing the quadrant.
#![allow(clippy::disallowed_methods)] // a benchmark makes its own clock

use chrono::{FixedOffset, TimeZone};
use criterion::{Criterion, criterion_group, criterion_main};
use kaizen::cycles::load_cycles;
use kaizen::keymap::{Keymap, parse_chord};
use kaizen::model::{Model, Now};
use kaizen::msg::Msg;
use kaizen::opportunities::Opportunity;
use kaizen::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Instant;

fn now() -> Now {
    Now {
        mono: Instant::now(),
        wall: FixedOffset::east_opt(0)
            .and_then(|tz| tz.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).single())
            .expect("time"),
    }
}

fn backlog(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("kaizen.db")).expect("store");
    for i in 0..10_000u32 {
        let mut o = Opportunity::titled(&format!("Improvement idea number {i}"), now().wall);
        o.impact = (i % 5 + 1) as u8;
        o.effort = (i / 5 % 5 + 1) as u8;
        o.description = "A sentence or two about what could be better and why.".into();
        store.save_opportunity(&o).expect("saved");
    }
    c.bench_function("load 10,000 opportunities", |b| {
        b.iter(|| store.opportunities().map(|all| all.len()))
    });

    let cycles = load_cycles(None).expect("templates");
    let mut model = Model::new(
        cycles,
        Default::default(),
        now(),
        Keymap::new().expect("keys"),
    );
    model.update(Msg::Resize(120, 40), now());
    model.opportunities = store.opportunities().expect("loaded");
    let open = parse_chord("o").expect("key").to_event();
    model.update(Msg::Key(open), now());
    model.opportunities = store.opportunities().expect("loaded");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    c.bench_function("frame: quadrant of 10,000 opportunities 120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| kaizen::ui::render(&model, frame))
                .map(|_| ())
        })
    });
    let up = parse_chord("up").expect("key").to_event();
    c.bench_function(
        "move an item on the quadrant of 10,000 (key to model)",
        |b| b.iter(|| model.update(Msg::Key(up), now()).len()),
    );
}

criterion_group!(benches, backlog);
criterion_main!(benches);
