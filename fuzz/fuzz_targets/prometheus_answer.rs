//! An answer from a Prometheus server (any status, any body): decoded into series, or an
//! error in words; never a panic, and never a value that was not a number it sent.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u16, &[u8])| {
    let (status, body) = input;
    if let Ok(data) = kaizen::metrics::decode::decode(status, body) {
        for series in &data.series {
            // Labels go on screen: they are kept as sent and cleaned where drawn.
            let _ = kaizen::text::clean(&series.key());
        }
    }
});
