//! One metric panel: a stat (big value, change since last time, status, sparkline), a chart
//! (series with a legend) or a table (latest value per series). A failed panel keeps its last
//! data, marked stale with its age, and shows the error in one line.

mod chart;
mod spend;
mod stat;
mod table;

pub use stat::scaled;

use super::theme;
use crate::cycles::panel::{Panel, PanelKind, Status};
use crate::metrics::QueryData;
use crate::model::drawn::PanelDrawKey;
use crate::model::panel_state::PanelState;
use crate::text::{clean, fit};
use chart::render_chart;
use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use stat::render_stat;
use table::render_table;

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

impl PanelView<'_> {
    /// Everything its drawing depends on, made from the view itself so a field added to the
    /// view is one line away from the key that says when a drawing can be copied.
    pub fn draw_key(&self, section: usize, index: usize, area: Rect) -> PanelDrawKey {
        let PanelView {
            panel,
            state,
            previous,
            history,
            incidents,
            since,
            now,
            selected,
            zoomed,
        } = self;
        PanelDrawKey {
            section,
            index,
            zoomed: *zoomed,
            area,
            title: panel.title.clone(),
            selected: *selected,
            generation: state.generation,
            in_flight: state.in_flight,
            previous: previous.map(f64::to_bits),
            since: since.to_string(),
            history: history.iter().map(|v| v.to_bits()).collect(),
            incidents: incidents
                .iter()
                .map(|(a, b)| (a.to_bits(), b.to_bits()))
                .collect(),
            stale_since: state
                .is_stale()
                .then(|| state.fetched_at.map(|at| (*now - at).num_seconds()))
                .flatten(),
            offset: now.offset().local_minus_utc(),
        }
    }
}

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
        // Status in words and a symbol too, never in colour alone (projectors, colour
        // blindness, NO_COLOR).
        .title_bottom(
            Line::from(Span::styled(
                status_words(status, area.width),
                status_style(status),
            ))
            .right_aligned(),
        )
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
        let query = format!(
            "query: {}",
            crate::model::panel_state::value_query(view.panel)
        );
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
    // A SQL panel's value is its newest row: the query's GROUP BY says its period.
    if panel.source.is_some() && panel.kind != PanelKind::Chart {
        return "newest row".into();
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

/// " ✖ past red line ", or " ✖ red " on a narrow panel; nothing without a goal.
fn status_words(status: Option<Status>, width: u16) -> &'static str {
    let wide = width >= 30;
    match (status, wide) {
        (Some(Status::Red), true) => " ✖ past red line ",
        (Some(Status::Red), false) => " ✖ red ",
        (Some(Status::Amber), true) => " ⚠ past amber line ",
        (Some(Status::Amber), false) => " ⚠ amber ",
        (Some(Status::Green), true) => " ✓ within goal ",
        (Some(Status::Green), false) => " ✓ ok ",
        (None, _) => "",
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

/// Each series' name on screen, told apart where the legend alone would repeat.
fn series_names(view: &PanelView, data: &QueryData) -> Vec<String> {
    let labels: Vec<_> = data.series.iter().map(|series| &series.labels).collect();
    view.panel.series_names(&labels)
}
