//! The improvement checklist over the section: the cycle's items under their categories,
//! ticked or not, the selected one marked.

use super::theme;
use crate::meeting::Meeting;
use crate::model::Model;
use crate::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn render(model: &Model, meeting: &Meeting, selected: usize, frame: &mut Frame, area: Rect) {
    let rows = model.checklist_rows();
    let labels: Vec<(String, String)> = model
        .cycles
        .iter()
        .find(|c| c.key == meeting.cycle_key)
        .map(|c| {
            c.categories
                .iter()
                .map(|g| (g.key.clone(), g.label()))
                .collect()
        })
        .unwrap_or_default();
    let room = usize::from(area.width.saturating_sub(8));
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut category: Option<&str> = None;
    for (index, row) in rows.iter().enumerate() {
        if category != Some(row.category.as_str()) {
            category = Some(row.category.as_str());
            let label = labels
                .iter()
                .find(|(key, _)| *key == row.category)
                .map_or(row.category.clone(), |(_, label)| label.clone());
            lines.push(Line::styled(clean(&label).into_owned(), theme::heading()));
        }
        let ticked = meeting
            .ticked
            .contains(&(row.category.clone(), row.item.clone()));
        let mark = if ticked { "☑" } else { "☐" };
        let pointer = if index == selected { "▶" } else { " " };
        let style = if index == selected {
            theme::selected()
        } else {
            ratatui::style::Style::new()
        };
        if index == selected {
            selected_line = lines.len();
        }
        lines.push(Line::styled(
            format!("{pointer} {mark} {}", fit(&row.item, room)),
            style,
        ));
    }
    let title = format!(
        " Improvement checklist · {} of {} checked ",
        model.checklist_ticked(),
        rows.len()
    );
    let block = Block::bordered()
        .title(Span::styled(title, theme::title()))
        .border_style(theme::key());
    // Keep the selected item in view on a short screen.
    let visible = usize::from(area.height.saturating_sub(2)).max(1);
    let scroll = selected_line.saturating_sub(visible.saturating_sub(1)) as u16;
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
