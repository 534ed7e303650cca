//! Questions over the screen: confirm ending or leaving a meeting, and what to do with a
//! meeting that was never ended.

use super::theme;
use crate::meeting::Meeting;
use crate::model::Model;
use crate::model::dialog::Dialog;
use crate::text::{clean, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn render(model: &Model, dialog: &Dialog, frame: &mut Frame, area: Rect) {
    let paused = model.meeting().is_some_and(|m| m.is_paused());
    let (title, text, keys) = match dialog {
        Dialog::ConfirmStart(index) => (
            " Start the meeting? ",
            match model.cycles.get(*index) {
                Some(cycle) if model.has_open_actions() => format!(
                    "Start the {} review now ({}: Follow-ups {}, then {} sections)? The first \
                     step's clock starts at once.",
                    clean(&cycle.name),
                    clean(&cycle.duration_label),
                    crate::cycles::format_minutes(cycle.followups_minutes),
                    cycle.sections.len()
                ),
                Some(cycle) => format!(
                    "Start the {} review now ({}, {} sections)? The first section's clock \
                     starts at once.",
                    clean(&cycle.name),
                    clean(&cycle.duration_label),
                    cycle.sections.len()
                ),
                None => String::new(),
            },
            "y/Enter start · n/Esc not now",
        ),
        Dialog::ConfirmLeave if model.demo => (
            " Leave the demo? ",
            "This is the demo: nothing was saved, and leaving ends it.".to_string(),
            "y/Enter leave · n/Esc stay",
        ),
        Dialog::ConfirmLeave if paused => (
            " Leave kaizen? ",
            "The meeting stays open, paused. Start kaizen again to resume it.".to_string(),
            "y/Enter leave · n/Esc stay",
        ),
        Dialog::ConfirmTakeOver => (
            " Take the meeting over? ",
            "Another kaizen runs this meeting. Taken over, it is run here, its clock going on \
             from what was saved, and the other kaizen only watches."
                .to_string(),
            "y/Enter take it over · n/Esc keep watching",
        ),
        Dialog::ConfirmEnd => (
            " End the meeting? ",
            "The clock stops and the summary shows planned against actual time.".to_string(),
            "y/Enter end it · n/Esc keep going",
        ),
        Dialog::ConfirmLeave => (
            " Leave kaizen? ",
            "The meeting stays open and its clock keeps running, as the meeting goes on in \
             the room. Start kaizen again to resume it."
                .to_string(),
            "y/Enter leave · n/Esc stay",
        ),
        Dialog::Resume(unfinished) if unfinished.elsewhere => (
            " Meeting running elsewhere ",
            format!(
                "{} {} is running it on this database; here you can watch it, and take it \
                 over from there (T) if they have left.",
                describe(model, &unfinished.meeting),
                unfinished
                    .holder
                    .as_deref()
                    .map_or_else(|| "Another kaizen".into(), clean)
            ),
            "Enter watch it · Esc not now",
        ),
        Dialog::Resume(unfinished) => (
            " Unfinished meeting ",
            format!(
                "{} It was never ended. Resume it where it was ({}), or end it now.{}",
                describe(model, &unfinished.meeting),
                if unfinished.meeting.is_paused() {
                    "it was paused"
                } else {
                    "its clock kept running"
                },
                match &model.pending_start {
                    Some(key) => format!(" The {key} meeting you asked for starts after it ends."),
                    None => String::new(),
                }
            ),
            "Enter resume · e end it now · Esc not now",
        ),
    };
    let width = 60.min(area.width.saturating_sub(4));
    let mut lines: Vec<Line> = wrap(&text, width.saturating_sub(4), "", "")
        .into_iter()
        .map(Line::from)
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(keys, theme::key())));
    let height = lines.len() as u16 + 2;
    let [popup] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(popup);
    let block = Block::bordered()
        .title(Span::styled(title, theme::title()))
        .border_style(theme::key())
        .padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        popup,
    );
}

fn describe(model: &Model, meeting: &Meeting) -> String {
    let day = if meeting.held_on == model.today {
        "today".to_string()
    } else {
        meeting.held_on.format("on %a %-d %b").to_string()
    };
    format!(
        "The {} meeting started {day} at {}, in section {} of {} ({}).",
        clean(&meeting.cycle_name),
        meeting.started_at.format("%H:%M"),
        meeting.current + 1,
        meeting.sections.len(),
        clean(&meeting.current_run().title)
    )
}
