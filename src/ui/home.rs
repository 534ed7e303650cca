//! The home screen: the review cycles, which is due, when each was last held, and a summary
//! of the selected cycle's agenda.

use super::{dates, theme};
use crate::cycles::{Cycle, format_minutes};
use crate::model::Model;
use crate::schedule::CycleStatus;
use crate::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let banner = banner_lines(model);
    let table_height = model.cycles.len() as u16 + 3;
    let [banner_area, table_area, detail_area] = Layout::vertical([
        Constraint::Length(banner.len() as u16 + 1),
        Constraint::Length(table_height),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(banner), banner_area);
    render_table(model, frame, table_area);
    if let Some(cycle) = model.selected_cycle() {
        render_detail(model, cycle, frame, detail_area);
    }
}

/// "Due today", "Overdue" and "Next" lines, each only when it applies.
fn banner_lines(model: &Model) -> Vec<Line<'static>> {
    let today = model.today;
    let statuses: Vec<(&Cycle, CycleStatus)> =
        model.cycles.iter().map(|c| (c, model.status(c))).collect();
    let names = |pick: &dyn Fn(&CycleStatus) -> bool| -> Vec<String> {
        statuses
            .iter()
            .filter(|(_, s)| pick(s))
            .map(|(c, _)| clean(&c.name).into_owned())
            .collect()
    };
    let label = |text: &str| Span::styled(format!(" {text:<11}"), theme::heading());
    let mut lines = Vec::new();
    let due_today = names(&|s| s.due_today(today));
    if !due_today.is_empty() {
        lines.push(Line::from(vec![
            label("Due today"),
            Span::styled(due_today.join(" · "), theme::good()),
            Span::styled("   Enter reads the agenda", theme::dim()),
        ]));
    }
    let overdue = names(&|s| s.overdue(today) && s.last_held.is_some());
    if !overdue.is_empty() {
        lines.push(Line::from(vec![
            label("Overdue"),
            Span::styled(overdue.join(" · "), theme::warn()),
        ]));
    }
    if let Some(counts) = action_counts(model) {
        let room = usize::from(model.viewport.0.saturating_sub(14));
        lines.push(Line::from(vec![
            label("Actions"),
            Span::raw(fit(&counts, room)),
        ]));
    }
    if let Some(unfinished) = &model.unfinished {
        lines.push(Line::from(vec![
            label("Unfinished"),
            Span::styled(
                format!(
                    "{} meeting of {}",
                    clean(&unfinished.meeting.cycle_name),
                    dates::short(unfinished.meeting.held_on, today)
                ),
                theme::warn(),
            ),
            Span::styled("   c resumes or ends it", theme::dim()),
        ]));
    }
    // Every review that falls on the next review day, the longest first: several can
    // (weekly, monthly and annual on the first Monday of December).
    let next_day = statuses
        .iter()
        .map(|(_, s)| s.next)
        .filter(|d| *d > today)
        .min();
    if let Some(day) = next_day {
        let mut on_that_day: Vec<&(&Cycle, CycleStatus)> =
            statuses.iter().filter(|(_, s)| s.next == day).collect();
        on_that_day.sort_by_key(|(c, _)| std::cmp::Reverse(c.duration_minutes));
        let names: Vec<String> = on_that_day
            .iter()
            .map(|(c, _)| clean(&c.name).into_owned())
            .collect();
        lines.push(Line::from(vec![
            label("Next"),
            Span::raw(format!(
                "{} on {}, {}",
                names.join(" · "),
                dates::short(day, today),
                dates::relative(day, today)
            )),
        ]));
    }
    lines
}

/// "Ana 2 open (1 late) · Bo 1 open": open action items per owner.
fn action_counts(model: &Model) -> Option<String> {
    let mut owners: Vec<(String, usize, usize)> = Vec::new();
    for item in model
        .actions
        .iter()
        .filter(|i| i.status == crate::actions::Status::Open)
    {
        let late = usize::from(item.overdue(model.today));
        match owners.iter_mut().find(|(name, ..)| *name == item.owner) {
            Some((_, open, overdue)) => {
                *open += 1;
                *overdue += late;
            }
            None => owners.push((item.owner.clone(), 1, late)),
        }
    }
    if owners.is_empty() {
        return None;
    }
    owners.sort();
    let parts: Vec<String> = owners
        .iter()
        .map(|(name, open, late)| match late {
            0 => format!("{} {open} open", clean(name)),
            late => format!("{} {open} open ({late} late)", clean(name)),
        })
        .collect();
    Some(parts.join(" · "))
}

fn render_table(model: &Model, frame: &mut Frame, area: Rect) {
    let today = model.today;
    let wide = area.width >= 100;
    let header = Row::new(["Cycle", "When", "Length", "Next", "Last held"]).style(theme::heading());
    let rows = model.cycles.iter().map(|cycle| {
        let status = model.status(cycle);
        let (next, next_style) = next_cell(&status, today, wide);
        let in_progress = model
            .unfinished
            .as_ref()
            .is_some_and(|u| u.meeting.cycle_key == cycle.key);
        let last = match status.last_held {
            _ if in_progress => "running".into(),
            Some(date) if wide => format!(
                "{} ({})",
                dates::short(date, today),
                dates::relative(date, today)
            ),
            Some(date) => dates::compact(date, today),
            None => "never".into(),
        };
        Row::new([
            Cell::from(clean(&cycle.name).into_owned()),
            Cell::from(if wide {
                clean(&cycle.frequency).into_owned()
            } else {
                fit(&cycle.frequency, 22)
            }),
            Cell::from(clean(&cycle.duration_label).into_owned()),
            Cell::from(next).style(next_style),
            Cell::from(last),
        ])
    });
    // At 80 columns every cell must fit whole: "First month of quarter", "due since 23 Nov".
    let widths = if wide {
        [
            Constraint::Length(10),
            Constraint::Fill(1),
            Constraint::Length(10),
            Constraint::Fill(1),
            Constraint::Fill(1),
        ]
    } else {
        [
            Constraint::Length(10),
            Constraint::Length(22),
            Constraint::Length(10),
            Constraint::Length(20),
            Constraint::Length(10),
        ]
    };
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme::selected())
        .highlight_symbol("▶ ")
        .block(
            Block::bordered()
                .title(Span::styled(" Review cycles ", theme::title()))
                .border_style(theme::border()),
        );
    let mut state = TableState::default().with_selected(Some(model.home_selected));
    frame.render_stateful_widget(table, area, &mut state);
}

/// The "Next" column: due now, or the next date.
fn next_cell(
    status: &CycleStatus,
    today: chrono::NaiveDate,
    wide: bool,
) -> (String, ratatui::style::Style) {
    if status.due_today(today) {
        return ("due today".into(), theme::good());
    }
    // A cycle never held is shown by its next date: "due since" a date before anyone used
    // kaizen would only be noise.
    let held_before = status.last_held.is_some();
    if let (true, true, Some(since)) = (status.overdue(today), held_before, status.latest) {
        return (
            format!("due since {}", dates::compact(since, today)),
            theme::warn(),
        );
    }
    if wide {
        let date = dates::short(status.next, today);
        (
            format!("{date} ({})", dates::relative(status.next, today)),
            ratatui::style::Style::new(),
        )
    } else {
        (
            dates::compact(status.next, today),
            ratatui::style::Style::new(),
        )
    }
}

fn render_detail(model: &Model, cycle: &Cycle, frame: &mut Frame, area: Rect) {
    let mut lines = vec![Line::from(vec![
        Span::styled(format!(" {}", clean(&cycle.name)), theme::heading()),
        Span::raw(format!(
            " · {} · {}",
            clean(&cycle.duration_label),
            clean(&cycle.participants.join(", "))
        )),
    ])];
    let room = usize::from(area.width.saturating_sub(2)).max(20);
    let mut start = 0;
    let mut number = 0;
    let mut agenda = cycle.sections.iter();
    // The plan as the meeting will run it (the Follow-ups step first when items are open).
    for step in cycle.steps(model.has_open_actions()) {
        let end = start + step.minutes;
        // Numbered as the meeting numbers its steps (g jumps by these numbers).
        number += 1;
        let (mark, points) = if step.followups {
            (
                format!(" {number:>2}. "),
                "Open action items of earlier meetings".to_string(),
            )
        } else {
            let points = agenda
                .next()
                .map(|s| s.talking_points.join(" · "))
                .unwrap_or_default();
            (format!(" {number:>2}. "), points)
        };
        let mut line = vec![
            Span::styled(mark, theme::dim()),
            Span::raw(format!("{:<28}", clean(step.title))),
            Span::raw(format!("{:>8}", format_minutes(step.minutes))),
            Span::styled(format!("   {}–{}", clock(start), clock(end)), theme::dim()),
        ];
        if step.gives > 0 {
            line.push(Span::styled(
                format!("  {} to Follow-ups", format_minutes(step.gives)),
                theme::dim(),
            ));
        }
        lines.push(Line::from(line));
        lines.push(Line::styled(
            format!("     {}", fit(&points, room - 5)),
            theme::dim(),
        ));
        start = end;
    }
    lines.push(Line::from(vec![
        Span::styled(" Outputs     ", theme::dim()),
        Span::raw(fit(&cycle.outputs.join(" · "), room - 13)),
    ]));
    for group in &cycle.categories {
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<12}", group.name()), theme::dim()),
            Span::raw(fit(&group.items.join(" · "), room - 13)),
        ]));
    }
    let status = model.status(cycle);
    let due = if status.due {
        "due now".to_string()
    } else {
        format!("next {}", dates::short(status.next, model.today))
    };
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} agenda · {due} ", clean(&cycle.name)),
            theme::title(),
        ))
        .border_style(theme::border());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Minutes from the meeting's start as h:mm.
pub fn clock(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}
