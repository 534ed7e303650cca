//! The lessons library on screen (`L` from home): every lesson, newest first, searched as
//! it is typed (`/`, every word must be there) and narrowed to a category (`f`), with the
//! selected lesson's text beside or under the list.

use super::{Model, Screen};
use crate::command::Command;
use crate::cycles::Category;
use crate::effect::Effect;
use crate::lessons::Lesson;
use ratatui_textarea::TextArea;

#[derive(Clone, Debug, Default)]
pub struct LessonsView {
    /// `None` while the library is read.
    pub lessons: Option<Vec<Lesson>>,
    /// Why it could not be read.
    pub error: Option<String>,
    pub selected: usize,
    /// The search in force: words every lesson shown has.
    pub search: String,
    /// The search being typed (it applies as it is typed).
    pub typing: Option<TextArea<'static>>,
    pub category: Option<Category>,
}

/// The same screen state: the same lessons, selection, search and category, typing or not.
impl PartialEq for LessonsView {
    fn eq(&self, other: &Self) -> bool {
        (
            &self.lessons,
            &self.error,
            self.selected,
            &self.search,
            self.typing.is_some(),
            self.category,
        ) == (
            &other.lessons,
            &other.error,
            other.selected,
            &other.search,
            other.typing.is_some(),
            other.category,
        )
    }
}

impl LessonsView {
    /// The words searched for now: what is being typed, else the search in force.
    pub fn words(&self) -> String {
        match &self.typing {
            Some(field) => field.lines().join(" ").trim().to_string(),
            None => self.search.clone(),
        }
    }

    /// The lessons shown, newest first.
    pub fn shown(&self) -> Vec<&Lesson> {
        let Some(lessons) = &self.lessons else {
            return Vec::new();
        };
        let words = self.words();
        let text = Some(words.as_str()).filter(|w| !w.is_empty());
        let category = self.category.map(|c| c.name().to_lowercase());
        crate::lessons::search(lessons, text, category.as_deref())
    }

    pub fn selected_lesson(&self) -> Option<&Lesson> {
        let shown = self.shown();
        shown
            .get(self.selected.min(shown.len().saturating_sub(1)))
            .copied()
    }
}

impl Model {
    pub(super) fn open_lessons(&mut self) -> Vec<Effect> {
        self.screen = Screen::Lessons(Box::default());
        vec![Effect::LoadLessons]
    }

    pub(super) fn lessons_loaded(&mut self, lessons: Vec<Lesson>) -> Vec<Effect> {
        if let Screen::Lessons(view) = &mut self.screen {
            view.lessons = Some(lessons);
            view.error = None;
            view.selected = view.selected.min(view.shown().len().saturating_sub(1));
            self.dirty = true;
        }
        Vec::new()
    }

    pub(super) fn run_lessons(&mut self, command: Command) -> Vec<Effect> {
        let Screen::Lessons(view) = &mut self.screen else {
            return Vec::new();
        };
        if view.typing.is_some() {
            match command {
                Command::Confirm => {
                    view.search = view.words();
                    view.typing = None;
                }
                Command::Cancel => view.typing = None,
                _ => {}
            }
            view.selected = 0;
            return Vec::new();
        }
        let last = view.shown().len().saturating_sub(1);
        match command {
            Command::Up => view.selected = view.selected.min(last).saturating_sub(1),
            Command::Down => view.selected = (view.selected + 1).min(last),
            Command::Top => view.selected = 0,
            Command::Bottom => view.selected = last,
            Command::Filter => {
                let mut field = TextArea::from([view.search.clone()]);
                field.move_cursor(ratatui_textarea::CursorMove::End);
                field.set_placeholder_text("words every lesson shown has");
                view.typing = Some(field);
            }
            Command::CycleFilter => {
                view.category = next_category(view.category);
                view.selected = 0;
            }
            Command::Back if !view.search.is_empty() => {
                // Esc clears the search first, then leaves.
                view.search.clear();
                view.selected = 0;
            }
            Command::Back => self.screen = Screen::Home,
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn lessons_key(&mut self, key: crossterm::event::KeyEvent) {
        if let Screen::Lessons(view) = &mut self.screen
            && let Some(field) = &mut view.typing
        {
            field.input(key);
            view.selected = 0;
        }
    }
}

/// All, then each category in turn, then all again.
fn next_category(now: Option<Category>) -> Option<Category> {
    let all = Category::ALL;
    match now {
        None => all.first().copied(),
        Some(category) => all
            .iter()
            .position(|c| *c == category)
            .and_then(|i| all.get(i + 1))
            .copied(),
    }
}
