//! Text from outside (pasted notes, labels, imports, command-line arguments) through every
//! cleaner on its way to a terminal: nothing that comes out holds a C0 or C1 control, an
//! escape or a bidi override (a line break only where lines are kept).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// What must never reach a terminal. Where lines are kept, so are line breaks (and, in a
/// command's output, tabs: checked apart below).
fn forbidden(c: char, lines_kept: bool) -> bool {
    let c0 = c < ' ' && !(lines_kept && matches!(c, '\n' | '\t' | '\r'));
    let c1 = ('\u{7f}'..='\u{9f}').contains(&c);
    let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}');
    c0 || c1 || bidi
}

fn assert_safe(text: &str, lines_kept: bool, what: &str) {
    if let Some(c) = text.chars().find(|c| forbidden(*c, lines_kept)) {
        panic!("{what} let {:?} through in {text:?}", c);
    }
}

fuzz_target!(|text: &str| {
    assert_safe(&kaizen::text::clean(text), false, "clean");
    let notes = kaizen::text::clean_multiline(text);
    assert_safe(&notes, true, "clean_multiline");
    assert!(
        !notes.contains(['\t', '\r']),
        "clean_multiline kept a tab or CR: {notes:?}"
    );
    let printed = kaizen::text::for_terminal(text);
    assert_safe(&printed, true, "for_terminal");
    // A carriage return only as half of a line break: alone it would overwrite the line.
    assert!(
        !printed.replace("\r\n", "").contains('\r'),
        "for_terminal let a lone CR through: {printed:?}"
    );
    assert_safe(&kaizen::text::fit(text, 40), false, "fit");
    for line in kaizen::text::wrap(&kaizen::text::clean(text), 30, "", "") {
        assert_safe(&line, false, "wrap");
    }
});
