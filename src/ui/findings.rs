//! What a section's scan found: the list, most significant first, and one finding in full
//! with its series drawn and the stretch that stands out marked.

use super::theme;
use crate::analysis::job::Row;
use crate::analysis::reason::at;
use crate::model::{Focus, Model, ScanState};
use crate::text::{clean, fit, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn render_list(model: &Model, state: Option<&ScanState>, frame: &mut Frame, area: Rect) {
    let rows = model.findings();
    let selected = match model.focus {
        Focus::Findings { selected, .. } => Some(selected),
        _ => None,
    };
    let title = format!(" What stands out · {} ", rows.len());
    let hint = if selected.is_some() {
        " Enter in full · o opportunity · t action item "
    } else {
        " f chooses one "
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme::title()))
        .title_bottom(Span::styled(hint, theme::dim()))
        .border_style(if selected.is_some() {
            theme::key()
        } else {
            theme::border()
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(outcome) = state.and_then(|s| s.outcome.as_ref()) else {
        let text = match state {
            Some(s) if s.in_flight => "Scanning the last 14 days…",
            _ => "Not scanned yet: r scans",
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme::dim())), inner);
        return;
    };
    let mut lines: Vec<Line> = Vec::new();
    if rows.is_empty() {
        lines.push(Line::styled(
            format!(
                "Nothing stands out in {} series over the last 14 days.",
                outcome.series
            ),
            theme::good(),
        ));
    }
    let width = usize::from(inner.width);
    // Two lines each when they all fit so, else one.
    let per_row = if rows.len() * 2 <= usize::from(inner.height) {
        2
    } else {
        1
    };
    let mut first_line_of = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let chosen = Some(index) == selected;
        let name = series_name(row);
        let text = format!(
            "{} {name}: {}",
            if chosen { "▶" } else { " " },
            clean(&row.reason)
        );
        let style = if chosen {
            theme::selected()
        } else {
            ratatui::style::Style::new()
        };
        first_line_of.push(lines.len());
        let mut wrapped = wrap(&text, inner.width, "", "  ");
        if wrapped.len() > per_row {
            wrapped.truncate(per_row);
            wrapped[per_row - 1] = fit(&format!("{} …", wrapped[per_row - 1]), width);
        }
        lines.extend(wrapped.into_iter().map(|l| Line::styled(l, style)));
    }
    for (panel, error) in &outcome.failed {
        lines.push(Line::styled(
            fit(&format!("  {panel}: not scanned: {error}"), width),
            theme::bad(),
        ));
    }
    // Keep the selected one in sight.
    let visible = usize::from(inner.height).max(1);
    let at = selected
        .and_then(|s| first_line_of.get(s).copied())
        .unwrap_or(0);
    let scroll = (at + per_row).saturating_sub(visible) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// "p95 latency" for a single series, "Throughput · api" for one of several.
fn series_name(row: &Row) -> String {
    if row.series == row.panel {
        clean(&row.panel).into_owned()
    } else {
        format!("{} · {}", clean(&row.panel), clean(&row.series))
    }
}

/// One finding in full: the reason, the series with the stretch marked, where it came from.
pub fn render_detail(model: &Model, row: &Row, frame: &mut Frame, area: Rect) {
    let title = format!(" {} — {} ", series_name(row), row.finding.kind.label());
    let block = Block::bordered()
        .title(Span::styled(
            fit(&title, usize::from(area.width) - 2),
            theme::title(),
        ))
        .title_bottom(Span::styled(
            " o opportunity · t action item · Esc back ",
            theme::dim(),
        ))
        .border_style(theme::border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let offset = *model.now.offset();
    let mut text: Vec<Line> = wrap(&row.reason, inner.width, "", "")
        .into_iter()
        .map(|line| Line::styled(line, theme::heading()))
        .collect();
    text.push(Line::from(Span::styled(
        fit(
            &format!(
                "Scanned {} to {} · {}",
                at(row.window.0, offset),
                at(row.window.1, offset),
                row.query
            ),
            usize::from(inner.width),
        ),
        theme::dim(),
    )));
    let [words, chart] = Layout::vertical([
        Constraint::Length(text.len() as u16 + 1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(text), words);
    render_marked(row, frame, chart);
}

/// The series as a line, the stretch that stands out drawn over it in red, with the value
/// range on the left.
fn render_marked(row: &Row, frame: &mut Frame, area: Rect) {
    use ratatui::symbols::Marker;
    use ratatui::widgets::{Axis, Chart, Dataset, GraphType};
    let (low, high) = row
        .points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), p| {
            (l.min(p.1), h.max(p.1))
        });
    if !low.is_finite() || !high.is_finite() {
        return;
    }
    let pad = ((high - low) * 0.05).max(f64::MIN_POSITIVE);
    let step = row.points.get(1).map_or(0.0, |p| p.0 - row.points[0].0);
    let (from, to) = (row.finding.start - step / 2.0, row.finding.end + step / 2.0);
    let stretch: Vec<(f64, f64)> = row
        .points
        .iter()
        .copied()
        .filter(|(t, _)| *t >= from && *t <= to)
        .collect();
    let datasets = vec![
        Dataset::default()
            .data(&row.points)
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme::dim()),
        Dataset::default()
            .data(&stretch)
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme::bad()),
    ];
    let label = |v: f64| Span::styled(crate::metrics::units::format(v, row.unit), theme::dim());
    let chart = Chart::new(datasets)
        .x_axis(Axis::default().bounds([row.window.0, row.window.1]))
        .y_axis(
            Axis::default()
                .bounds([low - pad, high + pad])
                .labels([label(low), label(high)]),
        );
    frame.render_widget(chart, area);
}
