//! Making outside text safe to draw: template strings, labels and notes never reach the
//! terminal as control or escape sequences; and word-wrapping for the reading views.

use std::borrow::Cow;

/// Replaces control characters (shown as Unicode control pictures, `␛` for ESC) and
/// bidirectional overrides (shown as `�`) so the text draws as plain text.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_plain) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().map(visible).collect())
    }
}

fn is_plain(c: char) -> bool {
    !c.is_control() && !is_bidi_control(c)
}

fn visible(c: char) -> char {
    match c {
        '\t' => ' ',
        // C0 controls have pictures at U+2400 + code; DEL has its own.
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7f}' => '\u{2421}',
        c if is_plain(c) => c,
        _ => '\u{FFFD}',
    }
}

fn is_bidi_control(c: char) -> bool {
    // The marks (LRM, RLM, ALM), the embeddings and overrides, and the isolates.
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Cleans and wraps `text` to `width` columns, the first line after `first_indent` and the
/// rest after `indent`.
pub fn wrap(text: &str, width: u16, first_indent: &str, indent: &str) -> Vec<String> {
    let options = textwrap::Options::new(usize::from(width.max(8)))
        .initial_indent(first_indent)
        .subsequent_indent(indent);
    textwrap::wrap(&clean(text), options)
        .into_iter()
        .map(Cow::into_owned)
        .collect()
}

/// Cleans `text` and cuts it to `width` columns, ending in "…" when something was cut.
/// One pass, stopping at the width: its cost is the columns shown, not the text's length
/// (a 1 MB line costs what its first 80 characters do).
pub fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    // Where to cut so that "…" still fits, and whether anything had to be.
    let mut cut_at = 0;
    for c in text.chars().map(visible) {
        let w = textwrap::core::display_width(c.encode_utf8(&mut [0; 4]));
        if used + w > width {
            out.truncate(cut_at);
            if width > 0 {
                out.push('…');
            }
            return out;
        }
        out.push(c);
        used += w;
        if used < width {
            cut_at = out.len();
        }
    }
    out
}

/// Like [`clean`] but keeps line breaks (CR LF and CR become LF), for notes.
pub fn clean_multiline(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(|line| clean(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text a command prints (tables, CSV, Markdown) made safe for a terminal: line breaks
/// (LF, CR LF) and tabs are kept; every other control character, escape sequence and
/// bidirectional override is made visible, as [`clean`] does. Applied where a command's output
/// leaves, so that even a database written by an older version cannot reach the terminal raw.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    let mut chars = text.chars().peekable();
    let mut out = String::new();
    let mut changed = false;
    while let Some(c) = chars.next() {
        let keep = matches!(c, '\n' | '\t') || (c == '\r' && chars.peek() == Some(&'\n'));
        if keep || is_plain(c) {
            out.push(c);
        } else {
            out.push(visible(c));
            changed = true;
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// JSON a command prints made safe for a terminal without changing what it says: the
/// characters JSON may leave raw that a terminal acts on (DEL, C1 controls such as U+009B,
/// bidirectional overrides such as U+202E) are written as `\uXXXX` escapes, which decode to
/// the same text. (They can only be inside strings; C0 controls are escaped by serde_json.)
pub fn json_for_terminal(json: &str) -> Cow<'_, str> {
    if json
        .chars()
        .all(|c| matches!(c, '\n' | '\t' | '\r') || is_plain(c))
    {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if matches!(c, '\n' | '\t' | '\r') || is_plain(c) {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    Cow::Owned(out)
}

/// The first character [`clean`] would change: a control character or a bidirectional
/// override. With `multiline`, newlines and tabs are text (as in notes); nothing else is.
/// For text that should be refused rather than cleaned (an import).
pub fn unsafe_char(text: &str, multiline: bool) -> Option<char> {
    text.chars()
        .find(|&c| !(is_plain(c) || multiline && matches!(c, '\n' | '\t')))
}

/// Values as eight-level bars ("▁▃▅█"), lowest to highest; all alike sit in the middle.
/// A spread smaller than a tenth of the values' size stays near the middle, so 99.85% next
/// to 99.89% does not read as a fall from full to empty.
pub fn bars(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let (low, high) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    let span = (high - low).max(0.1 * high.abs().max(low.abs()));
    let centre = (high + low) / 2.0;
    values
        .iter()
        .map(|v| {
            if !v.is_finite() {
                return ' ';
            }
            let at = if span > 0.0 {
                (3.5 + (v - centre) / span * 7.0).round().clamp(0.0, 7.0) as usize
            } else {
                3
            };
            BARS[at]
        })
        .collect()
}
