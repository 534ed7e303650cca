//! Years of history: a database of 5 years of meetings with notes and panel values, 10,000
//! opportunities with their stage changes and 5,000 action items with their events (the
//! "10x" one), against a tenth of it, built through the store as kaizen writes it. Each
//! operation a user waits on is measured on both, so a path that grows faster than the data
//! shows as a ratio above 10.
#![allow(clippy::disallowed_methods)] // a benchmark makes its own clock

use chrono::{Days, FixedOffset, TimeZone};
use criterion::{Criterion, criterion_group, criterion_main};
use kaizen::actions::NewAction;
use kaizen::change::{Change, Decision};
use kaizen::cycles::{Cycle, load_cycles};
use kaizen::keymap::{Keymap, parse_chord};
use kaizen::model::{Model, Now};
use kaizen::msg::Msg;
use kaizen::opportunities::{Opportunity, Status};
use kaizen::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn now() -> Now {
    Now {
        mono: Instant::now(),
        wall: FixedOffset::east_opt(0)
            .and_then(|tz| tz.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).single())
            .expect("time"),
    }
}

/// A database of `tenths` tenths of the 10x data, in a folder that is RAM where there is one
/// (building it is not what is measured).
fn build(tenths: u64, folder: &Path) -> PathBuf {
    let path = folder.join(format!("kaizen-{tenths}.db"));
    let mut store = Store::open(&path).expect("store");
    let cycles = load_cycles(None).expect("templates");
    let at = now().wall;
    // 5 years of every cycle's meetings at 10x, with notes in every section.
    kaizen::demo::seed_history_days(&mut store, &cycles, at, 5 * 365 * tenths / 10)
        .expect("history");
    for meeting in store.meetings(None).expect("meetings") {
        let held = store.load_meeting(meeting.id).expect("meeting");
        for position in 0..held.sections.len() {
            store
                .apply(&Change::SaveNotes {
                    meeting: meeting.id,
                    position,
                    notes: format!(
                        "p95 {} ms after the deploy; error budget fine\n- check the cache",
                        90 + meeting.id % 20
                    ),
                })
                .expect("notes");
        }
    }
    // 1,000 opportunities a tenth, most moved on through a few stages.
    for i in 0..1000 * tenths {
        let made = at - chrono::Duration::days((i % 1800) as i64);
        let mut o = Opportunity::titled(&format!("Improvement idea number {i}"), made);
        o.impact = (i % 5 + 1) as u8;
        o.effort = (i / 5 % 5 + 1) as u8;
        o.description = "A sentence or two about what could be better and why.".into();
        let id = store.save_opportunity(&o).expect("saved");
        let stages = [Status::Analyzed, Status::Planned, Status::InProgress];
        for (n, status) in stages.iter().take((i % 4) as usize).enumerate() {
            let when = made + chrono::Duration::days(n as i64 + 1);
            store
                .set_opportunity_status(id, *status, None, when)
                .expect("stage");
        }
    }
    // 500 action items a tenth, half of them done, some carried.
    for i in 0..500 * tenths {
        let made = at - chrono::Duration::days((i % 1800) as i64);
        let new = NewAction::standalone(
            &format!("Action item number {i}"),
            ["Ana Lima", "Bo Chen", "Chidi Okafor", "Dana Kim"][(i % 4) as usize],
            made.date_naive() + Days::new(7),
        );
        let item = store.create_action(&new, false, made).expect("item");
        let decision = match i % 3 {
            0 => Some(Decision::Done),
            1 => Some(Decision::Carry),
            _ => None,
        };
        if let Some(decision) = decision {
            store
                .apply(&Change::Decide {
                    item,
                    decision,
                    meeting: None,
                    at: made + chrono::Duration::days(7),
                })
                .expect("decided");
        }
    }
    path
}

/// The model as `kaizen` opens it on `path`, drawn once.
fn open(path: &Path, cycles: &[Cycle], terminal: &mut Terminal<TestBackend>) -> Model {
    let store = Store::open(path).expect("store");
    let mut model = Model::new(
        cycles.to_vec(),
        store.last_held().expect("history"),
        now(),
        Keymap::new().expect("keys"),
    );
    kaizen::cli::load_rows(&mut model, &store).expect("rows");
    model.update(Msg::Resize(120, 40), now());
    terminal
        .draw(|frame| kaizen::ui::render(&model, frame))
        .expect("drawn");
    model
}

fn scale(c: &mut Criterion) {
    let ram = Path::new("/dev/shm");
    let folder =
        tempfile::tempdir_in(if ram.is_dir() { ram } else { Path::new(".") }).expect("folder");
    let cycles = load_cycles(None).expect("templates");
    let mut group = c.benchmark_group("scale");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4));
    for tenths in [1, 10] {
        let size = if tenths == 1 { "1x" } else { "10x" };
        let path = build(tenths, folder.path());
        // KAIZEN_SCALE_KEEP=DIR keeps each database, to measure the real binary on it.
        if let Some(keep) = std::env::var_os("KAIZEN_SCALE_KEEP") {
            let kept = Path::new(&keep).join(format!("kaizen-{size}.db"));
            std::fs::copy(&path, &kept).expect("the database is kept");
        }
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        group.bench_function(format!("first frame, home, {size}"), |b| {
            b.iter(|| open(&path, &cycles, &mut terminal))
        });
        group.bench_function(format!("first frame, start weekly, {size}"), |b| {
            b.iter(|| {
                let mut model = open(&path, &cycles, &mut terminal);
                model.update(Msg::StartMeeting("weekly".into()), now());
                terminal
                    .draw(|frame| kaizen::ui::render(&model, frame))
                    .expect("drawn");
            })
        });
        let store = Store::open(&path).expect("store");
        let last_weekly = store.meetings(Some("weekly")).expect("meetings")[0].id;
        group.bench_function(format!("report of the last weekly, {size}"), |b| {
            b.iter(|| {
                let report = kaizen::report::gather(&store, last_weekly, &cycles, now().wall)
                    .expect("report");
                kaizen::report::markdown::render(&report).len()
            })
        });
        let mut model = open(&path, &cycles, &mut terminal);
        model.opportunities = store.opportunities().expect("opportunities");
        let o = parse_chord("o").expect("key").to_event();
        let esc = parse_chord("esc").expect("key").to_event();
        group.bench_function(format!("quadrant open, {size}"), |b| {
            b.iter(|| {
                model.update(Msg::Key(o), now());
                terminal
                    .draw(|frame| kaizen::ui::render(&model, frame))
                    .expect("drawn");
                model.update(Msg::Key(esc), now());
            })
        });
        let export = store.export_json(now().wall).expect("export");
        group.bench_function(
            format!("import, {size} ({} KB)", export.len() / 1024),
            |b| {
                b.iter_with_setup(
                    || {
                        let target = folder.path().join(format!("import-{tenths}.db"));
                        let _ = std::fs::remove_file(&target);
                        Store::open(&target).expect("empty store")
                    },
                    |mut empty| {
                        let import = kaizen::store::export::read(
                            &export,
                            empty.schema_version().expect("v"),
                            &cycles,
                        )
                        .expect("readable");
                        empty.import(&import).expect("imported")
                    },
                )
            },
        );
    }
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
