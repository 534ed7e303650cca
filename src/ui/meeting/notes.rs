//! The section's notes under the meeting screen: typed into, or read.

use crate::model::{Focus, Model};
use crate::text::clean;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub(super) fn render_notes(model: &Model, frame: &mut Frame, area: Rect) {
    let typing = matches!(model.focus, Focus::Notes);
    let hint = match (model.read_only(), typing, model.demo) {
        (true, ..) => " Notes (read-only) ",
        (false, true, false) => " Notes · Esc when done · saved as you type ",
        (false, true, true) => " Notes · Esc when done · demo: not saved ",
        (false, false, _) => " Notes · Tab to type ",
    };
    let block = Block::bordered()
        .title(Span::styled(hint, theme::title()))
        .border_style(if typing {
            theme::key()
        } else {
            theme::border()
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if typing {
        frame.render_widget(&model.notes.area, inner);
    } else {
        frame.render_widget(Paragraph::new(newest_lines(model, inner)), inner);
    }
}

/// The notes as they fit, the newest at the bottom: what was typed last is what the room
/// needs to see. Older lines that do not fit are counted on the first line.
fn newest_lines(model: &Model, inner: Rect) -> Vec<Line<'static>> {
    let wrapped: Vec<String> = model
        .notes
        .area
        .lines()
        .iter()
        .flat_map(|line| {
            if line.is_empty() {
                vec![String::new()]
            } else {
                crate::text::wrap(&clean(line), inner.width, "", "")
            }
        })
        .collect();
    let room = usize::from(inner.height);
    if wrapped.len() <= room {
        return wrapped.into_iter().map(Line::from).collect();
    }
    let shown = room.saturating_sub(1);
    let hidden = wrapped.len() - shown;
    let mut lines = vec![Line::styled(
        format!("↑ {hidden} earlier line(s) · Tab to read them all"),
        theme::dim(),
    )];
    lines.extend(wrapped.into_iter().skip(hidden).map(Line::from));
    lines
}
