//! The short words typed or written in templates: due dates ("fri", "+3d", "2026-12-04"),
//! cadences ("weekly on monday"), durations ("5m", "7d"). Parsed or refused; never a panic,
//! and a due date is always a real date.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date");
    if let Ok(due) = kaizen::actions::due::parse_due(text, today) {
        assert!(due.format("%Y-%m-%d").to_string().len() >= 10);
    }
    if let Ok(cadence) = text.parse::<kaizen::cycles::Cadence>() {
        // What parses prints back as something that parses to the same.
        let again: kaizen::cycles::Cadence = cadence
            .to_string()
            .parse()
            .expect("a cadence prints as one");
        assert_eq!(again, cadence);
        let _ = cadence.latest_on_or_before(today);
    }
    if let Some(duration) = kaizen::cycles::panel::parse_duration(text) {
        assert!(duration.as_secs() >= 1);
    }
});
