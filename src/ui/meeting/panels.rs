//! The current section's metric panels in the meeting screen, in a grid or one zoomed.

use crate::meeting::Meeting;
use crate::model::{Focus, Model};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

/// The current section's panels in a grid, two to a row.
pub(super) fn render_panels(model: &Model, meeting: &Meeting, frame: &mut Frame, area: Rect) {
    let count = meeting.current_run().panels.len();
    if let Some(error) = one_failure(model, meeting) {
        render_one_failure(meeting, &error, frame, area);
        return;
    }
    let columns = if count == 1 { 1 } else { 2 };
    let rows = count.div_ceil(columns);
    let row_areas = Layout::vertical(vec![Constraint::Fill(1); rows]).split(area);
    for (row, row_area) in row_areas.iter().enumerate() {
        let cells = Layout::horizontal(vec![Constraint::Fill(1); columns]).split(*row_area);
        for (column, cell) in cells.iter().enumerate() {
            let index = row * columns + column;
            if index < count {
                render_panel(model, meeting, index, false, frame, *cell);
            }
        }
    }
}

/// The failure every panel of the section shares (no Prometheus, or it cannot be reached),
/// when there are several panels and nothing else to show: said once, not in every box.
fn one_failure(model: &Model, meeting: &Meeting) -> Option<String> {
    let count = meeting.current_run().panels.len();
    let errors: Vec<String> = (0..count)
        .map(|index| {
            let state = model.panel_state(meeting.current, index)?;
            match (&state.error, &state.data) {
                (Some(error), None) => Some(error.to_string()),
                _ => None,
            }
        })
        .collect::<Option<Vec<String>>>()?;
    let first = errors.first()?;
    (count > 1 && errors.iter().all(|e| e == first)).then(|| first.clone())
}

/// One box for the section's panels, naming them, with the one reason none shows.
fn render_one_failure(meeting: &Meeting, error: &str, frame: &mut Frame, area: Rect) {
    use ratatui::text::Line;
    use ratatui::widgets::{Block, Paragraph, Wrap};
    let titles: Vec<String> = meeting
        .current_run()
        .panels
        .iter()
        .map(|panel| crate::text::clean(&panel.title).into_owned())
        .collect();
    let block = Block::bordered()
        .title(format!(" {} ", titles.join(" · ")))
        .border_style(crate::ui::theme::border());
    let lines = vec![
        Line::from(""),
        Line::styled(
            format!("No panel can show data: {}", crate::text::clean(error)),
            crate::ui::theme::bad(),
        ),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .centered()
            .block(block),
        area,
    );
}

pub(super) fn render_panel(
    model: &Model,
    meeting: &Meeting,
    index: usize,
    zoomed: bool,
    frame: &mut Frame,
    area: Rect,
) {
    let run = meeting.current_run();
    let (Some(panel), Some(state)) = (
        run.panels.get(index),
        model.panel_state(meeting.current, index),
    ) else {
        return;
    };
    let selected = matches!(model.focus, Focus::Panels { selected } if selected == index);
    // The Incident Review's charts mark when the incidents were.
    let incidents: Vec<(f64, f64)> = if run.incidents {
        model
            .incidents
            .iter()
            .map(|i| {
                let end = i.ended_at.unwrap_or(model.now);
                (i.started_at.timestamp() as f64, end.timestamp() as f64)
            })
            .collect()
    } else {
        Vec::new()
    };
    // A stat compares the series it shows (its first) with the same series last time; a
    // budget panel its month's spend, saved as the panel's one value.
    let series = match (&state.values, panel.budget) {
        (Some(data), None) => crate::model::panel_state::series_key(&data.series, 0),
        _ => String::new(),
    };
    let compared = model.comparison(&run.title, &panel.title, &series, state);
    let history = model.panel_trend(&run.title, &panel.title, &series);
    let view = crate::ui::panel::PanelView {
        panel,
        state,
        previous: compared.as_ref().map(|(value, _)| *value),
        history,
        incidents: &incidents,
        since: compared.as_ref().map_or("", |(_, since)| since.as_str()),
        now: model.now,
        selected,
        zoomed,
    };
    let key = view.draw_key(meeting.current, index, area);
    if model.drawn_panels.draw_from(&key, frame.buffer_mut()) {
        return;
    }
    crate::ui::panel::render(&view, frame, area);
    model.drawn_panels.remember(key, frame.buffer_mut());
}
