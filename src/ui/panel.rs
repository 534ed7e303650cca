//! One metric panel: a stat (big value, change since last time, status, sparkline), a chart
//! (series with a legend) or a table (latest value per series). A failed panel keeps its last
//! data, marked stale with its age, and shows the error in one line.

use super::theme;
use crate::cycles::panel::{Panel, PanelKind, Status};
use crate::metrics::QueryData;
use crate::metrics::units::{format, format_delta};
use crate::model::panels::PanelState;
use crate::text::{clean, fit};
use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Chart, Dataset, GraphType, LegendPosition, Paragraph, Row, Sparkline, Table,
};

/// Everything a panel needs to draw itself.
pub struct PanelView<'a> {
    pub panel: &'a Panel,
    pub state: &'a PanelState,
    pub previous: Option<f64>,
    /// The values of the cycle's earlier meetings, oldest first (up to 12).
    pub history: &'a [f64],
    /// Incident periods to mark on a chart (unix seconds), in the Incident Review.
    pub incidents: &'a [(f64, f64)],
    /// "last week", "last month"...
    pub since: &'a str,
    pub now: DateTime<FixedOffset>,
    pub selected: bool,
    /// Full screen: axes are labelled.
    pub zoomed: bool,
}

const SERIES_COLOURS: [Color; 6] = [
    Color::Cyan,
    Color::Magenta,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Red,
];

pub fn render(view: &PanelView, frame: &mut Frame, area: Rect) {
    let status = view.state.value().and_then(|v| view.panel.goal?.status(v));
    let border = match (view.selected, status) {
        (true, _) => theme::key(),
        (false, Some(Status::Red)) => Style::new().fg(theme::BAD),
        (false, Some(Status::Amber)) => Style::new().fg(theme::WARN),
        _ => theme::border(),
    };
    // The title says what the value is: over the window, or now.
    let span = span_label(view.panel);
    let room = usize::from(area.width.saturating_sub(4));
    let title = fit(
        &view.panel.title,
        room.saturating_sub(span.chars().count() + 3),
    );
    let block = Block::bordered()
        .title(Line::from(vec![
            Span::styled(format!(" {title}"), theme::heading()),
            Span::styled(format!(" · {span} "), theme::dim()),
        ]))
        .border_style(border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The error gets up to three lines: Prometheus's explanations are worth reading whole.
    let problem: Vec<Line> = problem_text(view)
        .map(|text| {
            crate::text::wrap(&text, inner.width, "", "")
                .into_iter()
                // A small panel keeps room for its value: one line of error there.
                .take(if inner.height <= 5 && !view.zoomed {
                    1
                } else {
                    3
                })
                .map(|line| Line::styled(line, Style::new().fg(theme::BAD)))
                .collect()
        })
        .unwrap_or_default();
    // Full screen, a failing query is shown whole, to copy and try.
    let mut problem = problem;
    if view.zoomed && view.state.error.is_some() {
        let query = format!("query: {}", crate::model::panels::value_query(view.panel));
        problem.extend(
            crate::text::wrap(&clean(&query), inner.width, "", "")
                .into_iter()
                .take(4)
                .map(|line| Line::styled(line, theme::dim())),
        );
    }
    let ahead = forecast_text(view)
        .filter(|_| inner.height >= 4)
        .map(|text| Line::styled(fit(&text, usize::from(inner.width)), theme::dim()));
    // Prometheus's own warnings (partial data, a dropped series) are the panel's to say.
    let warned = view
        .state
        .values
        .as_ref()
        .and_then(|values| values.warnings.first())
        .filter(|_| inner.height >= 4)
        .map(|warning| {
            let text = format!("Prometheus warns: {}", clean(warning));
            Line::styled(fit(&text, usize::from(inner.width)), theme::warn())
        });
    let [body, forecast, warning, foot] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(u16::from(ahead.is_some())),
        Constraint::Length(u16::from(warned.is_some())),
        Constraint::Length(problem.len() as u16),
    ])
    .areas(inner);
    if let Some(warned) = warned {
        frame.render_widget(Paragraph::new(warned), warning);
    }
    frame.render_widget(Paragraph::new(problem), foot);
    if let Some(ahead) = ahead {
        frame.render_widget(Paragraph::new(ahead), forecast);
    }
    let Some(data) = &view.state.data else {
        let waiting = if view.state.in_flight || view.state.error.is_none() {
            "loading…"
        } else {
            ""
        };
        frame.render_widget(Paragraph::new(Line::styled(waiting, theme::dim())), body);
        return;
    };
    // A table shows its values; the others draw their series.
    let shown = match view.panel.kind {
        PanelKind::Table => view.state.values.as_ref().unwrap_or(data),
        PanelKind::Stat | PanelKind::Chart => data,
    };
    if shown.series.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "no data: the query matched no series (kaizen doctor checks every panel)",
                theme::warn(),
            ))
            .wrap(ratatui::widgets::Wrap { trim: true }),
            body,
        );
        return;
    }
    match view.panel.kind {
        PanelKind::Stat => render_stat(view, status, frame, body),
        PanelKind::Chart => render_chart(view, frame, body),
        PanelKind::Table => render_table(view, frame, body),
    }
}

/// What a panel's value covers, for its title: "7 days", "now"; a chart, its window.
pub fn span_label(panel: &Panel) -> String {
    use crate::cycles::panel::Headline;
    if panel.budget.is_some() {
        return "month to date".into();
    }
    match (panel.kind, panel.headline) {
        (PanelKind::Chart, _) | (_, Headline::Window) => super::dates::span_words(panel.window),
        (_, Headline::Now) => "now".into(),
    }
}

/// "in 30 days: 84% (81%–87%) · 90% in ~41 days (35–50)".
fn forecast_text(view: &PanelView) -> Option<String> {
    let forecast = view.state.forecast?;
    let spec = view.panel.forecast?;
    Some(crate::analysis::forecast::describe(
        &forecast,
        spec.limit,
        view.panel.unit,
    ))
}

/// "stale 3 min · timed out after 10 s", or the error alone when nothing ever came.
fn problem_text(view: &PanelView) -> Option<String> {
    let error = view.state.error.as_ref()?;
    Some(match view.state.fetched_at {
        Some(at) if view.state.data.is_some() => {
            let age = (view.now - at).num_seconds().max(0);
            format!("stale {} · {}", age_text(age), error)
        }
        _ => error.to_string(),
    })
}

fn age_text(seconds: i64) -> String {
    match seconds {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min", s / 60),
        s => format!("{} h", s / 3600),
    }
}

fn status_style(status: Option<Status>) -> Style {
    let style = Style::new().add_modifier(Modifier::BOLD);
    match status {
        Some(Status::Green) => style.fg(theme::GOOD),
        Some(Status::Amber) => style.fg(theme::WARN),
        Some(Status::Red) => style.fg(theme::BAD),
        None => style,
    }
}

fn render_stat(view: &PanelView, status: Option<Status>, frame: &mut Frame, area: Rect) {
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
                format!("{} vs {}", format_delta(delta, unit), view.since),
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

/// A budget panel: spent this month against the budget, where the month ends at the last
/// day's rate (amber from 90% of the budget, red over it), and each project's share.
fn render_spend(
    view: &PanelView,
    spend: &crate::analysis::budget::Spend,
    frame: &mut Frame,
    area: Rect,
) {
    let unit = view.panel.unit;
    let warning = match spend.projected_share() {
        Some(share) if share > 1.0 => Style::new().fg(theme::BAD).add_modifier(Modifier::BOLD),
        Some(share) if share >= 0.9 => Style::new().fg(theme::WARN).add_modifier(Modifier::BOLD),
        Some(_) => Style::new().fg(theme::GOOD).add_modifier(Modifier::BOLD),
        None => theme::dim(),
    };
    let width = usize::from(area.width);
    let percent = |share: f64| format!("{:.0}%", share * 100.0);
    let spent = format(spend.to_date, unit);
    let of = format!(
        " of {} this month ({})",
        format(spend.budget, unit),
        percent(spend.used())
    );
    let mut lines = vec![
        Line::from(vec![
            Span::styled(spent.clone(), Style::new().add_modifier(Modifier::BOLD)),
            Span::styled(
                fit(&of, width.saturating_sub(spent.chars().count())),
                theme::dim(),
            ),
        ]),
        Line::from(Span::styled(
            fit(
                &match (spend.projected, spend.projected_share()) {
                    (Some(projected), Some(share)) => format!(
                        "month-end ~{} ({} of budget)",
                        format(projected, unit),
                        percent(share)
                    ),
                    _ => "month-end unknown: no cost in the last day".to_string(),
                },
                width,
            ),
            warning,
        )),
    ];
    if spend.shares.len() > 1 {
        let shares: Vec<String> = spend
            .shares
            .iter()
            .map(|(name, share)| format!("{} {}", clean(name), percent(*share)))
            .collect();
        lines.push(Line::styled(fit(&shares.join(" · "), width), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// "4 meetings ▂▃▅█ · 13 ▁▂▃▄▅▆█": this value after the earlier meetings'.
fn meetings_trend(history: &[f64], value: f64) -> String {
    let all: Vec<f64> = history.iter().copied().chain([value]).collect();
    let bars = |n: usize| crate::text::bars(&all[all.len().saturating_sub(n)..]);
    if all.len() <= 4 {
        return format!("{} meetings {}", all.len(), bars(4));
    }
    format!(
        "4 meetings {} · {} {}",
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

fn render_chart(view: &PanelView, frame: &mut Frame, area: Rect) {
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

fn render_table(view: &PanelView, frame: &mut Frame, area: Rect) {
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

/// Each series' name on screen, told apart where the legend alone would repeat.
fn series_names(view: &PanelView, data: &QueryData) -> Vec<String> {
    let labels: Vec<_> = data.series.iter().map(|series| &series.labels).collect();
    view.panel.series_names(&labels)
}
