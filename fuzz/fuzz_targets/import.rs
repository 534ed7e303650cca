//! An export document from outside: read and checked, then written into a fresh database, or
//! refused with what is wrong; never a panic, never half written.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn cycles() -> &'static [kaizen::cycles::Cycle] {
    static CYCLES: OnceLock<Vec<kaizen::cycles::Cycle>> = OnceLock::new();
    CYCLES.get_or_init(|| kaizen::cycles::load_cycles(None).expect("built-in templates"))
}

fuzz_target!(|text: &str| {
    let Ok(import) = kaizen::store::export::read(text, kaizen::store::latest_version(), cycles())
    else {
        return;
    };
    let mut store = kaizen::store::Store::open_in_memory().expect("a database in memory");
    if store.import(&import).is_err() {
        // A refused import leaves the database as it was: empty.
        let empty = store.export_json(chrono::DateTime::UNIX_EPOCH.fixed_offset());
        assert!(empty.is_ok());
    }
});
