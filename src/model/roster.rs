//! The team roster screen: the people who own action items and attend meetings, with an
//! optional handle and email address each ("Ana Lima @ana <ana@example.com>"). Add, edit,
//! remove (when they own nothing).

use super::{Model, Screen};
use crate::change::{Change, RosterChange};
use crate::command::Command;
use crate::effect::Effect;
use crate::people::Person;
use ratatui_textarea::TextArea;

#[derive(Clone, Debug, Default)]
pub struct RosterView {
    pub selected: usize,
    /// The name being typed: a new person, or a new name for `renaming`.
    pub input: Option<RosterInput>,
}

#[derive(Clone, Debug)]
pub struct RosterInput {
    pub renaming: Option<String>,
    pub field: TextArea<'static>,
}

/// Two views are the same screen state when the same person is selected and both are (or
/// are not) typing a name; the text being typed does not matter for that.
impl PartialEq for RosterView {
    fn eq(&self, other: &Self) -> bool {
        self.selected == other.selected && self.input.is_some() == other.input.is_some()
    }
}

/// Someone in the roster by name (any case) or by @handle.
pub fn find_person(
    people: &[String],
    handles: &std::collections::HashMap<String, String>,
    typed: &str,
) -> Option<String> {
    let typed = typed.trim();
    if let Some(handle) = typed.strip_prefix('@') {
        return people
            .iter()
            .find(|name| {
                handles
                    .get(*name)
                    .is_some_and(|h| h.eq_ignore_ascii_case(handle))
            })
            .cloned();
    }
    if let Some(name) = people.iter().find(|name| name.eq_ignore_ascii_case(typed)) {
        return Some(name.clone());
    }
    // "bo" is Bo Chen when no one else is called Bo: a first name, as people say it in
    // the room. Two Bos and it asks for more.
    let first = |name: &&String| {
        name.split_whitespace()
            .next()
            .is_some_and(|word| word.eq_ignore_ascii_case(typed))
    };
    let mut matches = people.iter().filter(first);
    match (matches.next(), matches.next()) {
        (Some(only), None) => Some(only.clone()),
        _ => None,
    }
}

impl Model {
    pub(super) fn open_roster(&mut self) {
        self.screen = Screen::Roster(Box::default());
    }

    fn roster_view(&mut self) -> Option<&mut RosterView> {
        match &mut self.screen {
            Screen::Roster(view) => Some(view),
            _ => None,
        }
    }

    pub(super) fn run_roster(&mut self, command: Command) -> Vec<Effect> {
        let people = self.people.clone();
        let last = people.len().saturating_sub(1);
        let Some(view) = self.roster_view() else {
            return Vec::new();
        };
        let selected = view.selected.min(last);
        if view.input.is_some() {
            return match command {
                Command::Confirm => self.finish_roster_input(),
                Command::Cancel => {
                    if let Some(view) = self.roster_view() {
                        view.input = None;
                    }
                    Vec::new()
                }
                _ => Vec::new(),
            };
        }
        match command {
            Command::Up => view.selected = selected.saturating_sub(1),
            Command::Down => view.selected = (selected + 1).min(last),
            Command::AddPerson => {
                let mut field = TextArea::default();
                field.set_placeholder_text("Name, optionally @handle and <email address>");
                view.input = Some(RosterInput {
                    renaming: None,
                    field,
                });
            }
            Command::EditPerson => {
                if let Some(name) = people.get(selected) {
                    let written = self.person(name).written();
                    let Some(view) = self.roster_view() else {
                        return Vec::new();
                    };
                    let mut field = TextArea::from([written]);
                    field.move_cursor(ratatui_textarea::CursorMove::End);
                    view.input = Some(RosterInput {
                        renaming: Some(name.clone()),
                        field,
                    });
                }
            }
            Command::RemovePerson => return self.remove_person(selected),
            Command::Back => self.screen = Screen::Home,
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn roster_key(&mut self, key: crossterm::event::KeyEvent) {
        if let Some(input) = self.roster_view().and_then(|view| view.input.as_mut()) {
            input.field.input(key);
        }
    }

    fn finish_roster_input(&mut self) -> Vec<Effect> {
        let Some(input) = self.roster_view().and_then(|view| view.input.take()) else {
            return Vec::new();
        };
        let typed = crate::text::clean(input.field.lines().join(" ").trim()).into_owned();
        let person = match Person::typed(&typed) {
            Ok(person) => person,
            Err(why) => {
                self.say(why);
                // What was typed stays, to be mended.
                if let Some(view) = self.roster_view() {
                    view.input = Some(input);
                }
                return Vec::new();
            }
        };
        let name = person.name.clone();
        if name.is_empty() {
            return Vec::new();
        }
        let taken = self
            .people
            .iter()
            .any(|p| p.eq_ignore_ascii_case(&name) && Some(p) != input.renaming.as_ref());
        if taken {
            self.say(format!("{name} is already in the roster"));
            return Vec::new();
        }
        let change = match input.renaming {
            Some(old) => {
                for known in self.people.iter_mut().filter(|p| **p == old) {
                    *known = name.clone();
                }
                for item in self.actions.iter_mut().filter(|i| i.owner == old) {
                    item.owner = name.clone();
                }
                self.handles.remove(&old);
                self.emails.remove(&old);
                self.remember(&person);
                RosterChange::Edit { old, person }
            }
            None => {
                self.people.push(name.clone());
                self.people.sort_by_key(|p| p.to_lowercase());
                self.remember(&person);
                RosterChange::Add(person)
            }
        };
        vec![Effect::Persist(Change::Roster(change))]
    }

    /// Someone on the roster as the screen knows them.
    pub fn person(&self, name: &str) -> Person {
        Person {
            name: name.to_string(),
            handle: self.handles.get(name).cloned(),
            email: self.emails.get(name).cloned(),
        }
    }

    fn remember(&mut self, person: &Person) {
        if let Some(handle) = &person.handle {
            self.handles.insert(person.name.clone(), handle.clone());
        }
        if let Some(email) = &person.email {
            self.emails.insert(person.name.clone(), email.clone());
        }
    }

    fn remove_person(&mut self, selected: usize) -> Vec<Effect> {
        let Some(name) = self.people.get(selected).cloned() else {
            return Vec::new();
        };
        // Only open items hold someone on the roster: finished and dropped ones keep their
        // name (the store marks them as left).
        let open = |item: &&crate::actions::ActionItem| {
            item.owner == name && item.status == crate::actions::Status::Open
        };
        if self.actions.iter().any(|item| open(&item)) {
            self.say(format!(
                "{name} owns open action items: hand them over first (h in the action list)"
            ));
            return Vec::new();
        }
        self.people.retain(|p| *p != name);
        self.handles.remove(&name);
        self.emails.remove(&name);
        self.say(format!(
            "{name} left the roster (their finished items keep their name)"
        ));
        vec![Effect::Persist(Change::Roster(RosterChange::Remove {
            name,
        }))]
    }
}
