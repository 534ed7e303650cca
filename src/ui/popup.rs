//! A box over the bottom of an area (forms and one-line questions), so what is behind it, the
//! clock above all, stays in view.

use super::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Draws a cleared, titled box `height` rows tall at the bottom of `area`; returns its inside.
pub fn bottom_box(
    frame: &mut Frame,
    area: Rect,
    height: u16,
    title: &str,
    hint: Option<&str>,
) -> Rect {
    let height = height.min(area.height);
    let popup = Rect {
        y: area.bottom().saturating_sub(height),
        height,
        ..area
    };
    let mut block = Block::bordered()
        .title(Span::styled(format!(" {title} "), theme::title()))
        .border_style(theme::key());
    if let Some(hint) = hint {
        block = block.title_bottom(Span::styled(format!(" {hint} "), theme::dim()));
    }
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    inner
}

/// Why a value was refused, in red, up to two wrapped lines.
pub fn problem(frame: &mut Frame, text: &str, area: Rect) {
    let lines: Vec<Line> = crate::text::wrap(text, area.width, "", "")
        .into_iter()
        .take(2)
        .map(|line| Line::styled(line, theme::bad()))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// A one-line field being edited at the bottom of `area`, with why it was refused right under
/// what was typed.
pub fn field_editor(
    frame: &mut Frame,
    area: Rect,
    label: &str,
    input: &ratatui_textarea::TextArea<'static>,
    refused: Option<&str>,
) {
    let inner = bottom_box(frame, area, 5, label, Some("Enter save · Esc cancel"));
    let [field, below] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(input, field);
    if let Some(text) = refused {
        problem(frame, text, below);
    }
}
