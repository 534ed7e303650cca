//! Metric panels' costs that users feel: decoding a big query_range answer, thinning it to
//! the screen, and drawing a section with six live panels.
#![allow(clippy::disallowed_methods)] // a benchmark makes its own clock

use chrono::{FixedOffset, TimeZone};
use criterion::{Criterion, criterion_group, criterion_main};
use kaizen::cycles::{Origin, parse_template};
use kaizen::keymap::{Keymap, parse_chord};
use kaizen::metrics::decode::decode;
use kaizen::model::panel_state::reduce;
use kaizen::model::{Model, Now};
use kaizen::msg::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::fmt::Write;
use std::hint::black_box;
use std::time::Instant;

/// A query_range answer of `series` series with `points` points each, as Prometheus sends it.
fn matrix(series: usize, points: usize) -> String {
    let mut body = String::from(r#"{"status":"success","data":{"resultType":"matrix","result":["#);
    for s in 0..series {
        if s > 0 {
            body.push(',');
        }
        let _ = write!(
            body,
            r#"{{"metric":{{"__name__":"http_requests_total","job":"job-{s}","instance":"10.0.{s}.1:9100"}},"values":["#
        );
        for p in 0..points {
            if p > 0 {
                body.push(',');
            }
            let _ = write!(
                body,
                r#"[{},"{}"]"#,
                1_764_316_800 + p * 60,
                0.05 + (p % 17) as f64 / 100.0
            );
        }
        body.push_str("]}");
    }
    body.push_str("]}}");
    body
}

fn decoding(c: &mut Criterion) {
    let body = matrix(100, 1000);
    c.bench_function("decode query_range: 100 series x 1000 points", |b| {
        b.iter(|| decode(200, black_box(body.as_bytes())).map(|d| d.series.len()))
    });
    let data = decode(200, body.as_bytes()).expect("decodes");
    c.bench_function("reduce 100 x 1000 points to 200 columns", |b| {
        b.iter(|| reduce(black_box(data.clone()), 200))
    });
}

/// The case the README's CPU figure is measured on, too.
const SIX_PANELS: &str = include_str!("six-panels.toml");

fn six_panels(c: &mut Criterion) {
    let now = Now {
        mono: Instant::now(),
        wall: FixedOffset::east_opt(0)
            .and_then(|tz| tz.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).single())
            .expect("time"),
    };
    let cycle = parse_template("weekly", "bench", SIX_PANELS, Origin::BuiltIn).expect("template");
    let mut model = Model::new(
        vec![cycle],
        Default::default(),
        now,
        Keymap::new().expect("keys"),
    );
    model.update(Msg::Resize(200, 60), now);
    for key in ["s", "y"] {
        let effects = model.update(Msg::Key(parse_chord(key).expect("key").to_event()), now);
        for effect in effects {
            if let kaizen::effect::Effect::Fetch {
                key,
                generation,
                request,
            } = effect
            {
                let result = request
                    .answer_with(kaizen::metrics::demo::answer)
                    .map(Box::new);
                model.update(
                    Msg::PanelLoaded {
                        key,
                        generation,
                        result,
                    },
                    now,
                );
            }
        }
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    c.bench_function("frame: meeting with six panels 200x60", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| kaizen::ui::render(&model, frame))
                .map(|_| ())
        })
    });
}

criterion_group!(benches, decoding, six_panels);
criterion_main!(benches);
