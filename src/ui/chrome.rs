//! The frame around every screen: the title bar with today's date and the footer of key
//! hints generated from the keymap.

use super::theme;
use crate::command::Mode;
use crate::keymap::footer_hints;
use crate::model::Model;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn header(model: &Model, frame: &mut Frame, area: Rect) {
    let left = Line::from(vec![
        Span::styled(" kaizen ", theme::title()),
        Span::styled("continuous-improvement reviews", theme::dim()),
    ]);
    let date = format!("  {} ", model.today.format("%a %-d %b %Y"));
    let room = usize::from(area.width).saturating_sub(left.width() + date.chars().count() + 2);
    let right = Line::from(vec![
        Span::styled(
            keep_tail(&super::text::clean(&model.store_label), room),
            theme::dim(),
        ),
        Span::raw(date),
    ])
    .alignment(Alignment::Right);
    let [left_area, right_area] = Layout::horizontal([
        Constraint::Length(left.width() as u16 + 2),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(left), left_area);
    frame.render_widget(Paragraph::new(right), right_area);
}

pub fn footer(mode: Mode, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::raw(" ")];
    for hint in footer_hints(mode) {
        spans.push(Span::styled(hint.keys, theme::key()));
        spans.push(Span::raw(format!(" {}  ", hint.help)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The end of `text` in at most `room` columns: a long path keeps its file name.
fn keep_tail(text: &str, room: usize) -> String {
    let count = text.chars().count();
    if count <= room {
        return text.to_string();
    }
    let tail: String = text.chars().skip(count + 1 - room.max(1)).collect();
    format!("…{tail}")
}
