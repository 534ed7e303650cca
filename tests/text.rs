//! Outside text is drawn as text: hostile control and escape sequences never reach the
//! terminal, whichever widget path draws them.

use kaizen::text::clean;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};

const HOSTILE: [&str; 6] = [
    "\u{1b}[2J\u{1b}[31mred",        // clear screen, colour
    "\u{1b}]52;c;cGF5bG9hZA==\u{7}", // OSC 52 clipboard write
    "bell\u{7}",
    "carriage\rreturn",
    "\u{202e}evil.exe", // right-to-left override
    "\u{9b}31m C1 CSI", // 8-bit CSI
];

#[test]
fn control_characters_are_made_visible_and_bidi_overrides_replaced() {
    assert_eq!(clean("\u{1b}[2J"), "␛[2J");
    assert_eq!(clean("bell\u{7}"), "bell␇");
    assert_eq!(clean("a\tb"), "a b");
    assert_eq!(clean("\u{202e}abc"), "\u{FFFD}abc");
    // Found by the fuzzer: the Arabic letter mark is a bidi mark like LRM and RLM.
    assert_eq!(clean("a\u{61c}b"), "a\u{FFFD}b");
    assert_eq!(clean("Überprüfung · 日本語"), "Überprüfung · 日本語");
}

#[test]
fn no_hostile_input_leaves_a_control_character_in_the_buffer() {
    for text in HOSTILE {
        let cleaned = clean(text);
        assert!(
            cleaned.chars().all(|c| !c.is_control() && c != '\u{202e}'),
            "{text:?} -> {cleaned:?}"
        );
        let mut buffer = Buffer::empty(Rect::new(0, 0, 40, 1));
        Paragraph::new(cleaned.as_ref()).render(buffer.area, &mut buffer);
        for cell in buffer.content() {
            assert!(
                cell.symbol().chars().all(|c| !c.is_control()),
                "{text:?} left {:?}",
                cell.symbol()
            );
        }
    }
}

#[test]
fn unsafe_char_finds_what_clean_would_change_and_keeps_newlines_and_tabs_in_notes() {
    use kaizen::text::unsafe_char;
    for text in HOSTILE {
        let found = unsafe_char(text, true);
        assert!(found.is_some(), "{text:?}");
        assert_eq!(clean(text) == text, found.is_none(), "{text:?}");
    }
    assert_eq!(unsafe_char("Überprüfung · 日本語", false), None);
    assert_eq!(unsafe_char("a\tb", false), Some('\t'));
    assert_eq!(unsafe_char("line\nline", false), Some('\n'));
    assert_eq!(unsafe_char("line\n\tindented", true), None);
    assert_eq!(unsafe_char("windows\r\nline", true), Some('\r'));
}
