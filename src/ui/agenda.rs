//! The agenda preview: a cycle's sections with timeboxes and talking points, its outputs,
//! participants and improvement-category checklist. Read-only, scrollable.

use super::home::clock;
use super::{body_area, dates, theme};
use crate::cycles::{Cycle, format_minutes};
use crate::model::{AgendaView, Model};
use crate::text::{clean, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Below this width the side panel goes under the agenda in one scrolling column.
const TWO_COLUMNS_FROM: u16 = 100;

pub fn render(model: &Model, view: &AgendaView, frame: &mut Frame, area: Rect) {
    let Some(cycle) = model.cycles.get(view.cycle) else {
        return;
    };
    let (main, side) = columns(area);
    let followups = model.has_open_actions();
    let mut lines = main_lines(cycle, inner_width(main), side.is_none(), followups);
    lines[WHEN_LINE] = when_line(model, cycle);
    let title = format!(
        " {} review · {} · {} ",
        clean(&cycle.name),
        clean(&cycle.frequency),
        clean(&cycle.duration_label)
    );
    let more_below = lines.len() as u16 > view.scroll + main.height.saturating_sub(2);
    let mut block = Block::bordered()
        .title(Span::styled(title, theme::title()))
        .border_style(theme::border());
    if more_below {
        block = block.title_bottom(Span::styled(" ↓ more ", theme::dim()));
    }
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((view.scroll, 0)),
        main,
    );
    if let Some(side) = side {
        let block = Block::bordered()
            .title(Span::styled(" Outputs & checklist ", theme::title()))
            .border_style(theme::border());
        frame.render_widget(
            Paragraph::new(side_lines(cycle, inner_width(side))).block(block),
            side,
        );
    }
}

/// How far the agenda column can scroll in a terminal of this size.
pub fn max_scroll(cycle: &Cycle, viewport: (u16, u16), followups: bool) -> u16 {
    let (main, side) = columns(body_area(Rect::new(0, 0, viewport.0, viewport.1)));
    let total = main_lines(cycle, inner_width(main), side.is_none(), followups).len() as u16;
    total.saturating_sub(main.height.saturating_sub(2))
}

fn columns(area: Rect) -> (Rect, Option<Rect>) {
    if area.width < TWO_COLUMNS_FROM {
        return (area, None);
    }
    let [main, side] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
    (main, Some(side))
}

fn inner_width(area: Rect) -> u16 {
    area.width.saturating_sub(4)
}

/// Where [`main_lines`] leaves room for [`when_line`], which needs the model's dates.
const WHEN_LINE: usize = 1;

/// "Next  Mon 30 Nov, in 2 days", or that the review is due.
fn when_line(model: &Model, cycle: &Cycle) -> Line<'static> {
    let status = model.status(cycle);
    let (text, style) = match status.latest {
        Some(date) if status.due && date == model.today => ("due today".to_string(), theme::good()),
        Some(date) if status.due => (
            format!(
                "due since {} (not held yet)",
                dates::short(date, model.today)
            ),
            theme::warn(),
        ),
        _ => (
            format!(
                "{}, {}",
                dates::short(status.next, model.today),
                dates::relative(status.next, model.today)
            ),
            Style::new(),
        ),
    };
    Line::from(vec![
        Span::styled(" Next         ", theme::dim()),
        Span::styled(text, style),
    ])
}

/// The agenda as the meeting will run it: with open action items, the Follow-ups step
/// first, its minutes taken from the section that covers follow-ups.
fn main_lines(cycle: &Cycle, width: u16, with_side: bool, followups: bool) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(vec![
            Span::styled(" Cadence      ", theme::dim()),
            Span::raw(format!("{} ({})", clean(&cycle.frequency), cycle.cadence)),
        ]),
        Line::default(), // WHEN_LINE
        Line::from(vec![
            Span::styled(" Length       ", theme::dim()),
            Span::raw(format!(
                "{} ({} min)",
                clean(&cycle.duration_label),
                cycle.duration_minutes
            )),
        ]),
        Line::from(vec![
            Span::styled(" Participants ", theme::dim()),
            Span::raw(clean(&cycle.participants.join(", ")).into_owned()),
        ]),
        Line::default(),
    ];
    let mut start = 0;
    let mut number = 0;
    let mut agenda = cycle.sections.iter();
    for step in cycle.steps(followups) {
        let end = start + step.minutes;
        // Numbered as the meeting numbers its steps (g jumps by these numbers).
        number += 1;
        let (mark, points) = if step.followups {
            (
                format!(" {number}. "),
                vec!["The open action items of earlier meetings, one decision each".to_string()],
            )
        } else {
            let points = agenda
                .next()
                .map(|s| s.talking_points.clone())
                .unwrap_or_default();
            (format!(" {number}. "), points)
        };
        let mut line = vec![
            Span::styled(mark, theme::heading()),
            Span::styled(clean(step.title).into_owned(), theme::heading()),
            Span::raw(format!("  {}", format_minutes(step.minutes))),
            Span::styled(format!("  {}–{}", clock(start), clock(end)), theme::dim()),
        ];
        if step.gives > 0 {
            line.push(Span::styled(
                format!("  ({} to Follow-ups)", format_minutes(step.gives)),
                theme::dim(),
            ));
        }
        lines.push(Line::from(line));
        for point in &points {
            lines.extend(
                wrap(point, width, "    • ", "      ")
                    .into_iter()
                    .map(Line::from),
            );
        }
        lines.push(Line::default());
        start = end;
    }
    if with_side {
        lines.extend(side_lines(cycle, width));
    }
    lines
}

fn side_lines(cycle: &Cycle, width: u16) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(" Outputs", theme::heading()))];
    for output in &cycle.outputs {
        lines.extend(
            wrap(output, width, "  • ", "    ")
                .into_iter()
                .map(Line::from),
        );
    }
    if !cycle.categories.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            " Improvement checklist",
            theme::heading(),
        )));
    }
    for group in &cycle.categories {
        lines.push(Line::from(Span::styled(
            format!("  {}", group.label()),
            theme::dim(),
        )));
        for item in &group.items {
            lines.extend(
                wrap(item, width, "   ☐ ", "     ")
                    .into_iter()
                    .map(Line::from),
            );
        }
    }
    lines
}
