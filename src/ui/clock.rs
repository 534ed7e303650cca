//! Clock faces: how durations read ("04:12", "1:59:42", "+01:23") and the big countdown
//! drawn with block characters, as large as the space allows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use tui_big_text::{BigText, PixelSize};

/// A countdown: "04:12" or "1:59:42"; past zero it counts up as "+01:23".
pub fn countdown(remaining_secs: i64) -> String {
    let sign = if remaining_secs < 0 { "+" } else { "" };
    format!("{sign}{}", duration(remaining_secs.abs()))
}

/// "04:12", or "1:05:09" from an hour up.
pub fn duration(secs: i64) -> String {
    let secs = secs.max(0);
    let (hours, minutes, seconds) = (secs / 3600, secs / 60 % 60, secs % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes:02}:{seconds:02}")
    }
}

/// Whole minutes, rounded to nearest, as people say them: "12 min".
pub fn minutes(secs: i64) -> String {
    format!("{} min", (secs + 30).div_euclid(60))
}

/// The glyph sizes to try, largest first, with the cells one character takes.
const SIZES: [(PixelSize, u16, u16); 4] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    // Hour-long timeboxes ("1:59:42") are too wide for the two above at 80 columns.
    (PixelSize::HalfWidth, 4, 8),
    (PixelSize::Quadrant, 4, 4),
];

/// The rows the big clock will take in an area of this size.
pub fn big_height(text: &str, area: Rect) -> u16 {
    fitting_size(text, area).map_or(1, |(_, _, height)| height)
}

fn fitting_size(text: &str, area: Rect) -> Option<(PixelSize, u16, u16)> {
    let chars = text.chars().count() as u16;
    SIZES
        .into_iter()
        .find(|(_, width, height)| chars * width <= area.width && *height <= area.height)
}

/// Draws `text` in the biggest block letters that fit, or plainly when none do.
pub fn render_big(frame: &mut Frame, area: Rect, text: &str, style: Style) {
    match fitting_size(text, area) {
        Some((size, _, _)) => {
            let big = BigText::builder()
                .pixel_size(size)
                .style(style)
                .lines(vec![Line::from(text.to_string())])
                .centered()
                .build();
            frame.render_widget(big, area);
        }
        None => frame.render_widget(
            ratatui::widgets::Paragraph::new(Line::styled(text.to_string(), style)).centered(),
            area,
        ),
    }
}
