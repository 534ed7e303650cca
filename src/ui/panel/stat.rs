//! A stat panel: its big value, the change since last time, the trend across meetings and a
//! sparkline of the window.

use super::chart::render_chart;
use super::spend::render_spend;
use super::{PanelView, span_label, status_style};
use crate::cycles::panel::Status;
use crate::metrics::units::{format, format_delta_beside};
use crate::text::{clean, fit};
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};

pub(super) fn render_stat(view: &PanelView, status: Option<Status>, frame: &mut Frame, area: Rect) {
    if let Some(spend) = &view.state.spend {
        render_spend(view, spend, frame, area);
        return;
    }
    let Some(value) = view.state.value() else {
        let text = format!("no value for {}", span_label(view.panel));
        frame.render_widget(Paragraph::new(Line::styled(text, theme::warn())), area);
        return;
    };
    let unit = view.panel.unit;
    let headline = Span::styled(format(value, unit), status_style(status));
    // A stat shows its first series; with several, it says which, and how many more.
    let series = view
        .state
        .values
        .as_ref()
        .map_or(&[][..], |d| d.series.as_slice());
    let named = (series.len() > 1).then(|| {
        let name = view.panel.series_name(&series[0].labels);
        Span::styled(
            format!(" {} (+{} more)", clean(&name), series.len() - 1),
            theme::dim(),
        )
    });
    let change = view
        .previous
        .filter(|p| p.is_finite() && value.is_finite())
        .map(|previous| {
            let delta = value - previous;
            let style = match view.panel.goal {
                Some(goal) if delta != 0.0 && goal.improved(delta) => Style::new().fg(theme::GOOD),
                Some(_) if delta != 0.0 => Style::new().fg(theme::BAD),
                _ => theme::dim(),
            };
            Span::styled(
                format!(
                    "{} vs {}",
                    format_delta_beside(delta, unit, value),
                    view.since
                ),
                style,
            )
        });
    let headline: Vec<Span> = [Some(headline), named].into_iter().flatten().collect();
    let width: usize = headline.iter().map(Span::width).sum();
    // Side by side when they fit, else the change goes under the value.
    let together = width + 2 + change.as_ref().map_or(0, Span::width);
    let mut lines: Vec<Line> = match change {
        Some(change) if together <= usize::from(area.width) => {
            let mut spans = headline;
            spans.extend([Span::raw("  "), change]);
            vec![Line::from(spans)]
        }
        Some(change) if area.height >= 3 => vec![Line::from(headline), Line::from(change)],
        _ => vec![Line::from(headline)],
    };
    // Across meetings: the last 4 and 13, this one included, when there is room.
    if !view.history.is_empty() && area.height >= lines.len() as u16 + 3 {
        lines.push(Line::styled(
            fit(
                &meetings_trend(view.history, value),
                usize::from(area.width),
            ),
            theme::dim(),
        ));
    }
    let [value_area, spark_area] =
        Layout::vertical([Constraint::Length(lines.len() as u16), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Paragraph::new(lines), value_area);
    if view.zoomed {
        // Full screen, the window gets a real time axis instead of a sparkline.
        render_chart(view, frame, spark_area);
        return;
    }
    if let Some(series) = view.state.data.as_ref().and_then(|d| d.series.first()) {
        let bars = scaled(&series.points, usize::from(spark_area.width));
        frame.render_widget(
            Sparkline::default()
                .data(bars)
                .style(status_style(status).remove_modifier(Modifier::BOLD)),
            spark_area,
        );
    }
}

/// "4 meetings ▂▃▅█ · 13 ▁▂▃▄▅▆█": this value after the earlier meetings'.
fn meetings_trend(history: &[f64], value: f64) -> String {
    let all: Vec<f64> = history.iter().copied().chain([value]).collect();
    let bars = |n: usize| crate::text::bars(&all[all.len().saturating_sub(n)..]);
    if all.len() <= 4 {
        return format!("last {} meetings {}", all.len(), bars(4));
    }
    format!(
        "last 4 meetings {} · last {} {}",
        bars(4),
        all.len().min(13),
        bars(13)
    )
}

/// The whole window in `width` columns scaled to 13..=101 for a sparkline (the lowest still
/// draws a bar on a sparkline of one row; only a gap is blank): each column is its stretch's
/// value furthest from the series' usual level (its median), so a short dip or spike shows.
pub fn scaled(points: &[(f64, f64)], width: usize) -> Vec<Option<u64>> {
    let mut finite: Vec<f64> = points
        .iter()
        .map(|p| p.1)
        .filter(|v| v.is_finite())
        .collect();
    finite.sort_by(f64::total_cmp);
    let (Some(&low), Some(&high)) = (finite.first(), finite.last()) else {
        return vec![None; width.min(points.len())];
    };
    let span = (high - low).max(f64::EPSILON);
    let middle = finite[finite.len() / 2];
    let columns = width.min(points.len()).max(1);
    (0..columns)
        .map(|column| {
            let from = column * points.len() / columns;
            let to = ((column + 1) * points.len() / columns).max(from + 1);
            points[from..to.min(points.len())]
                .iter()
                .map(|p| p.1)
                .filter(|v| v.is_finite())
                .max_by(|a, b| (a - middle).abs().total_cmp(&(b - middle).abs()))
                .map(|v| (((v - low) / span) * 88.0).round() as u64 + 13)
        })
        .collect()
}
