//! Past meetings, newest first, and one meeting's report in full.

use super::theme;
use crate::model::Model;
use crate::model::history::HistoryView;
use crate::text::clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

pub fn render(view: &HistoryView, frame: &mut Frame, area: Rect) {
    let block = Block::bordered()
        .title(Span::styled(
            format!(" Past meetings · {} ", view.meetings.len()),
            theme::title(),
        ))
        .title_bottom(Span::styled(" Enter opens its report ", theme::dim()))
        .border_style(theme::border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if view.meetings.is_empty() {
        let (text, style) = match (&view.error, view.loading) {
            (Some(error), _) => (clean(error).into_owned(), theme::bad()),
            (None, true) => ("Reading the meetings…".into(), theme::dim()),
            (None, false) => (
                "No meetings yet: s on the home screen starts one.".into(),
                theme::dim(),
            ),
        };
        let text =
            Paragraph::new(Span::styled(text, style)).wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(text, inner);
        return;
    }
    let rows = view.meetings.iter().map(|m| {
        let state = match m.ended_at {
            Some(end) => format!("{}–{}", m.started_at.format("%H:%M"), end.format("%H:%M")),
            None => "not ended".to_string(),
        };
        Row::new([
            Cell::from(Line::from(m.id.to_string()).right_aligned()),
            Cell::from(m.held_on.format("%a %-d %b %Y").to_string()),
            Cell::from(clean(&m.cycle_name).into_owned()),
            Cell::from(state),
        ])
    });
    let header = Row::new(["#", "Held", "Review", "Time"]).style(theme::heading());
    let table = Table::new(
        rows,
        [
            Constraint::Length(5),
            Constraint::Length(16),
            Constraint::Fill(1),
            Constraint::Length(12),
        ],
    )
    .header(header)
    .column_spacing(2)
    .row_highlight_style(theme::selected())
    .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(view.selected));
    frame.render_stateful_widget(table, inner, &mut state);
}

/// The report on screen, or a word while it is gathered.
pub fn render_report(model: &Model, frame: &mut Frame, area: Rect) {
    match &model.report {
        Some(report) => super::summary::render_report(report, model.demo, frame, area),
        None => frame.render_widget(
            Paragraph::new(Span::styled("Gathering the report…", theme::dim()))
                .block(Block::bordered().border_style(theme::border())),
            area,
        ),
    }
}
