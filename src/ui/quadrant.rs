//! The impact/effort quadrant: quick wins and strategic on top (high impact), nice-to-haves
//! and avoid below; low effort on the left. Each opportunity shows its scores; the selected
//! one is highlighted and moves with the arrows.

use super::theme;
use crate::model::Model;
use crate::model::quadrant::{LAYOUT, QuadrantView, Typing};
use crate::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// The four cells of the grid in `LAYOUT` order.
fn cells(area: Rect) -> Vec<Rect> {
    let [top, bottom] = Layout::vertical([Constraint::Fill(1); 2]).areas(area);
    [top, bottom]
        .iter()
        .flat_map(|row| {
            Layout::horizontal([Constraint::Fill(1); 2])
                .split(*row)
                .to_vec()
        })
        .collect()
}

/// In a section that prioritizes: what each quadrant holds, best first, with what this meeting
/// raised marked; `o` opens the full quadrant. With panels beside it, one line of counts.
pub fn render_in_meeting(model: &Model, meeting: Option<i64>, frame: &mut Frame, area: Rect) {
    let view = QuadrantView::default();
    let raised =
        |o: &&crate::opportunities::Opportunity| meeting.is_some() && o.meeting_id == meeting;
    let raised_here = model
        .opportunities
        .iter()
        .filter(|o| o.status != crate::opportunities::Status::Dropped)
        .filter(raised)
        .count();
    let block = Block::bordered()
        .title(Span::styled(" Opportunities ", theme::title()))
        .title(Span::styled(
            format!(" + {raised_here} raised in this meeting "),
            theme::dim(),
        ))
        .title_bottom(Line::from(vec![
            Span::styled(" o", theme::key()),
            Span::styled(" opens the quadrant ", theme::dim()),
        ]))
        .border_style(theme::border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 4 {
        let counts: Vec<String> = LAYOUT
            .iter()
            .map(|q| format!("{} {}", q.label(), model.in_quadrant(&view, *q).len()))
            .collect();
        frame.render_widget(Paragraph::new(counts.join(" · ")), inner);
        return;
    }
    for (quadrant, cell) in LAYOUT.iter().zip(cells(inner)) {
        let items = model.in_quadrant(&view, *quadrant);
        let room = usize::from(cell.width.saturating_sub(3));
        let mut lines = vec![Line::styled(
            format!("{} · {}", quadrant.label(), items.len()),
            theme::heading(),
        )];
        lines.extend(items.iter().map(|o| {
            let title = fit(&o.title, room);
            if raised(o) {
                Line::from(vec![Span::styled("+ ", theme::good()), Span::raw(title)])
            } else {
                Line::from(format!("  {title}"))
            }
        }));
        frame.render_widget(Paragraph::new(lines), cell);
    }
}

pub fn render(model: &Model, view: &QuadrantView, frame: &mut Frame, area: Rect) {
    let [grid, footer] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let cells = cells(grid);
    for (index, (quadrant, cell)) in LAYOUT.iter().zip(cells).enumerate() {
        let items = model.in_quadrant(view, *quadrant);
        let focused = index == view.focus;
        let selected = if focused {
            model.selected_in(view)
        } else {
            None
        };
        // A narrow cell gives each item two lines, so the title is not cut to a word: the
        // stage (what `/` filters on besides the title) and the scores go under it.
        let per_item = if cell.width < 80 { 2 } else { 1 };
        let position = selected
            .and_then(|id| items.iter().position(|o| o.id == id))
            .unwrap_or(0);
        let visible = (usize::from(cell.height.saturating_sub(2)) / per_item).max(1);
        // Only the items in view are drawn: a frame costs what fits, not the whole backlog.
        let first = position.saturating_sub(visible - 1);
        let lines: Vec<Line> = items
            .iter()
            .skip(first)
            .take(visible + 1)
            .flat_map(|o| item_lines(o, Some(o.id) == selected, cell.width, per_item))
            .collect();
        let lines = if lines.is_empty() && focused && model.opportunities.is_empty() {
            vec![Line::styled(" a adds an opportunity", theme::dim())]
        } else {
            lines
        };
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
        // More than fits: where the selection is in the list.
        let block = if items.len() > visible && focused {
            block.title_bottom(
                Line::styled(
                    format!(" {} of {} ", position + 1, items.len()),
                    theme::dim(),
                )
                .right_aligned(),
            )
        } else {
            block
        };
        frame.render_widget(Paragraph::new(lines).block(block), cell);
    }
    let status = if !view.filter.is_empty() {
        format!("filter: {} (/ changes it)", clean(&view.filter))
    } else if model.running_meeting().is_some() {
        "impact ↑, effort → (3 and up are high) · Enter opens · Esc back to the meeting".to_string()
    } else {
        "impact ↑, effort → (3 and up count as high) · Enter opens the selected one".to_string()
    };
    frame.render_widget(Paragraph::new(Span::styled(status, theme::dim())), footer);
    if let Some((typing, input)) = &view.input {
        let title = match typing {
            Typing::Title => "New opportunity: its title".to_string(),
            Typing::Scores(title) => {
                format!("\"{title}\": impact then effort, 1-5 each (42), Enter for 3 and 3")
            }
            Typing::Filter => "Filter by text, category or status".to_string(),
            Typing::DropReason(id) => format!(
                "Drop \"{}\"? Say why",
                model.opportunity(*id).map_or("it", |o| o.title.as_str())
            ),
        };
        let title = fit(&title, usize::from(area.width.saturating_sub(8)));
        let inner = super::popup::bottom_box(frame, area, 3, &title, None);
        frame.render_widget(input, inner);
    }
}

/// One opportunity in a quadrant cell: its title, stage and scores on one line, or on two.
fn item_lines(
    o: &crate::opportunities::Opportunity,
    selected: bool,
    width: u16,
    per_item: usize,
) -> Vec<Line<'static>> {
    let marker = if selected { "▶" } else { " " };
    let style = if selected {
        theme::selected()
    } else {
        ratatui::style::Style::new()
    };
    let facts = format!("{} · i{} e{}", o.status.label(), o.impact, o.effort);
    let width = usize::from(width.saturating_sub(4));
    if per_item == 2 {
        return vec![
            Line::styled(
                format!("{marker} {}", fit(&o.title, width.saturating_sub(2))),
                style,
            ),
            Line::styled(
                format!("  {facts}"),
                if selected { style } else { theme::dim() },
            ),
        ];
    }
    let room = width.saturating_sub(facts.chars().count() + 4).max(10);
    vec![Line::styled(
        format!("{marker} {}  {facts}", fit(&o.title, room)),
        style,
    )]
}
