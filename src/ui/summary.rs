//! The end-of-meeting screen: planned against actual time for every section and in total,
//! attendance, and the rating prompt.

use super::clock::duration;
use super::theme;
use crate::meeting::Meeting;
use crate::model::Model;
use crate::model::report_view::ReportView;
use crate::text::{clean, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

pub fn render(model: &Model, meeting: &Meeting, frame: &mut Frame, area: Rect) {
    let ended = meeting.ended_at.unwrap_or(model.now);
    let title = format!(
        " {} review · {} · {}–{} ",
        clean(&meeting.cycle_name),
        meeting.held_on.format("%a %-d %b %Y"),
        meeting.started_at.format("%H:%M"),
        ended.format("%H:%M")
    );
    let block = Block::bordered()
        .title(Span::styled(title, theme::title()))
        .border_style(theme::border())
        .padding(ratatui::widgets::Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let table_height = meeting.sections.len() as u16 + 3;
    let [table, people, notes, rating] = Layout::vertical([
        Constraint::Length(table_height),
        Constraint::Length(3),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    render_times(model, meeting, frame, table);
    render_people(meeting, frame, people);
    let report = model
        .report
        .as_ref()
        .filter(|r| Some(r.meeting) == meeting.id);
    match report {
        // Wide: the notes beside the report. Narrow: the report, which holds the notes too.
        Some(report) if notes.width >= 100 => {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)])
                    .spacing(1)
                    .areas(notes);
            render_notes(meeting, frame, left);
            render_report(report, model.demo, frame, right);
        }
        // Narrow: the notes first (up to half the room), the report under them.
        Some(report) => {
            let wanted = notes_lines(meeting, notes.width).len() as u16;
            let [top, bottom] = Layout::vertical([
                Constraint::Length(wanted.min(notes.height / 2)),
                Constraint::Fill(1),
            ])
            .areas(notes);
            render_notes(meeting, frame, top);
            render_report(report, model.demo, frame, bottom);
        }
        None => render_notes(meeting, frame, notes),
    }
    render_rating(model, meeting, frame, rating);
}

/// The report as it was written (or would be), scrolled with the arrows.
pub fn render_report(report: &ReportView, demo: bool, frame: &mut Frame, area: Rect) {
    let room = usize::from(area.width.saturating_sub(14));
    let (title, problem) = match &report.written {
        Some(Ok(path)) => (
            format!(
                " Report · {} ",
                super::chrome::keep_tail(&path.display().to_string(), room)
            ),
            None,
        ),
        Some(Err(error)) => (" Report · not written ".to_string(), Some(error.as_str())),
        None if demo => (" Report (not saved in the demo) ".to_string(), None),
        None => (" Report ".to_string(), None),
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme::title()))
        .title_bottom(Span::styled(" ↑↓ PgUp PgDn scroll ", theme::dim()))
        .border_style(theme::border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = problem
        .map(|problem| {
            wrap(problem, inner.width, "", "")
                .into_iter()
                .map(|line| Line::styled(line, theme::bad()))
                .collect()
        })
        .unwrap_or_default();
    // Long lines wrap (a cut line loses what a finding or an item says); the scroll still
    // counts the report's own lines, so each step brings the next one to the top.
    lines.extend(
        report
            .text
            .lines()
            .skip(usize::from(report.scroll))
            .flat_map(|line| wrap(&clean(line), inner.width, "", "  "))
            .take(usize::from(inner.height))
            .map(Line::raw),
    );
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_times(model: &Model, meeting: &Meeting, frame: &mut Frame, area: Rect) {
    let now = model.now;
    let row = |name: String, planned: i64, actual: i64, style: Style| {
        let diff = actual - planned;
        let sign = if diff > 0 {
            "+"
        } else if diff < 0 {
            "-"
        } else {
            " "
        };
        let diff_style = if diff > 0 {
            theme::bad()
        } else {
            theme::good()
        };
        Row::new([
            Cell::from(name),
            right(duration(planned)),
            right(duration(actual)),
            right(format!("{sign}{}", duration(diff.abs()))).style(diff_style),
        ])
        .style(style)
    };
    let mut rows: Vec<Row> = meeting
        .sections
        .iter()
        .enumerate()
        .map(|(index, run)| {
            let actual = run.timer.spent_secs(now);
            let name = format!("{}. {}", index + 1, clean(&run.title));
            if run.visited {
                row(name, run.original_secs, actual, Style::new())
            } else {
                Row::new([
                    Cell::from(name),
                    right(duration(run.original_secs)),
                    right("skipped".into()),
                    Cell::from(""),
                ])
                .style(theme::dim())
            }
        })
        .collect();
    rows.push(row(
        "Total".into(),
        meeting.budget_secs(),
        meeting.elapsed_secs(now),
        theme::heading(),
    ));
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(9),
        Constraint::Length(9),
        Constraint::Length(9),
    ];
    let header = Row::new([
        Cell::from("Section"),
        right("Planned".into()),
        right("Actual".into()),
        right("Diff".into()),
    ])
    .style(theme::heading());
    frame.render_widget(Table::new(rows, widths).header(header), area);
}

fn right(text: String) -> Cell<'static> {
    Cell::from(Line::from(text).right_aligned())
}

fn render_people(meeting: &Meeting, frame: &mut Frame, area: Rect) {
    if meeting.attendees.is_empty() {
        let line = Line::from("Attendance not taken: no one was on the roster");
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let names = |present: bool| -> String {
        let list: Vec<&str> = meeting
            .attendees
            .iter()
            .filter(|a| a.present == present)
            .map(|a| a.name.as_str())
            .collect();
        if list.is_empty() {
            "nobody".into()
        } else {
            list.join(", ")
        }
    };
    // Names wrap under names, not under the label.
    let mut lines: Vec<Line> = wrap(&names(true), area.width, "Present  ", "         ")
        .into_iter()
        .map(Line::from)
        .collect();
    lines.extend(
        wrap(&names(false), area.width, "Absent   ", "         ")
            .into_iter()
            .map(Line::from),
    );
    frame.render_widget(Paragraph::new(lines), area);
}

/// Each section's notes, so nothing typed in the meeting is out of sight at its end.
fn render_notes(meeting: &Meeting, frame: &mut Frame, area: Rect) {
    frame.render_widget(Paragraph::new(notes_lines(meeting, area.width)), area);
}

fn notes_lines(meeting: &Meeting, width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (index, run) in meeting.sections.iter().enumerate() {
        if run.notes.trim().is_empty() {
            continue;
        }
        lines.push(Line::styled(
            format!("{}. {}", index + 1, clean(&run.title)),
            theme::heading(),
        ));
        for line in run.notes.lines() {
            lines.extend(wrap(line, width, "   ", "   ").into_iter().map(Line::from));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled("No notes were taken.", theme::dim()));
    }
    lines
}

fn render_rating(model: &Model, meeting: &Meeting, frame: &mut Frame, area: Rect) {
    let rating = match meeting.rating {
        Some(rating) => Span::styled(format!(" {rating}/10 "), theme::selected()),
        None => Span::styled(" not rated ", theme::dim()),
    };
    let ask = if model.read_only() {
        "Rating".to_string()
    } else {
        "How useful was this meeting? Press 1-9, or 0 for 10 (optional): ".to_string()
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(ask, theme::heading()),
            rating,
        ])),
        area,
    );
}
