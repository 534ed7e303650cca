//! A table panel: the latest value of each series, coloured by the goal.

use super::{PanelView, series_names, status_style};
use crate::metrics::units::format;
use crate::text::clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Row, Table};

pub(super) fn render_table(view: &PanelView, frame: &mut Frame, area: Rect) {
    let Some(data) = &view.state.values else {
        return;
    };
    let values: Vec<String> = data
        .series
        .iter()
        .map(|s| format(s.last().unwrap_or(f64::NAN), view.panel.unit))
        .collect();
    let value_width = values.iter().map(|v| v.chars().count()).max().unwrap_or(1) as u16;
    let names = series_names(view, data);
    let rows = data
        .series
        .iter()
        .zip(names)
        .zip(values)
        .map(|((series, name), text)| {
            let value = series.last().unwrap_or(f64::NAN);
            let status = view.panel.goal.and_then(|goal| goal.status(value));
            Row::new([
                Line::from(clean(&name).into_owned()),
                Line::styled(text, status_style(status)).right_aligned(),
            ])
        });
    // Labels get whatever the values leave.
    let widths = [Constraint::Fill(1), Constraint::Length(value_width)];
    frame.render_widget(Table::new(rows, widths), area);
}
