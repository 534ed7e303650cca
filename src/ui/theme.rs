//! Colours and styles, in one place so every screen agrees. Plain ANSI colours: they follow
//! the facilitator's terminal theme and survive screen sharing.

use ratatui::style::{Color, Modifier, Style};

/// How the screen is coloured: the terminal's own theme, or high contrast for projectors and
/// screen shares (white on black, bright colours, nothing dim).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    #[default]
    Default,
    HighContrast,
}

/// The drawn screen made high contrast: plain text white on black, dim grey made white,
/// each colour its bright version and bold. What is said stays the same: status is in words
/// or symbols as well as in colour on every theme.
pub fn high_contrast(buffer: &mut ratatui::buffer::Buffer) {
    for cell in buffer.content.iter_mut() {
        let (fg, bold) = match cell.fg {
            Color::Reset | Color::DarkGray | Color::Gray | Color::White => (Color::White, false),
            Color::Cyan => (Color::LightCyan, true),
            Color::Green => (Color::LightGreen, true),
            Color::Yellow => (Color::LightYellow, true),
            Color::Red => (Color::LightRed, true),
            other => (other, false),
        };
        cell.fg = fg;
        if cell.bg == Color::Reset {
            cell.bg = Color::Black;
        }
        cell.modifier.remove(Modifier::DIM);
        if bold {
            cell.modifier.insert(Modifier::BOLD);
        }
    }
}

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
