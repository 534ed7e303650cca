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

#[test]
fn trend_bars_keep_small_changes_small_and_big_ones_full_height() {
    use kaizen::text::bars;
    // Uptime moving by hundredths of a point: level, not a fall from full to empty.
    let uptime = bars(&[99.89, 99.85, 99.87, 99.89]);
    assert!(uptime.chars().all(|c| matches!(c, '▄' | '▅')), "{uptime}");
    // A real change uses the whole height, lowest to highest.
    assert_eq!(bars(&[10.0, 40.0, 20.0, 80.0]), "▁▄▂█");
    // All alike sit in the middle; a gap is blank.
    assert_eq!(bars(&[0.0, 0.0, f64::NAN]), "▄▄ ");
    assert_eq!(bars(&[5.0, 5.0]), "▅▅");
}

#[test]
fn a_measured_value_is_in_the_unit_its_query_names() {
    use kaizen::metrics::units::{Unit, unit_of_query};
    let p95 =
        "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))";
    assert_eq!(unit_of_query(p95), Unit::Seconds);
    assert_eq!(unit_of_query("node_memory_MemAvailable_bytes"), Unit::Bytes);
    // A rate of a counter or a count is not in the metric's base unit.
    assert_eq!(
        unit_of_query("rate(process_cpu_seconds_total[5m])"),
        Unit::Number
    );
    assert_eq!(
        unit_of_query("rate(http_request_duration_seconds_count[5m])"),
        Unit::Number
    );
    assert_eq!(unit_of_query("sum(up)"), Unit::Number);
    // A label value is not a metric name; a query that does not parse says no unit.
    assert_eq!(unit_of_query("up{job=\"disk_bytes\"}"), Unit::Number);
    assert_eq!(
        unit_of_query("node_memory_MemAvailable_bytes{"),
        Unit::Number
    );
}
