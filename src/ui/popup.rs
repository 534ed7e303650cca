//! A box over the bottom of an area (forms and one-line questions), so what is behind it, the
//! clock above all, stays in view.

use super::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear};

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
