//! The `?` overlay: every key of the screen underneath and the global ones, generated from
//! the keymap table.

use super::theme;
use crate::command::Mode;
use crate::keymap::help_rows;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn render(screen_mode: Mode, frame: &mut Frame, area: Rect) {
    let mut lines = Vec::new();
    let modes = [Some(screen_mode), screen_mode.parent(), Some(Mode::Global)];
    for mode in modes.into_iter().flatten() {
        lines.push(Line::from(Span::styled(mode.title(), theme::heading())));
        for row in help_rows(mode, false) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<16}", row.keys), theme::key()),
                Span::raw(row.help),
            ]));
        }
        lines.push(Line::default());
    }
    lines.pop();
    let height = (lines.len() as u16 + 2).min(area.height);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(60.min(area.width))])
        .flex(Flex::Center)
        .areas(popup);
    let block = Block::bordered()
        .title(Span::styled(" Keys ", theme::title()))
        .title_bottom(Span::styled(" Esc or ? closes ", theme::dim()))
        .border_style(theme::key());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
