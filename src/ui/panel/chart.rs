//! A chart panel: each series a coloured line, a legend line above it with each series' latest
//! value, incidents marked along the top,
//! and axes labelled full screen.

use super::{PanelView, series_names};
use crate::metrics::units::Unit;
use crate::metrics::units::format;
use crate::text::fit;
use crate::ui::theme;
use chrono::DateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType};

/// The most lines a chart draws.
const DRAWN: usize = 10;

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
    // At most DRAWN lines, the highest by their latest value: more are a tangle no one reads.
    let mut order: Vec<usize> = (0..data.series.len()).collect();
    let latest_of = |index: &usize| {
        data.series[*index]
            .points
            .iter()
            .rev()
            .map(|p| p.1)
            .find(|v| v.is_finite())
            .unwrap_or(f64::NEG_INFINITY)
    };
    let hidden = data.series.len().saturating_sub(DRAWN);
    if hidden > 0 {
        order.sort_by(|a, b| latest_of(b).total_cmp(&latest_of(a)));
        order.truncate(DRAWN);
    }
    let points: Vec<Vec<(f64, f64)>> = order
        .iter()
        .map(|&index| &data.series[index])
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
    let all_names = series_names(view, data);
    let names: Vec<String> = order.iter().map(|&i| all_names[i].clone()).collect();
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
    // The legend is a line of its own above the plot, never drawn over the lines (the
    // latest values are top right, where a boxed legend sits), with each series' latest value.
    // A stat shown full screen has its value above already: a lone series needs no legend.
    let is_chart = view.panel.kind == crate::cycles::panel::PanelKind::Chart;
    let area = if area.height >= 5 && (series_count > 1 || is_chart) {
        let [legend, plot] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let latest: Vec<Option<f64>> = points.iter().map(|p| p.last().map(|p| p.1)).collect();
        let drawn = match hidden {
            0 => String::new(),
            _ => format!("  · top {DRAWN} of {} by latest value", data.series.len()),
        };
        let room = legend.width.saturating_sub(drawn.chars().count() as u16);
        let mut line = legend_line(&names[..series_count], &latest, unit, room);
        line.push_span(Span::styled(drawn, theme::dim()));
        frame.render_widget(line, legend);
        plot
    } else {
        area
    };
    frame.render_widget(
        Chart::new(datasets)
            .legend_position(None)
            .x_axis(x_axis)
            .y_axis(y_axis),
        area,
    );
}

/// "latest  ━ api 0.41%  ━ web 0.39%  +1 more": each series in its colour with its latest value, as
/// many as fit in `width`; one series only says its latest value (the title names it).
fn legend_line(names: &[String], latest: &[Option<f64>], unit: Unit, width: u16) -> Line<'static> {
    let value = |v: Option<f64>| v.map_or("no data".to_string(), |v| format(v, unit));
    if names.len() == 1 {
        return Line::from(Span::styled(
            format!("latest {}", value(latest.first().copied().flatten())),
            theme::dim(),
        ))
        .right_aligned();
    }
    let width = usize::from(width);
    // The values are each series' last point in the window: said so, as a stat says "now".
    let mut spans: Vec<Span> = vec![Span::styled("latest  ", theme::dim())];
    let mut used = 8;
    for (index, name) in names.iter().enumerate() {
        let entry = format!(
            "{} {}",
            fit(name, 24),
            value(latest.get(index).copied().flatten())
        );
        let left = names.len() - index;
        let more = if left > 1 {
            format!("+{} more", left - 1).len() + 2
        } else {
            0
        };
        let needed = entry.chars().count() + 4;
        if used + needed + more > width && index > 0 {
            spans.push(Span::styled(format!("+{left} more"), theme::dim()));
            break;
        }
        let colour = SERIES_COLOURS[index % SERIES_COLOURS.len()];
        spans.push(Span::styled("━ ", Style::new().fg(colour)));
        spans.push(Span::raw(format!("{entry}  ")));
        used += needed;
    }
    Line::from(spans)
}
