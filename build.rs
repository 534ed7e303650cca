//! Build settings cargo's profiles cannot say: the release binary's debug sections (line tables
//! kept for backtraces) are compressed by the linker, a third of their size; the standard
//! library's backtrace reads them compressed.

fn main() {
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let release = std::env::var("PROFILE").is_ok_and(|profile| profile == "release");
    if linux && release {
        println!("cargo::rustc-link-arg-bins=-Wl,--compress-debug-sections=zlib");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
