//! The config file (TOML) from outside: read, or refused naming the file; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let path = std::path::Path::new("config.toml");
    if let Err(error) = kaizen::config::parse_config(text, path) {
        assert!(error.starts_with("config.toml"), "{error}");
    }
});
