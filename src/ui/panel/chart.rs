//! A chart panel: each series a coloured line with a legend, incidents marked along the top,
//! and axes labelled full screen.

use super::{PanelView, series_names};
use crate::metrics::units::format;
use crate::text::fit;
use crate::ui::theme;
use chrono::DateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, LegendPosition};

const SERIES_COLOURS: [Color; 6] = [
    Color::Cyan,
    Color::Magenta,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Red,
];

pub(super) fn render_chart(view: &PanelView, frame: &mut Frame, area: Rect) {
    let Some(data) = &view.state.data else {
        return;
    };
    let points: Vec<Vec<(f64, f64)>> = data
        .series
        .iter()
        .map(|s| {
            s.points
                .iter()
                .copied()
                .filter(|p| p.1.is_finite())
                .collect()
        })
        .collect();
    let all = points.iter().flatten();
    let (x_min, x_max, y_min, y_max) = all.fold(
        (f64::MAX, f64::MIN, f64::MAX, f64::MIN),
        |(x0, x1, y0, y1), &(x, y)| (x0.min(x), x1.max(x), y0.min(y), y1.max(y)),
    );
    if x_min > x_max {
        return;
    }
    // The axis spans the window asked for, so a gap in the data reads as a gap.
    let (x_min, x_max) = view
        .state
        .range
        .filter(|(a, b)| b > a)
        .unwrap_or((x_min, x_max));
    // Fit the values (a dip from 99.99% to 93% must be visible), with a little air.
    let pad = ((y_max - y_min).abs() * 0.05)
        .max(y_max.abs() * 1e-6)
        .max(f64::EPSILON);
    // A series never below zero (a ratio, a rate) keeps its axis from zero up, and a share
    // never over all of it keeps its axis at 100%.
    let floor = if y_min >= 0.0 { 0.0 } else { f64::MIN };
    let whole = match view.panel.unit {
        crate::metrics::units::Unit::Ratio if y_max <= 1.0 => 1.0,
        crate::metrics::units::Unit::Percent if y_max <= 100.0 => 100.0,
        _ => f64::MAX,
    };
    let (y_min, y_max) = ((y_min - pad).max(floor), (y_max + pad).min(whole));
    let names = series_names(view, data);
    // Incident periods: a red bar along the top of the chart, from start to end.
    let marks: Vec<[(f64, f64); 2]> = view
        .incidents
        .iter()
        .filter(|(start, end)| *end >= x_min && *start <= x_max)
        .map(|(start, end)| [(start.max(x_min), y_max), (end.min(x_max), y_max)])
        .collect();
    let mut datasets: Vec<Dataset> = names
        .iter()
        .zip(&points)
        .enumerate()
        .map(|(index, (name, points))| {
            Dataset::default()
                .name(fit(name, 24))
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(Style::new().fg(SERIES_COLOURS[index % SERIES_COLOURS.len()]))
                .data(points)
        })
        .collect();
    let series_count = datasets.len();
    datasets.extend(marks.iter().map(|mark| {
        Dataset::default()
            .marker(Marker::Block)
            .graph_type(GraphType::Line)
            .style(theme::bad())
            .data(mark)
    }));
    let unit = view.panel.unit;
    let mut x_axis = Axis::default().bounds([x_min, x_max]).style(theme::dim());
    let mut y_axis = Axis::default()
        .bounds([y_min, y_max.max(y_min + f64::EPSILON)])
        .style(theme::dim());
    if view.zoomed {
        // A window of days needs the dates; a day or less, the times.
        let pattern = match x_max - x_min {
            span if span > 180.0 * 86_400.0 => "%b %Y",
            span if span > 3.0 * 86_400.0 => "%-d %b",
            span if span > 86_400.0 => "%-d %b %H:%M",
            _ => "%a %H:%M",
        };
        let time = |t: f64| {
            DateTime::from_timestamp(t as i64, 0)
                .map(|d| {
                    d.with_timezone(&view.now.timezone())
                        .format(pattern)
                        .to_string()
                })
                .unwrap_or_default()
        };
        x_axis = x_axis.labels([time(x_min), time((x_min + x_max) / 2.0), time(x_max)]);
        y_axis = y_axis.labels([format(y_min, unit), format(y_max, unit)]);
    } else if area.width >= 40 {
        y_axis = y_axis.labels([format(y_min, unit), format(y_max, unit)]);
    }
    let legend_room = (Constraint::Ratio(1, 2), Constraint::Ratio(1, 2));
    // One series needs no legend: the panel's title names it.
    let legend = (series_count > 1).then_some(LegendPosition::TopRight);
    frame.render_widget(
        Chart::new(datasets)
            .legend_position(legend)
            .x_axis(x_axis)
            .y_axis(y_axis)
            .hidden_legend_constraints(legend_room),
        area,
    );
}
