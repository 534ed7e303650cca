//! The side of the meeting screen: the agenda, with each section's times, and attendance.

use super::section::clock_style;
use crate::command::{Command, Mode};
use crate::meeting::{Meeting, SectionRun};
use crate::model::{Focus, Model};
use crate::text::{clean, fit};
use crate::ui::clock::{countdown, duration};
use crate::ui::theme;
use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub(super) fn render_agenda(model: &Model, meeting: &Meeting, frame: &mut Frame, area: Rect) {
    let room = usize::from(area.width.saturating_sub(4));
    let mut lines = Vec::new();
    for (index, run) in meeting.sections.iter().enumerate() {
        let current = index == meeting.current;
        // Only sections before the current one are done; later ones are still to come,
        // even if the meeting visited them before going back.
        let (marker, style) = match (current, run.visited, index < meeting.current) {
            (true, ..) => ("▶", theme::heading().fg(theme::ACCENT)),
            (false, true, true) => ("✓", Style::new()),
            (false, true, false) => ("·", Style::new()),
            (false, false, _) => (" ", theme::dim()),
        };
        let title = fit(
            &format!("{} {}", index + 1, run.title),
            room.saturating_sub(2),
        );
        lines.push(Line::styled(format!("{marker} {title}"), style));
        lines.push(section_times(model.now, run, current));
    }
    // Where the improvement checklist is, and how far the team got through it.
    let items = model.checklist_rows().len();
    let checklist = match items {
        0 => String::new(),
        _ => {
            let key = model
                .keymap()
                .keys_for(Mode::Meeting, Command::OpenChecklist);
            format!(" {key} checklist {}/{items} ", model.checklist_ticked())
        }
    };
    let block = Block::bordered()
        .title(Span::styled(" Agenda ", theme::title()))
        .title_bottom(Span::styled(checklist, theme::dim()))
        .border_style(theme::border());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(block),
        area,
    );
}

/// The second line of a section in the agenda: "04:12 left · 10m", "+01:23 over · 10m",
/// "took 12:03 · 10m", or the plan alone, with "(was 10)" when the timebox changed.
pub(super) fn section_times(
    now: DateTime<FixedOffset>,
    run: &SectionRun,
    current: bool,
) -> Line<'static> {
    let plan = run.timer.planned_secs;
    let remaining = run.timer.remaining_secs(now);
    let mut spans = vec![Span::raw("   ")];
    if current {
        let word = if remaining < 0 { "over" } else { "left" };
        spans.push(Span::styled(
            format!("{} {word}", countdown(remaining)),
            clock_style(remaining, run.timer.is_running()),
        ));
        spans.push(Span::styled(" · ", theme::dim()));
    } else if run.visited {
        spans.push(Span::styled(
            format!("took {}", duration(run.timer.spent_secs(now))),
            if remaining < 0 {
                theme::bad()
            } else {
                Style::new()
            },
        ));
        spans.push(Span::styled(" · ", theme::dim()));
    }
    spans.push(Span::styled(format!("{}m", (plan + 30) / 60), theme::dim()));
    if plan != run.original_secs {
        spans.push(Span::styled(
            format!(" (was {})", run.original_secs / 60),
            theme::warn(),
        ));
    }
    Line::from(spans)
}

pub(super) fn render_attendance(model: &Model, meeting: &Meeting, frame: &mut Frame, area: Rect) {
    let selected = match model.focus {
        Focus::Attendance { selected } => Some(selected),
        _ => None,
    };
    let present = meeting.attendees.iter().filter(|a| a.present).count();
    let room = usize::from(area.width.saturating_sub(6));
    let mut lines: Vec<Line> = meeting
        .attendees
        .iter()
        .enumerate()
        .map(|(index, person)| {
            let mark = if person.present { "☑" } else { "☐" };
            let style = match (Some(index) == selected, person.present) {
                (true, _) => theme::selected(),
                (false, true) => Style::new(),
                (false, false) => theme::dim(),
            };
            Line::styled(format!(" {mark} {}", fit(&person.name, room)), style)
        })
        .collect();
    if lines.is_empty() && !matches!(model.focus, Focus::NewAttendee(_)) {
        lines.push(Line::styled(
            " Nobody on the roster yet: press a twice to add a name",
            theme::dim(),
        ));
    }
    if let Focus::NewAttendee(input) = &model.focus {
        let typed = input.lines().join(" ");
        lines.push(Line::styled(format!(" + {}▏", clean(&typed)), theme::key()));
    }
    let focused = selected.is_some() || matches!(model.focus, Focus::NewAttendee(_));
    let block = Block::bordered()
        .title(Span::styled(
            match meeting.attendees.len() {
                0 => " Attendance ".to_string(),
                all => format!(" Attendance {present}/{all} "),
            },
            theme::title(),
        ))
        .title_bottom(Span::styled(
            if focused { "" } else { " a edits " },
            theme::dim(),
        ))
        .border_style(if focused {
            theme::key()
        } else {
            theme::border()
        });
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(block),
        area,
    );
}
