//! Colours and styles, in one place so every screen agrees. Plain ANSI colours: they follow
//! the facilitator's terminal theme and survive screen sharing.

use ratatui::style::{Color, Modifier, Style};

pub const ACCENT: Color = Color::Cyan;
pub const GOOD: Color = Color::Green;
pub const WARN: Color = Color::Yellow;
pub const BAD: Color = Color::Red;

pub fn title() -> Style {
    Style::new().fg(ACCENT).add_modifier(Modifier::BOLD)
}

pub fn heading() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn key() -> Style {
    Style::new().fg(ACCENT).add_modifier(Modifier::BOLD)
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

pub fn good() -> Style {
    Style::new().fg(GOOD).add_modifier(Modifier::BOLD)
}

pub fn warn() -> Style {
    Style::new().fg(WARN)
}

pub fn border() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn bad() -> Style {
    Style::new().fg(BAD).add_modifier(Modifier::BOLD)
}

/// The paused badge: impossible to miss from across the room.
pub fn paused() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(WARN)
        .add_modifier(Modifier::BOLD)
}
