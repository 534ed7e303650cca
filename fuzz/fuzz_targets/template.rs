//! A cycle template (TOML) from outside: parsed and validated, or refused with file and
//! line; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(error) =
        kaizen::cycles::parse_template("fuzz", "fuzz.toml", text, kaizen::cycles::Origin::BuiltIn)
    {
        // A refusal names the file it refuses.
        assert!(error.to_string().starts_with("fuzz.toml"));
    }
});
