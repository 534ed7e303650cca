//! Every subcommand prints through here, so nothing a database or file holds can act on the
//! terminal, and a reader that stops early is not an error.

use crate::text::{for_terminal, json_for_terminal};

/// Prints a command's output safe for a terminal, whatever the database or a file holds:
/// JSON with the characters a terminal acts on escaped (it still decodes to the same text),
/// anything else with them made visible.
pub(super) fn emit(text: &str, json: bool) {
    let text = if json {
        json_for_terminal(text)
    } else {
        for_terminal(text)
    };
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    // A reader that stopped early (`kaizen export | head`) wants no more: not an error.
    if let Err(err) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("kaizen: cannot write the output: {err}");
    }
}

pub(super) fn emit_line(text: String) {
    emit(&(text + "\n"), false);
}
