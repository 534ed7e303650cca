//! The scorecard on screen: a row per stat panel (per series), its goal, its value at each
//! of the last meetings (as many as the width holds, newest at the right), the change week,
//! month and year over, on or off goal, and the trend. At 80 columns the older meetings and
//! the year-over-year change give way first.

use super::theme;
use crate::model::Model;
use crate::model::scorecard::ScorecardView;
use crate::scorecard::{PERIODS, Row};
use crate::text::clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row as TableRow, Table, TableState, Wrap};

/// Widths of the columns that are not meetings; the metric's name takes what it needs
/// within these bounds (and any room left over).
const METRIC_MIN: u16 = 12;
const METRIC_MAX: u16 = 30;
const GOAL: u16 = 9;
const STATUS: u16 = 10;
const TREND: u16 = 9;

pub fn render(model: &Model, view: &ScorecardView, frame: &mut Frame, area: Rect) {
    let cycle = model
        .cycles
        .get(view.cycle)
        .map_or_else(String::new, |c| clean(&c.name).into_owned());
    let shown = view.card.as_ref().map_or(0, |card| card.meetings.len());
    let block = Block::bordered()
        .title(Span::styled(
            format!(" Scorecard · {cycle} review · last {shown} meetings "),
            theme::title(),
        ))
        .title_bottom(Span::styled(
            " Enter raises an opportunity · t action item · Esc back ",
            theme::dim(),
        ))
        .border_style(theme::border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let empty = match (&view.error, &view.card) {
        (Some(error), _) => Some((clean(error).into_owned(), theme::bad())),
        (None, None) => Some(("Reading what the meetings saved…".into(), theme::dim())),
        (None, Some(card)) if card.rows.is_empty() => Some((
            format!(
                "No stat panel of the {cycle} review has a saved value yet: each meeting adds \
                 its values when it ends."
            ),
            theme::dim(),
        )),
        _ => None,
    };
    if let Some((text, style)) = empty {
        frame.render_widget(
            Paragraph::new(Span::styled(text, style)).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let Some(card) = &view.card else { return };
    let metric = card
        .rows
        .iter()
        .map(|row| Line::from(clean(&row.title()).into_owned()).width() as u16)
        .max()
        .unwrap_or(0)
        .clamp(METRIC_MIN, METRIC_MAX);
    let layout = Columns::fitting(
        inner.width,
        card.meetings.len(),
        metric,
        value_width(&card.rows),
    );
    let mut header = vec![Cell::from("Metric"), Cell::from("Goal")];
    for day in &card.meetings[card.meetings.len() - layout.meetings..] {
        header.push(Cell::from(
            Line::from(day.format("%-d %b").to_string()).right_aligned(),
        ));
    }
    for period in &PERIODS[..layout.periods] {
        header.push(Cell::from(Line::from(period.label).right_aligned()));
    }
    header.push(Cell::from("Status"));
    header.push(Cell::from("Trend"));
    let rows = card.rows.iter().map(|row| table_row(row, &layout));
    let table = Table::new(rows, layout.constraints())
        .header(TableRow::new(header).style(theme::heading()))
        .column_spacing(1)
        .row_highlight_style(theme::selected())
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(view.selected));
    frame.render_stateful_widget(table, inner, &mut state);
}

/// The widest value or change the grid shows ("99.95%", "-0.02 pp", "12.3 req/s"), so no
/// unit is cut off; between 6 and 12 columns.
fn value_width(rows: &[Row]) -> u16 {
    let widest = rows
        .iter()
        .flat_map(|row| {
            let values = row.values.iter().map(|v| row.value_text(*v));
            let changes = (0..PERIODS.len()).map(|i| row.change_text(i));
            values.chain(changes).collect::<Vec<_>>()
        })
        .map(|text| ratatui::text::Line::from(text).width())
        .max()
        .unwrap_or(0);
    (widest as u16).clamp(6, 12)
}

/// How many meeting columns and change columns the width holds, and how wide each is.
struct Columns {
    meetings: usize,
    periods: usize,
    metric: u16,
    value: u16,
}

impl Columns {
    /// The newest meeting, the status and the trend always; then the week-over-week and
    /// month-over-month changes, then older meetings, then year over year, while they fit.
    fn fitting(width: u16, meetings: usize, metric: u16, value: u16) -> Columns {
        // The highlight symbol and a space per column.
        let fixed = 2 + metric + 1 + GOAL + 1 + STATUS + 1 + TREND + 1;
        let mut room = width.saturating_sub(fixed);
        let mut take = |cost: u16| {
            let fits = room > cost;
            if fits {
                room -= cost + 1;
            }
            fits
        };
        let mut layout = Columns {
            meetings: usize::from(meetings > 0 && take(value)),
            periods: 0,
            metric,
            value,
        };
        while layout.periods < 2 && take(value) {
            layout.periods += 1;
        }
        while layout.meetings < meetings && take(value) {
            layout.meetings += 1;
        }
        if layout.periods == 2 && take(value) {
            layout.periods = 3;
        }
        layout
    }

    fn constraints(&self) -> Vec<Constraint> {
        let mut widths = vec![Constraint::Min(self.metric), Constraint::Length(GOAL)];
        widths.extend(std::iter::repeat_n(
            Constraint::Length(self.value),
            self.meetings + self.periods,
        ));
        widths.push(Constraint::Length(STATUS));
        widths.push(Constraint::Length(TREND));
        widths
    }
}

fn table_row<'a>(row: &Row, layout: &Columns) -> TableRow<'a> {
    let mut cells = vec![
        Cell::from(clean(&row.title()).into_owned()),
        Cell::from(row.goal_text()),
    ];
    for value in &row.values[row.values.len() - layout.meetings..] {
        let style = value
            .and_then(|v| row.goal.and_then(|g| g.status(v)))
            .map_or(Style::new(), status_style);
        cells.push(Cell::from(
            Line::styled(row.value_text(*value), style).right_aligned(),
        ));
    }
    for index in 0..layout.periods {
        let style = match row.change_improved(index) {
            Some(true) => theme::good(),
            Some(false) => theme::bad(),
            None => Style::new(),
        };
        cells.push(Cell::from(
            Line::styled(row.change_text(index), style).right_aligned(),
        ));
    }
    cells.push(Cell::from(Span::styled(
        row.status_text(),
        row.status.map_or(theme::dim(), status_style),
    )));
    let trend = match row.improving() {
        Some(true) => theme::good(),
        Some(false) => theme::bad(),
        None => Style::new(),
    };
    cells.push(Cell::from(Span::styled(row.trend_text(), trend)));
    TableRow::new(cells)
}

fn status_style(status: crate::cycles::panel::Status) -> Style {
    use crate::cycles::panel::Status;
    match status {
        Status::Green => theme::good(),
        Status::Amber => theme::warn(),
        Status::Red => theme::bad(),
    }
}
