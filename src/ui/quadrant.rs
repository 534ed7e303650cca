//! The impact/effort quadrant: quick wins and strategic on top (high impact), nice-to-haves
//! and avoid below; low effort on the left. Each opportunity shows its scores; the selected
//! one is highlighted and moves with the arrows.

use super::text::{clean, fit};
use super::theme;
use crate::model::Model;
use crate::model::quadrant::{LAYOUT, QuadrantView, Typing};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn render(model: &Model, view: &QuadrantView, frame: &mut Frame, area: Rect) {
    let [grid, footer] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let [top, bottom] = Layout::vertical([Constraint::Fill(1); 2]).areas(grid);
    let cells = [top, bottom]
        .iter()
        .flat_map(|row| {
            Layout::horizontal([Constraint::Fill(1); 2])
                .split(*row)
                .to_vec()
        })
        .collect::<Vec<_>>();
    for (index, (quadrant, cell)) in LAYOUT.iter().zip(cells).enumerate() {
        let items = model.in_quadrant(view, *quadrant);
        let focused = index == view.focus;
        let selected = if focused {
            view.selected
                .filter(|id| items.iter().any(|o| o.id == *id))
                .or(items.first().map(|o| o.id))
        } else {
            None
        };
        let room = usize::from(cell.width.saturating_sub(12));
        let lines: Vec<Line> = items
            .iter()
            .map(|o| {
                let text = format!(
                    "{} {}  i{} e{}",
                    if Some(o.id) == selected { "▶" } else { " " },
                    fit(&o.title, room),
                    o.impact,
                    o.effort
                );
                if Some(o.id) == selected {
                    Line::styled(text, theme::selected())
                } else {
                    Line::from(text)
                }
            })
            .collect();
        let lines = if lines.is_empty() && focused && model.opportunities.is_empty() {
            vec![Line::styled(" a adds an opportunity", theme::dim())]
        } else {
            lines
        };
        let position = selected
            .and_then(|id| items.iter().position(|o| o.id == id))
            .unwrap_or(0);
        let visible = usize::from(cell.height.saturating_sub(2)).max(1);
        let scroll = position.saturating_sub(visible - 1) as u16;
        let title = format!(" {} {} · {} ", index + 1, quadrant.label(), items.len());
        let block = Block::bordered()
            .title(Span::styled(
                title,
                if focused {
                    theme::key()
                } else {
                    theme::title()
                },
            ))
            .border_style(if focused {
                theme::key()
            } else {
                theme::border()
            });
        frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), cell);
    }
    let status = if view.filter.is_empty() {
        "impact ↑, effort → (3 and up count as high) · Enter opens the selected one".to_string()
    } else {
        format!("filter: {} (/ changes it)", clean(&view.filter))
    };
    frame.render_widget(Paragraph::new(Span::styled(status, theme::dim())), footer);
    if let Some((typing, input)) = &view.input {
        let title = match typing {
            Typing::Title => "New opportunity: its title",
            Typing::Filter => "Filter by text, category or status",
        };
        let inner = super::popup::bottom_box(frame, area, 3, title, None);
        frame.render_widget(input, inner);
    }
}
