//! The `?` overlay: every key of the screen underneath and the global ones, generated from
//! the keymap in use, each with the command's name that `[keys]` in the config rebinds.

use super::theme;
use crate::command::Mode;
use crate::keymap::KeyHelp;
use crate::keymap::Keymap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Keys take this many columns; the words wrap beside them.
const KEYS_WIDTH: usize = 18;

/// The help as wide as it needs up to the terminal's width, its words wrapped beside the
/// keys, and scrolled by `scroll` lines when it is taller than the terminal (kept in range).
pub fn render(keymap: &Keymap, screen_mode: Mode, scroll: u16, frame: &mut Frame, area: Rect) {
    let width = popup_width(keymap, screen_mode, area.width);
    let lines = help_lines(keymap, screen_mode, width);
    let total = lines.len() as u16;
    let height = (total + 2).min(area.height);
    let inner = height.saturating_sub(2);
    let scroll = scroll.min(total.saturating_sub(inner));
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(popup);
    let more = if total > inner {
        format!(
            " ↑↓ scroll ({}–{} of {total}) · Esc or ? closes ",
            scroll + 1,
            (scroll + inner).min(total)
        )
    } else {
        " Esc or ? closes ".to_string()
    };
    let block = Block::bordered()
        .title(Span::styled(" Keys ", theme::title()))
        .title_bottom(Span::styled(more, theme::dim()))
        .border_style(theme::key());
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)).block(block),
        popup,
    );
}

/// How far the help can scroll on a terminal of `columns` x `rows`.
pub fn most_scroll(keymap: &Keymap, screen_mode: Mode, (columns, rows): (u16, u16)) -> u16 {
    let width = popup_width(keymap, screen_mode, columns);
    let total = help_lines(keymap, screen_mode, width).len() as u16;
    total.saturating_sub(rows.saturating_sub(2))
}

/// Below this width the command names are left out: the keys and words come first.
const NAMES_FROM: u16 = 60;

/// The rows shown over `screen_mode`: its own, the meeting's it sits in, the global ones.
fn sections(keymap: &Keymap, screen_mode: Mode) -> Vec<(Mode, Vec<KeyHelp>)> {
    [Some(screen_mode), screen_mode.parent(), Some(Mode::Global)]
        .into_iter()
        .flatten()
        .map(|mode| (mode, keymap.help_rows(mode, false)))
        .collect()
}

/// As wide as the longest line needs, within the terminal (and never wider than 100).
fn popup_width(keymap: &Keymap, screen_mode: Mode, columns: u16) -> u16 {
    let rows: Vec<KeyHelp> = sections(keymap, screen_mode)
        .into_iter()
        .flat_map(|(_, rows)| rows)
        .collect();
    let longest = rows
        .iter()
        .map(|r| r.help.chars().count())
        .max()
        .unwrap_or(0);
    let needed = (KEYS_WIDTH + longest + names_width(&rows) + 2) as u16;
    needed.clamp(40, 100).min(columns)
}

/// The column of command names: the longest and a gap.
fn names_width(rows: &[KeyHelp]) -> usize {
    rows.iter()
        .map(|r| r.command.name().chars().count() + 2)
        .max()
        .unwrap_or(0)
}

/// The help's lines for a popup `width` columns wide.
fn help_lines(keymap: &Keymap, screen_mode: Mode, width: u16) -> Vec<Line<'static>> {
    let sections = sections(keymap, screen_mode);
    let all: Vec<KeyHelp> = sections.iter().flat_map(|(_, r)| r.clone()).collect();
    let names = if width >= NAMES_FROM {
        names_width(&all)
    } else {
        0
    };
    let text_width = usize::from(width.saturating_sub(2))
        .saturating_sub(KEYS_WIDTH + names)
        .max(10);
    let mut lines = Vec::new();
    if names > 0 {
        lines.push(Line::from(Span::styled(
            "Rebind in the config file's [keys] by the names on the right",
            theme::dim(),
        )));
        lines.push(Line::default());
    }
    for (mode, rows) in sections {
        lines.push(Line::from(Span::styled(mode.title(), theme::heading())));
        for row in rows {
            let words = crate::text::wrap(row.help, text_width as u16, "", "");
            for (index, part) in words.into_iter().enumerate() {
                let first = index == 0;
                let keys = if first { row.keys.as_str() } else { "" };
                let mut spans = vec![
                    Span::styled(format!("  {keys:<w$}", w = KEYS_WIDTH - 2), theme::key()),
                    Span::raw(format!("{part:<text_width$}")),
                ];
                if first && names > 0 {
                    spans.push(Span::styled(
                        format!("  {}", row.command.name()),
                        theme::dim(),
                    ));
                }
                lines.push(Line::from(spans));
            }
        }
        lines.push(Line::default());
    }
    lines.pop();
    lines
}
