//! An opportunity's detail: every field of the five stages, edited in place, and moving it to
//! the next stage once that stage's key fields are filled in.

use super::quadrant::QuadrantView;
use super::{Model, Screen};
use crate::change::Change;
use crate::command::Command;
use crate::effect::Effect;
use crate::opportunities::dependencies::cycle_if_added;
use crate::opportunities::fields::{FIELDS, Field};
use crate::opportunities::{Opportunity, Status, StatusChange};
use ratatui_textarea::TextArea;
use std::collections::HashMap;

#[derive(Clone, Debug, Default)]
pub struct DetailView {
    pub id: i64,
    /// Index into `FIELDS`.
    pub selected: usize,
    pub input: Option<TextArea<'static>>,
    /// Why the last edit or move was refused.
    pub problem: Option<String>,
    pub history: Vec<StatusChange>,
    /// The quadrant as it was (focus, selection, filter, undo), to go back to.
    pub back: Box<QuadrantView>,
}

impl PartialEq for DetailView {
    fn eq(&self, other: &Self) -> bool {
        (self.id, self.selected, self.input.is_some())
            == (other.id, other.selected, other.input.is_some())
    }
}

impl Model {
    pub(super) fn open_detail(&mut self, id: i64, back: QuadrantView) -> Vec<Effect> {
        self.screen = Screen::Opportunity(Box::new(DetailView {
            id,
            back: Box::new(back),
            ..DetailView::default()
        }));
        vec![Effect::LoadOpportunityHistory(id)]
    }

    pub fn opportunity(&self, id: i64) -> Option<&Opportunity> {
        self.opportunities.iter().find(|o| o.id == id)
    }

    pub(super) fn run_detail(&mut self, command: Command) -> Vec<Effect> {
        let Screen::Opportunity(view) = &mut self.screen else {
            return Vec::new();
        };
        if view.input.is_some() {
            return match command {
                Command::Confirm => self.save_field(),
                Command::Cancel => {
                    view.input = None;
                    Vec::new()
                }
                _ => Vec::new(),
            };
        }
        let id = view.id;
        match command {
            Command::Up => view.selected = view.selected.saturating_sub(1),
            Command::Down => view.selected = (view.selected + 1).min(FIELDS.len() - 1),
            Command::Open => {
                let field = FIELDS[view.selected].1;
                let text = self
                    .opportunity(id)
                    .map(|o| field.get(o))
                    .unwrap_or_default();
                let mut input = TextArea::from([text]);
                input.move_cursor(ratatui_textarea::CursorMove::End);
                if let Screen::Opportunity(view) = &mut self.screen {
                    view.input = Some(input);
                    view.problem = None;
                }
            }
            Command::Advance => return self.advance(id),
            Command::StepBack => return self.step_back(id),
            Command::Measure => return self.measure_after(id),
            Command::NewActionItem => self.action_for_opportunity(id),
            Command::Back => {
                let back = std::mem::take(&mut view.back);
                self.screen = Screen::Quadrant(back);
            }
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn detail_key(&mut self, key: crossterm::event::KeyEvent) {
        if let Screen::Opportunity(view) = &mut self.screen
            && let Some(input) = &mut view.input
        {
            input.input(key);
        }
    }

    fn save_field(&mut self) -> Vec<Effect> {
        let Screen::Opportunity(view) = &mut self.screen else {
            return Vec::new();
        };
        let (id, field) = (view.id, FIELDS[view.selected].1);
        let text = view
            .input
            .as_ref()
            .map(|input| crate::text::clean(&input.lines().join(" ")).into_owned())
            .unwrap_or_default();
        let today = self.today;
        let edges: HashMap<i64, Vec<i64>> = self
            .opportunities
            .iter()
            .filter(|o| o.id != id)
            .map(|o| (o.id, o.depends_on.clone()))
            .collect();
        let known: Vec<i64> = self.opportunities.iter().map(|o| o.id).collect();
        let Some(item) = self.opportunities.iter_mut().find(|o| o.id == id) else {
            return Vec::new();
        };
        let mut changed = item.clone();
        let result = changed.set_field(field, &text, today).and_then(|()| {
            if field != Field::DependsOn {
                return Ok(());
            }
            for &dep in &changed.depends_on {
                if !known.contains(&dep) {
                    return Err(format!("depends on: there is no opportunity {dep}"));
                }
                if let Some(path) = cycle_if_added(&edges, id, dep) {
                    let path: Vec<String> = path.iter().map(i64::to_string).collect();
                    return Err(format!(
                        "depends on: {id} needing {} would go round in a circle",
                        path.join(" → ")
                    ));
                }
            }
            Ok(())
        });
        let Screen::Opportunity(view) = &mut self.screen else {
            return Vec::new();
        };
        match result {
            Err(problem) => {
                view.problem = Some(problem);
                Vec::new()
            }
            Ok(()) => {
                view.input = None;
                view.problem = None;
                *item = changed.clone();
                vec![Effect::Persist(Change::SaveOpportunity(
                    Box::new(changed),
                    self.now,
                ))]
            }
        }
    }

    /// `>`: the next stage, once that stage's key fields are filled in.
    fn advance(&mut self, id: i64) -> Vec<Effect> {
        let Some(item) = self.opportunities.iter_mut().find(|o| o.id == id) else {
            return Vec::new();
        };
        let Some(next) = item.status.next() else {
            self.say("Documented is the last stage");
            return Vec::new();
        };
        let missing = item.missing_for(next);
        if !missing.is_empty() {
            // Said where every message is said.
            self.say(format!(
                "To move to {}, fill in: {}",
                next.label(),
                missing.join(", ")
            ));
            return Vec::new();
        }
        self.move_to(id, next, "< moves it back")
    }

    /// `<`: the stage before, for a stage moved on by mistake (kept in its history too).
    fn step_back(&mut self, id: i64) -> Vec<Effect> {
        let Some(item) = self.opportunities.iter().find(|o| o.id == id) else {
            return Vec::new();
        };
        let Some(before) = item.status.previous() else {
            self.say("Identified is the first stage (a dropped one comes back with undo)");
            return Vec::new();
        };
        self.move_to(id, before, "> moves it on again")
    }

    fn move_to(&mut self, id: i64, status: Status, how_back: &str) -> Vec<Effect> {
        let now = self.now;
        if let Some(item) = self.opportunities.iter_mut().find(|o| o.id == id) {
            item.status = status;
        }
        if let Screen::Opportunity(view) = &mut self.screen {
            view.history.push((now, status, None));
            view.problem = None;
        }
        self.say(format!("Now {} ({how_back})", status.label()));
        vec![Effect::Persist(Change::SetOpportunityStatus {
            id,
            status,
            at: now,
        })]
    }
}

impl Opportunity {
    fn set_field(
        &mut self,
        field: Field,
        text: &str,
        today: chrono::NaiveDate,
    ) -> Result<(), String> {
        field.set(self, text, today)
    }
}
