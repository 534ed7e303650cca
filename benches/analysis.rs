//! Scanning for anomalies at the size the issue names: 50 series of 10,000 points each.

use criterion::{Criterion, criterion_group, criterion_main};
use kaizen::analysis::{Settings, scan};

const STEP: f64 = 60.0;

/// A daily cycle with noise and, on every fifth series, a spike and a step.
fn series(index: u64) -> Vec<(f64, f64)> {
    let mut state = index.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut noise = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    };
    (0..10_000)
        .map(|i| {
            let t = 1_795_000_000.0 + i as f64 * STEP;
            let daily = (t / 86_400.0 * std::f64::consts::TAU).sin() * 20.0;
            let mut v = 100.0 + daily + noise() * 4.0;
            if index.is_multiple_of(5) && i == 7_000 {
                v += 200.0;
            }
            if index.is_multiple_of(5) && i > 8_000 {
                v += 60.0;
            }
            (t, v)
        })
        .collect()
}

fn scanning(c: &mut Criterion) {
    let all: Vec<Vec<(f64, f64)>> = (0..50).map(series).collect();
    let settings = Settings::default();
    c.bench_function("scan 50 series of 10,000 points", |b| {
        b.iter(|| {
            all.iter()
                .map(|points| scan(points, STEP, None, &settings).len())
                .sum::<usize>()
        })
    });
}

criterion_group!(benches, scanning);
criterion_main!(benches);
