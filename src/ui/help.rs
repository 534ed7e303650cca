//! The `?` overlay: every key of the screen underneath and the global ones, generated from
//! the keymap table.

use super::theme;
use crate::command::Mode;
use crate::keymap::help_rows;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Keys take this many columns; the words wrap beside them.
const KEYS_WIDTH: usize = 18;

/// The help as wide as it needs up to the terminal's width, its words wrapped beside the
/// keys, and scrolled by `scroll` lines when it is taller than the terminal (kept in range).
pub fn render(screen_mode: Mode, scroll: u16, frame: &mut Frame, area: Rect) {
    let width = popup_width(screen_mode, area.width);
    let lines = help_lines(screen_mode, width);
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
pub fn most_scroll(screen_mode: Mode, (columns, rows): (u16, u16)) -> u16 {
    let total = help_lines(screen_mode, popup_width(screen_mode, columns)).len() as u16;
    total.saturating_sub(rows.saturating_sub(2))
}

/// As wide as the longest line needs, within the terminal (and never wider than 100).
fn popup_width(screen_mode: Mode, columns: u16) -> u16 {
    let modes = [Some(screen_mode), screen_mode.parent(), Some(Mode::Global)];
    let longest = modes
        .into_iter()
        .flatten()
        .flat_map(|mode| help_rows(mode, false))
        .map(|row| row.help.chars().count())
        .max()
        .unwrap_or(0);
    let needed = (KEYS_WIDTH + longest + 2) as u16;
    needed.clamp(40, 100).min(columns)
}

/// The help's lines for a popup `width` columns wide.
fn help_lines(screen_mode: Mode, width: u16) -> Vec<Line<'static>> {
    let text_width = width.saturating_sub(KEYS_WIDTH as u16 + 2).max(10);
    let mut lines = Vec::new();
    let modes = [Some(screen_mode), screen_mode.parent(), Some(Mode::Global)];
    for mode in modes.into_iter().flatten() {
        lines.push(Line::from(Span::styled(mode.title(), theme::heading())));
        for row in help_rows(mode, false) {
            let words = crate::text::wrap(row.help, text_width, "", "");
            for (index, part) in words.into_iter().enumerate() {
                let keys = if index == 0 { row.keys.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<w$}", w = KEYS_WIDTH - 2), theme::key()),
                    Span::raw(part),
                ]));
            }
        }
        lines.push(Line::default());
    }
    lines.pop();
    lines
}
