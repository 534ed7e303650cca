//! The action item form, over the bottom of the meeting screen.

use crate::model::action_form::{ActionForm, FIELDS};
use crate::text::{clean, fit};
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

/// The action item form over the bottom of the section, the clock still in view above it.
pub fn render_action_form(form: &ActionForm, frame: &mut Frame, main: Rect) {
    let title = if form.editing.is_some() {
        "Edit action item"
    } else {
        "New action item"
    };
    let inner = crate::ui::popup::bottom_box(
        frame,
        main,
        7,
        title,
        Some("Tab next field · Enter save · Esc put away"),
    );
    let rows = Layout::vertical([Constraint::Length(1); 5]).split(inner);
    for (index, label) in FIELDS.iter().enumerate() {
        let Some(row) = rows.get(index) else {
            continue;
        };
        let [label_area, field_area] =
            Layout::horizontal([Constraint::Length(6), Constraint::Fill(1)]).areas(*row);
        let style = if index == form.field {
            theme::key()
        } else {
            theme::dim()
        };
        frame.render_widget(Paragraph::new(Span::styled(*label, style)), label_area);
        if index == form.field {
            frame.render_widget(&form.fields[index], field_area);
        } else {
            frame.render_widget(
                Paragraph::new(clean(&form.text(index)).into_owned()),
                field_area,
            );
        }
    }
    if let (Some(problem), Some(row)) = (&form.problem, rows.get(3)) {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(problem, usize::from(row.width)),
                theme::bad(),
            )),
            *row,
        );
    }
}
