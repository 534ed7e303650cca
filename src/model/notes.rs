//! The notes editor for the current section: a text area whose content is copied into the
//! section run, and saved at the next tick, when leaving the section, and on exit.

use crate::text::clean_multiline;
use ratatui_textarea::TextArea;

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

    /// A key typed into the notes; true when the text changed.
    pub fn key(&mut self, key: crossterm::event::KeyEvent) -> bool {
        let changed = self.area.input(key);
        self.dirty |= changed;
        changed
    }

    /// Pasted text goes in as text: control characters are made visible first.
    pub fn paste(&mut self, text: &str) {
        self.dirty |= self.area.insert_str(clean_multiline(text));
    }
}
