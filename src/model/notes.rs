//! The notes editor for the current section: a text area whose content is copied into the
//! section run, and saved at the next tick, when leaving the section, and on exit.

use crate::text::clean_multiline;
use ratatui_textarea::TextArea;

pub use crate::meeting::NOTES_LIMIT;

#[derive(Default)]
pub struct NotesEditor {
    pub area: TextArea<'static>,
    /// Typed since the last save.
    pub dirty: bool,
}

impl NotesEditor {
    /// Shows `notes` in the editor (entering a section).
    pub fn load(&mut self, notes: &str) {
        let lines: Vec<String> = notes.lines().map(str::to_string).collect();
        self.area = TextArea::new(if lines.is_empty() {
            vec![String::new()]
        } else {
            lines
        });
        self.area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        self.area.move_cursor(ratatui_textarea::CursorMove::End);
        self.area
            .set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        self.area
            .set_placeholder_text("Notes for this section. Saved as you type.");
        self.dirty = false;
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The notes' size in bytes, as they are saved.
    pub fn bytes(&self) -> usize {
        let lines = self.area.lines();
        lines.iter().map(String::len).sum::<usize>() + lines.len().saturating_sub(1)
    }

    /// A key typed into the notes; true when the text changed. A key that would take the
    /// notes past [`NOTES_LIMIT`] is taken back (`Err` says so).
    pub fn key(&mut self, key: crossterm::event::KeyEvent) -> Result<bool, String> {
        let before = self.bytes();
        let changed = self.area.input(key);
        // Only growing past the limit is refused: notes longer from before can be cut down.
        if changed && self.bytes() > NOTES_LIMIT && self.bytes() > before {
            self.area.undo();
            return Err(full());
        }
        self.dirty |= changed;
        Ok(changed)
    }

    /// Pasted text goes in as text: control characters are made visible first. What would
    /// take the notes past [`NOTES_LIMIT`] is left out, and `Err` says how much.
    pub fn paste(&mut self, text: &str) -> Result<(), String> {
        let text = clean_multiline(text);
        let room = NOTES_LIMIT.saturating_sub(self.bytes());
        if text.len() <= room {
            self.dirty |= self.area.insert_str(text);
            return Ok(());
        }
        let mut cut = room;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        self.dirty |= self.area.insert_str(&text[..cut]);
        Err(format!(
            "Pasted {} KiB; {} KiB did not fit: a section's notes hold {} KiB",
            text.len().div_ceil(1024),
            (text.len() - cut).div_ceil(1024),
            NOTES_LIMIT / 1024
        ))
    }
}

fn full() -> String {
    format!(
        "The notes are full: a section's notes hold {} KiB",
        NOTES_LIMIT / 1024
    )
}
