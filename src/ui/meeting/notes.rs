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
        let lines: Vec<Line> = model
            .notes
            .area
            .lines()
            .iter()
            .map(|line| Line::from(clean(line).into_owned()))
            .collect();
        frame.render_widget(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
            inner,
        );
    }
}
