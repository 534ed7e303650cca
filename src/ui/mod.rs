//! Pure rendering: draws the model into a frame, never mutates it, never does IO.

pub mod agenda;
mod chrome;
mod dates;
mod help;
mod home;
pub mod text;
pub mod theme;

use crate::command::Mode;
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
    let screen_mode = match &model.screen {
        Screen::Home => {
            home::render(model, frame, body);
            Mode::Home
        }
        Screen::Agenda(view) => {
            agenda::render(model, view, frame, body);
            Mode::Agenda
        }
    };
    chrome::footer(model.mode(), frame, footer);
    if model.help_open {
        help::render(screen_mode, frame, area);
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
    let [middle] = Layout::vertical([Constraint::Length(1)])
        .flex(Flex::Center)
        .areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(message).style(theme::warn())).centered(),
        middle,
    );
}
