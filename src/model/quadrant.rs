//! The impact/effort quadrant: opportunities placed by their scores, moved by keyboard (each
//! move changes a score by one), added with just a title, filtered, dropped, and every change
//! undoable (`u`) and redoable (`Ctrl-r`), several levels deep.

use super::{Model, Screen};
use crate::change::Change;
use crate::command::Command;
use crate::effect::Effect;
use crate::opportunities::{Opportunity, Quadrant, Status};
use ratatui_textarea::TextArea;

/// The four quadrants in screen order: top row high impact, left column low effort.
pub const LAYOUT: [Quadrant; 4] = [
    Quadrant::QuickWins,
    Quadrant::Strategic,
    Quadrant::NiceToHaves,
    Quadrant::Avoid,
];

#[derive(Clone, Debug, Default)]
pub struct QuadrantView {
    /// Index into `LAYOUT`.
    pub focus: usize,
    /// The selected opportunity's id.
    pub selected: Option<i64>,
    /// Shown opportunities contain this (title, category or status), when set.
    pub filter: String,
    /// Text being typed: a new title or the filter.
    pub input: Option<(Typing, TextArea<'static>)>,
    undo: Vec<(Opportunity, Opportunity)>,
    redo: Vec<(Opportunity, Opportunity)>,
}

impl PartialEq for QuadrantView {
    fn eq(&self, other: &Self) -> bool {
        (self.focus, self.selected, &self.filter) == (other.focus, other.selected, &other.filter)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Typing {
    Title,
    /// Impact and effort of the new opportunity with this title: two digits, 1-5 each.
    Scores(String),
    Filter,
    /// Why the opportunity with this id is dropped.
    DropReason(i64),
}

impl Model {
    /// The opportunities shown in a quadrant, best score first.
    pub fn in_quadrant(&self, view: &QuadrantView, quadrant: Quadrant) -> Vec<&Opportunity> {
        // The filter being typed applies as it is typed; Esc goes back to the one before.
        let needle = match &view.input {
            Some((Typing::Filter, input)) => input.lines().join(" ").trim().to_lowercase(),
            _ => view.filter.to_lowercase(),
        };
        self.quadrant_cells.borrow_mut().shown(
            &self.opportunities,
            self.revision,
            &needle,
            quadrant,
        )
    }

    /// The selected opportunity of the focused quadrant: the one chosen, else its first.
    pub fn selected_in(&self, view: &QuadrantView) -> Option<i64> {
        let shown = self.in_quadrant(view, LAYOUT[view.focus]);
        view.selected
            .filter(|id| shown.iter().any(|o| o.id == *id))
            .or(shown.first().map(|o| o.id))
    }

    pub(super) fn open_quadrant(&mut self) -> Vec<Effect> {
        self.screen = Screen::Quadrant(Box::default());
        vec![Effect::LoadOpportunities, Effect::LoadActions]
    }

    /// `t`: an action item that carries the opportunity out, its title filled in.
    pub(super) fn action_for_opportunity(&mut self, id: i64) {
        let Some(fresh) = self
            .opportunity(id)
            .map(super::action_form::ActionForm::for_opportunity)
        else {
            return;
        };
        // The form put away for this opportunity comes back as it was left.
        let form = match self.cancelled_form.take() {
            Some(form) if form.opportunity == Some(id) => form,
            other => {
                self.cancelled_form = other;
                Box::new(fresh)
            }
        };
        self.focus = super::Focus::NewAction(form);
    }

    pub(super) fn run_quadrant(&mut self, command: Command) -> Vec<Effect> {
        let Screen::Quadrant(view) = &self.screen else {
            return Vec::new();
        };
        if view.input.is_some() {
            return self.finish_typing(command);
        }
        let view = (**view).clone();
        let quadrant = LAYOUT[view.focus];
        let shown: Vec<i64> = self
            .in_quadrant(&view, quadrant)
            .iter()
            .map(|o| o.id)
            .collect();
        let selected = view
            .selected
            .filter(|id| shown.contains(id))
            .or(shown.first().copied());
        let mut next = view;
        next.selected = selected;
        let effects = match command {
            Command::NextQuadrant => {
                next.focus = (next.focus + 1) % 4;
                next.selected = None;
                Vec::new()
            }
            Command::Quadrant(n) => {
                next.focus = usize::from(n.clamp(1, 4) - 1);
                next.selected = None;
                Vec::new()
            }
            Command::NextItem => {
                let at = selected.and_then(|id| shown.iter().position(|s| *s == id));
                next.selected = at.and_then(|i| shown.get((i + 1) % shown.len()).copied());
                Vec::new()
            }
            Command::Up => self.rescore(&mut next, selected, 1, 0),
            Command::Down => self.rescore(&mut next, selected, -1, 0),
            Command::Right => self.rescore(&mut next, selected, 0, 1),
            Command::Left => self.rescore(&mut next, selected, 0, -1),
            Command::DropItem => {
                if let Some(id) = selected {
                    next.input = Some((Typing::DropReason(id), TextArea::default()));
                }
                Vec::new()
            }
            Command::AddOpportunity => {
                next.input = Some((Typing::Title, TextArea::default()));
                Vec::new()
            }
            Command::Filter => {
                let mut field = TextArea::from([next.filter.clone()]);
                field.move_cursor(ratatui_textarea::CursorMove::End);
                next.input = Some((Typing::Filter, field));
                Vec::new()
            }
            Command::Open => {
                if let Some(id) = selected {
                    return self.open_detail(id, next);
                }
                Vec::new()
            }
            Command::NewActionItem => {
                if let Some(id) = selected {
                    self.action_for_opportunity(id);
                }
                Vec::new()
            }
            Command::Undo => self.undo(&mut next, true),
            Command::Redo => self.undo(&mut next, false),
            Command::Back => {
                // Opened from a running meeting, the quadrant goes back to it.
                self.screen = match self.running_meeting() {
                    Some(_) => Screen::Meeting,
                    None => Screen::Home,
                };
                return Vec::new();
            }
            _ => Vec::new(),
        };
        self.screen = Screen::Quadrant(Box::new(next));
        effects
    }

    pub(super) fn quadrant_key(&mut self, key: crossterm::event::KeyEvent) {
        if let Screen::Quadrant(view) = &mut self.screen
            && let Some((_, input)) = &mut view.input
        {
            input.input(key);
        }
    }

    fn finish_typing(&mut self, command: Command) -> Vec<Effect> {
        let meeting = self
            .running_meeting()
            .map(|m| (m.id, m.current_run().title.clone()));
        let Screen::Quadrant(view) = &mut self.screen else {
            return Vec::new();
        };
        let Some((typing, input)) = view.input.take() else {
            return Vec::new();
        };
        let text = crate::text::clean(input.lines().join(" ").trim()).into_owned();
        match (command, typing) {
            (Command::Confirm, Typing::Filter) => {
                view.filter = text;
                // The focus goes where something matches, if it is not there already.
                let view_now = (**view).clone();
                let matches = |q: usize| !self.in_quadrant(&view_now, LAYOUT[q]).is_empty();
                if !matches(view_now.focus)
                    && let Some(first) = (0..LAYOUT.len()).find(|q| matches(*q))
                    && let Screen::Quadrant(view) = &mut self.screen
                {
                    view.focus = first;
                    view.selected = None;
                }
            }
            (Command::Confirm, Typing::DropReason(id)) if text.is_empty() => {
                // Kept open: a drop says why, so the room remembers.
                view.input = Some((Typing::DropReason(id), input));
                self.say("Say why it is dropped (Esc keeps it)");
            }
            (Command::Confirm, Typing::DropReason(id)) => {
                let mut view = (**view).clone();
                let effects = self.drop_selected(&mut view, id, text);
                self.screen = Screen::Quadrant(Box::new(view));
                return effects;
            }
            (Command::Confirm, Typing::Title) if text.is_empty() => {
                self.say("A title, please: what could be improved?");
            }
            (Command::Confirm, Typing::Title) => {
                // Where it lands is the room's first judgement: asked at once.
                view.input = Some((Typing::Scores(text), TextArea::default()));
            }
            (Command::Confirm, Typing::Scores(title)) => {
                let Some((impact, effort)) = scores(&text) else {
                    view.input = Some((Typing::Scores(title), input));
                    self.say("Impact then effort, 1-5 each (42 is impact 4, effort 2), or Enter for 3 and 3");
                    return Vec::new();
                };
                let text = title;
                let mut new = Opportunity::titled(&text, self.now);
                new.impact = impact;
                new.effort = effort;
                // Raised in a meeting: it remembers which one, and in which section.
                if let Some((id, section)) = meeting {
                    new.meeting_id = id;
                    new.section = Some(section);
                }
                view.focus = LAYOUT
                    .iter()
                    .position(|q| *q == new.quadrant())
                    .unwrap_or(0);
                self.say(format!("Added \"{text}\": move it with the arrows"));
                let effects = self.add_opportunity(new);
                if let (Screen::Quadrant(view), Some(added)) =
                    (&mut self.screen, self.opportunities.last())
                {
                    view.selected = Some(added.id);
                }
                return effects;
            }
            _ => {}
        }
        Vec::new()
    }

    /// Moves an opportunity one step in impact or effort, keeping the change for undo.
    fn rescore(
        &mut self,
        view: &mut QuadrantView,
        selected: Option<i64>,
        impact: i8,
        effort: i8,
    ) -> Vec<Effect> {
        let Some(item) = selected.and_then(|id| self.opportunities.iter_mut().find(|o| o.id == id))
        else {
            return Vec::new();
        };
        let before = item.clone();
        let step = |score: u8, by: i8| (score as i8 + by).clamp(1, 5) as u8;
        item.impact = step(item.impact, impact);
        item.effort = step(item.effort, effort);
        if *item == before {
            return Vec::new();
        }
        // The focus follows the item into its new quadrant.
        view.focus = LAYOUT
            .iter()
            .position(|q| *q == item.quadrant())
            .unwrap_or(view.focus);
        let after = item.clone();
        // Arrows score the item (they do not move a cursor): say so each time.
        let (what, from, to) = if impact != 0 {
            ("impact", before.impact, after.impact)
        } else {
            ("effort", before.effort, after.effort)
        };
        self.say(format!(
            "\"{}\": {what} {from} → {to} (u undoes, Space goes to the next item)",
            after.title
        ));
        view.undo.push((before, after.clone()));
        view.redo.clear();
        vec![Effect::Persist(Change::SaveOpportunity(
            Box::new(after),
            self.now,
        ))]
    }

    fn drop_selected(&mut self, view: &mut QuadrantView, id: i64, reason: String) -> Vec<Effect> {
        let Some(item) = self.opportunities.iter_mut().find(|o| o.id == id) else {
            return Vec::new();
        };
        let before = item.clone();
        item.status = Status::Dropped;
        item.drop_reason = Some(reason);
        let after = item.clone();
        self.say(format!("Dropped \"{}\": u brings it back", after.title));
        view.undo.push((before, after.clone()));
        view.redo.clear();
        view.selected = None;
        vec![Effect::Persist(Change::SaveOpportunity(
            Box::new(after),
            self.now,
        ))]
    }

    /// Undoes (or redoes) the last change. Only what the quadrant changed goes back, and only
    /// while it is as the quadrant left it: a score or stage changed since in the detail wins.
    fn undo(&mut self, view: &mut QuadrantView, undo: bool) -> Vec<Effect> {
        let (from, to) = if undo {
            (&mut view.undo, &mut view.redo)
        } else {
            (&mut view.redo, &mut view.undo)
        };
        let Some((before, after)) = from.pop() else {
            self.say(if undo {
                "Nothing to undo"
            } else {
                "Nothing to redo"
            });
            return Vec::new();
        };
        let (expected, wanted) = if undo {
            (after.clone(), before.clone())
        } else {
            (before.clone(), after.clone())
        };
        let Some(item) = self.opportunities.iter_mut().find(|o| o.id == wanted.id) else {
            return Vec::new();
        };
        let as_left = (item.impact, item.effort, item.status)
            == (expected.impact, expected.effort, expected.status);
        if !as_left {
            // Dropped from the stack: a later `u` goes on with the change before it.
            let title = item.title.clone();
            self.say(format!(
                "\"{title}\" was changed since in its detail: that step is not undone"
            ));
            return Vec::new();
        }
        to.push((before, after));
        item.impact = wanted.impact;
        item.effort = wanted.effort;
        item.status = wanted.status;
        item.drop_reason = wanted.drop_reason;
        let restore = item.clone();
        view.focus = LAYOUT
            .iter()
            .position(|q| *q == restore.quadrant())
            .unwrap_or(view.focus);
        view.selected = Some(restore.id);
        vec![Effect::Persist(Change::SaveOpportunity(
            Box::new(restore),
            self.now,
        ))]
    }
}

/// Impact and effort as typed: "42", "4 2" or "4,2"; nothing keeps the middle, 3 and 3.
fn scores(text: &str) -> Option<(u8, u8)> {
    let digits: Vec<u8> = text
        .chars()
        .filter(|c| !matches!(c, ' ' | ',' | '/'))
        .map(|c| c.to_digit(10).and_then(|d| u8::try_from(d).ok()))
        .collect::<Option<Vec<u8>>>()?;
    match digits.as_slice() {
        [] => Some((3, 3)),
        [impact, effort] if (1..=5).contains(impact) && (1..=5).contains(effort) => {
            Some((*impact, *effort))
        }
        _ => None,
    }
}
