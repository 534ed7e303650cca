//! The frame around every screen: the title bar (today's date, or the meeting clock while a
//! meeting runs) and the footer of key hints generated from the keymap, or a passing message.

use super::theme;
use crate::command::{Command, Mode};
use crate::model::{Model, Screen};
use crate::text::clean;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn header(model: &Model, frame: &mut Frame, area: Rect) {
    let mut left = vec![Span::styled(" kaizen ", theme::title())];
    // Opportunities opened from a running meeting keep its clock in sight.
    let meeting = model.meeting().filter(|_| {
        matches!(model.screen, Screen::Meeting | Screen::Summary) || model.meeting_on_screen()
    });
    let right = match meeting {
        Some(meeting) => {
            left.push(Span::styled(
                format!("{} review", clean(&meeting.cycle_name)),
                theme::heading(),
            ));
            if model.read_only() {
                left.push(Span::styled("  READ-ONLY", theme::warn()));
            }
            if model.demo {
                left.push(Span::styled("  DEMO", theme::warn()));
            }
            let mut spans = if model.screen != Screen::Meeting && model.meeting_on_screen() {
                super::meeting::section_clock(meeting, model.now)
            } else if model.meeting_on_screen() {
                super::meeting::meeting_clock(meeting, model.now)
            } else {
                Vec::new()
            };
            spans.push(Span::raw(format!("  {} ", model.now.format("%H:%M"))));
            spans
        }
        _ => {
            left.push(Span::styled("continuous-improvement reviews", theme::dim()));
            let date = format!("  {} ", model.today.format("%a %-d %b %Y"));
            let used = Line::from(left.clone()).width() + date.chars().count() + 2;
            let room = usize::from(area.width).saturating_sub(used);
            vec![
                Span::styled(keep_tail(&clean(&model.store_label), room), theme::dim()),
                Span::raw(date),
            ]
        }
    };
    let mut right = right;
    if model.read_error.is_some() {
        right.insert(0, Span::styled(" NOT READ ", theme::bad().reversed()));
    }
    if model.saves_waiting > 0 {
        right.insert(
            0,
            Span::styled(
                format!(" {} WAITING TO SAVE ", model.saves_waiting),
                theme::warn().reversed(),
            ),
        );
    }
    if model.save_error.is_some() {
        right.insert(0, Span::styled(" NOT SAVED ", theme::bad().reversed()));
    }
    let left = Line::from(left);
    let [left_area, right_area] = Layout::horizontal([
        Constraint::Length(left.width() as u16 + 1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(left), left_area);
    frame.render_widget(
        Paragraph::new(Line::from(right).alignment(Alignment::Right)),
        right_area,
    );
}

pub fn footer(model: &Model, frame: &mut Frame, area: Rect) {
    let mode = model.mode();
    let rows = model.keymap().footer_hints(mode);
    // "? keys" always shows: whatever else does not fit gives way to it.
    let help = rows
        .iter()
        .find(|row| row.command == Command::ToggleHelp)
        .cloned();
    let width = usize::from(area.width);
    let reserve = help.as_ref().map_or(0, hint_width);
    let mut spans = vec![Span::raw(" ")];
    if let Some(toast) = &model.toast {
        let room = width.saturating_sub(reserve + 5);
        spans.push(Span::styled(
            format!(" {} ", crate::text::fit(&clean(&toast.text), room)),
            theme::paused(),
        ));
        spans.push(Span::raw("  "));
    }
    if mode == Mode::Jump {
        spans.push(Span::styled(
            "type a section number 1-9  ",
            theme::heading(),
        ));
    }
    if model.screen == Screen::Home && model.unfinished.is_some() && model.dialog.is_none() {
        spans.push(Span::styled("c", theme::key()));
        spans.push(Span::raw(" unfinished meeting  "));
    }
    if model.dialog.is_some() {
        // The dialog shows its own keys.
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    let paused = model
        .meeting()
        .is_some_and(|m| m.ended_at.is_none() && !m.current_run().timer.is_running());
    let mut used = Line::from(spans.clone()).width();
    let mut reserve = reserve;
    let mut full = false;
    for mut hint in rows {
        // The pause key says what it does now.
        if hint.command == Command::ToggleTimer && paused {
            hint.help = "resume";
        }
        let needs = hint_width(&hint);
        if hint.command == Command::ToggleHelp {
            reserve = 0;
        } else if full || used + needs + reserve > width {
            // The hints that fit, in order; the rest are in the ? help.
            full = true;
            continue;
        }
        used += needs;
        spans.push(Span::styled(hint.keys, theme::key()));
        spans.push(Span::raw(format!(" {}  ", hint.help)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The columns a hint takes in the footer: its keys, a space, what it does, two spaces.
fn hint_width(hint: &crate::keymap::KeyHelp) -> usize {
    Span::raw(format!("{} {}  ", hint.keys, hint.help)).width()
}

/// The end of `text` in at most `room` columns: a long path keeps its file name.
pub(super) fn keep_tail(text: &str, room: usize) -> String {
    let count = text.chars().count();
    if count <= room {
        return text.to_string();
    }
    let tail: String = text.chars().skip(count + 1 - room.max(1)).collect();
    format!("…{tail}")
}
