//! One opportunity in full: its quadrant and stage, every field of the five stages (the
//! selected one editable in place), and the history of its stage changes.

use super::theme;
use crate::model::Model;
use crate::model::opportunity_detail::DetailView;
use crate::opportunities::fields::FIELDS;
use crate::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn render(model: &Model, view: &DetailView, frame: &mut Frame, area: Rect) {
    let Some(item) = model.opportunity(view.id) else {
        return;
    };
    let title = format!(
        " {} {} · {} · {} ",
        crate::change::shown_id(item.id),
        fit(&item.title, usize::from(area.width.saturating_sub(40))),
        item.quadrant().label(),
        item.status.label()
    );
    let block = Block::bordered()
        .title(Span::styled(title, theme::title()))
        .title_bottom(Span::styled(
            " Enter edit · > next stage · t action item · m measure · Esc back ",
            theme::dim(),
        ))
        .border_style(theme::border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let history_width = if inner.width >= 100 { 34 } else { 0 };
    let [fields_area, history_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(history_width)]).areas(inner);
    let [fields_area, problem_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(fields_area);

    let value_room = usize::from(fields_area.width.saturating_sub(32));
    let mut lines = Vec::new();
    let mut stage = "";
    let mut selected_line = 0;
    let mut selected_end = 0;
    for (index, (heading, field)) in FIELDS.iter().enumerate() {
        if *heading != stage {
            stage = heading;
            lines.push(Line::styled(heading.to_string(), theme::heading()));
        }
        let selected = index == view.selected;
        if selected {
            selected_line = lines.len();
            selected_end = lines.len() + 1;
        }
        let value = field.shown(item);
        let label = Span::styled(format!("  {:<29}", field.label()), theme::dim());
        if value.is_empty() {
            let style = if selected {
                theme::selected()
            } else {
                Style::new()
            };
            lines.push(Line::from(vec![label, Span::styled("—", style)]));
        } else if selected {
            // The selected field shows all of itself, wrapped under its label.
            // Up to six lines; a longer value ends in "…" (Enter shows all of it to edit).
            let mut wrapped = crate::text::wrap(&value, value_room as u16, "", "");
            if wrapped.len() > 6 {
                wrapped.truncate(6);
                wrapped[5] = fit(&format!("{} …", wrapped[5]), value_room);
            }
            for (at, piece) in wrapped.into_iter().enumerate() {
                selected_end = lines.len() + 1;
                let label = if at == 0 {
                    label.clone()
                } else {
                    Span::raw(" ".repeat(31))
                };
                lines.push(Line::from(vec![
                    label,
                    Span::styled(piece, theme::selected()),
                ]));
            }
        } else {
            lines.push(Line::from(vec![label, Span::raw(fit(&value, value_room))]));
        }
    }
    if history_width == 0 {
        // Narrow: the history and action items follow the fields.
        lines.push(Line::raw(""));
        lines.extend(history_and_actions(
            model,
            view,
            item.id,
            usize::from(fields_area.width),
        ));
    }
    let visible = usize::from(fields_area.height).max(1);
    // The whole selected field in sight, with a line of what follows when there is room.
    // At the last field, everything after it (history, action items) comes into view.
    let end = if view.selected + 1 == FIELDS.len() {
        lines.len()
    } else {
        selected_end + 1
    };
    let scroll = end.saturating_sub(visible).min(selected_line) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), fields_area);

    if let Some(problem) = &view.problem {
        super::popup::problem(frame, problem, problem_area);
    }
    if history_width > 0 {
        let side = history_and_actions(model, view, item.id, usize::from(history_width));
        frame.render_widget(Paragraph::new(side), history_area);
    }
    if let Some(input) = &view.input {
        let label = FIELDS[view.selected].1.label();
        super::popup::field_editor(frame, area, label, input, view.problem.as_deref());
    }
}

/// The stage changes with their dates, then the action items that carry it out.
fn history_and_actions(
    model: &Model,
    view: &DetailView,
    id: i64,
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("Stage history", theme::heading())];
    lines.extend(view.history.iter().map(|(at, status, note)| {
        let note = note
            .as_deref()
            .map(|n| format!(" ({})", clean(n)))
            .unwrap_or_default();
        Line::from(fit(
            &format!("{}  {}{note}", at.format("%-d %b %Y"), status.label()),
            width,
        ))
    }));
    let actions: Vec<_> = model
        .actions
        .iter()
        .filter(|a| a.opportunity_id == Some(id))
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Action items · {} (t adds one)", actions.len()),
        theme::heading(),
    ));
    for action in actions {
        let due = super::dates::compact(action.due_on, model.today);
        let state = match action.status {
            crate::actions::Status::Open => format!("due {due}"),
            status => status.as_str().to_string(),
        };
        lines.push(Line::from(fit(
            &format!("{} · {} · {state}", action.title, action.owner),
            width,
        )));
    }
    lines
}
