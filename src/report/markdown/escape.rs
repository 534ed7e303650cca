//! Text people typed, made literal in Markdown: escaped in running text and table cells,
//! list markers at the start of note lines, and queries as inline code.

use crate::text::clean;

/// Text from people in running text: control characters visible, Markdown taken literally.
pub fn inline(text: &str) -> String {
    let mut out = String::new();
    for c in clean(text).replace(['\n', '\r'], " ").chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text in a table cell (where `|` would end the cell; `inline` escapes it).
pub(super) fn cell(text: &str) -> String {
    inline(text)
}

/// A line of notes: escaped, its indentation dropped (it would make a code block or a nested
/// list), and a list or heading marker at its start taken literally ("1. " stays "1. ").
pub(super) fn block_line(line: &str) -> String {
    let escaped = inline(line.trim_start());
    if escaped.starts_with(['-', '+', '=']) {
        return format!("\\{escaped}");
    }
    // "1. first" or "3) x" would start a numbered list: escape the mark, not the number.
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    let rest = &escaped[digits..];
    let marks_a_list = digits > 0
        && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")");
    if marks_a_list {
        format!("{}\\{}", &escaped[..digits], rest)
    } else {
        escaped
    }
}

/// A query as inline code, fenced with more backticks than it contains.
pub(super) fn code(text: &str) -> String {
    let text = clean(text).replace(['\n', '\r'], " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}
