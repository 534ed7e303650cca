//! The team roster: who owns action items and attends meetings, with handles, addresses and
//! how many open items each owns.

use super::theme;
use crate::actions::Status;
use crate::model::Model;
use crate::model::roster::RosterView;
use crate::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn render(model: &Model, view: &RosterView, frame: &mut Frame, area: Rect) {
    let selected = view.selected.min(model.people.len().saturating_sub(1));
    let room = usize::from(area.width.saturating_sub(30));
    let mut lines: Vec<Line> = model
        .people
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let open = model
                .actions
                .iter()
                .filter(|i| i.owner == *name && i.status == Status::Open)
                .count();
            let handle = model
                .handles
                .get(name)
                .map(|h| format!(" @{}", clean(h)))
                .unwrap_or_default();
            let email = model
                .emails
                .get(name)
                .map(|e| format!("  <{}>", clean(e)))
                .unwrap_or_default();
            let style = if index == selected {
                theme::selected()
            } else {
                Style::new()
            };
            Line::from(vec![
                Span::styled(format!(" {}{handle}", fit(name, room)), style),
                Span::styled(format!("  {open} open"), theme::dim()),
                Span::styled(email, theme::dim()),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            " Nobody yet: a adds someone (\"Ana Lima @ana <ana@example.com>\"), or name an owner in an action item.",
            theme::dim(),
        ));
    }
    let block = Block::bordered()
        .title(Span::styled(
            format!(" Team roster · {} ", model.people.len()),
            theme::title(),
        ))
        .title_bottom(Span::styled(
            " a add · e edit · x remove · Esc back ",
            theme::dim(),
        ))
        .border_style(theme::border());
    frame.render_widget(Paragraph::new(lines).block(block), area);
    if let Some(input) = &view.input {
        let title = if input.renaming.is_some() {
            "Name @handle <email>"
        } else {
            "Add someone"
        };
        let inner = super::popup::bottom_box(frame, area, 3, title, None);
        frame.render_widget(&input.field, inner);
    }
}
