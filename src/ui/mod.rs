//! Pure rendering: draws the model into a frame, never mutates it, never does IO.

mod action_list;
pub mod agenda;
mod checklist;
mod chrome;
pub mod clock;
pub(crate) mod dates;
mod detail;
mod dialog;
mod findings;
pub mod followups;
pub mod help;
mod history;
mod home;
mod incidents;
mod lessons;
mod meeting;
pub mod panel;
mod popup;
mod quadrant;
mod roster;
mod scorecard;
mod summary;
pub mod theme;

use crate::model::{Model, Screen};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// The smallest terminal kaizen lays out for; below it a message asks for more room.
pub const MIN_SIZE: (u16, u16) = (80, 24);

pub fn render(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        too_small(frame, area);
        return;
    }
    let [header, _, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let body = body_area(area);
    chrome::header(model, frame, header);
    match (&model.screen, model.meeting()) {
        (Screen::Home, _) => home::render(model, frame, body),
        (Screen::Agenda(view), _) => agenda::render(model, view, frame, body),
        (Screen::Meeting, Some(meeting)) => meeting::render(model, meeting, frame, body),
        (Screen::Summary, Some(meeting)) => summary::render(model, meeting, frame, body),
        (Screen::Actions(list), _) => action_list::render(model, list, frame, body),
        (Screen::Roster(view), _) => roster::render(model, view, frame, body),
        (Screen::Quadrant(view), _) => quadrant::render(model, view, frame, body),
        (Screen::Opportunity(view), _) => detail::render(model, view, frame, body),
        (Screen::History(view), _) => history::render(view, frame, body),
        (Screen::Incident(view), _) => incidents::render_detail(model, view, frame, body),
        (Screen::Report(_), _) => history::render_report(model, frame, body),
        (Screen::Scorecard(view), _) => scorecard::render(model, view, frame, body),
        (Screen::Lessons(view), _) => lessons::render(view, frame, body),
        (Screen::Meeting | Screen::Summary, None) => {}
    }
    chrome::footer(model, frame, footer);
    match (&model.screen, &model.focus) {
        (Screen::Actions(_), crate::model::Focus::Question(question)) => {
            followups::render_question(question, frame, body);
        }
        (
            Screen::Actions(_)
            | Screen::Quadrant(_)
            | Screen::Opportunity(_)
            | Screen::Incident(_)
            | Screen::Scorecard(_),
            crate::model::Focus::NewAction(form),
        ) => {
            meeting::render_action_form(form, frame, body);
        }
        _ => {}
    }
    if let Some(dialog) = &model.dialog {
        dialog::render(model, dialog, frame, body);
    }
    if model.help_open {
        help::render(
            model.keymap(),
            model.mode_under_help(),
            model.help_scroll,
            frame,
            area,
        );
    }
    if model.theme == theme::Theme::HighContrast {
        theme::high_contrast(frame.buffer_mut());
    }
    if model.plain {
        without_colour(frame.buffer_mut());
    }
}

/// `NO_COLOR`: every colour taken off, the emphasis kept (bold keys, reversed banners and
/// selections, underlines), so nothing the screen says is lost with the colour.
fn without_colour(buffer: &mut ratatui::buffer::Buffer) {
    use ratatui::style::Color;
    for cell in buffer.content.iter_mut() {
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
        cell.underline_color = Color::Reset;
    }
}

/// The area between the title bar and the footer.
fn body_area(area: Rect) -> Rect {
    Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let message = format!(
        "terminal too small (need {}x{}, have {}x{})",
        MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
    );
    let [middle] = Layout::vertical([Constraint::Length(3)])
        .flex(Flex::Center)
        .areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(message).style(theme::warn()))
            .centered()
            .wrap(ratatui::widgets::Wrap { trim: true }),
        middle,
    );
}
