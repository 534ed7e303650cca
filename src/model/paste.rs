//! Pasted text goes into whichever field is taking text, as text: control and escape
//! characters are made visible, and a one-line field gets the lines joined with spaces.

use super::{Focus, Model, Screen};
use crate::command::Mode;
use crate::text::clean;
use ratatui_textarea::TextArea;

impl Model {
    pub(super) fn paste(&mut self, text: &str) {
        if self.mode() == Mode::Notes {
            if let Err(cut) = self.notes.paste(text) {
                self.say(cut);
            }
            self.copy_notes_into_run();
            self.dirty = true;
            return;
        }
        let one_line = text.split(['\r', '\n']).collect::<Vec<_>>().join(" ");
        let one_line = clean(one_line.trim()).into_owned();
        if let Some(field) = self.field_taking_text() {
            field.insert_str(one_line);
            self.dirty = true;
        }
    }

    /// The one-line field being typed into, if any.
    fn field_taking_text(&mut self) -> Option<&mut TextArea<'static>> {
        if self.dialog.is_some() || self.help_open {
            return None;
        }
        match (&mut self.focus, &mut self.screen) {
            (Focus::NewAttendee(field), _) => Some(field),
            (Focus::NewAction(form), _) => Some(&mut form.fields[form.field]),
            (Focus::Question(question), _) => Some(&mut question.input),
            (_, Screen::Quadrant(view)) => view.input.as_mut().map(|(_, field)| field),
            (_, Screen::Opportunity(view)) => view.input.as_mut(),
            (_, Screen::Roster(view)) => view.input.as_mut().map(|input| &mut input.field),
            _ => None,
        }
    }
}
