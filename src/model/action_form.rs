//! The small form that makes an action item in a meeting: what, who, by when. The clock stays
//! on screen; Esc keeps what was typed so `u` can bring it back.

use super::{Focus, Model};
use crate::actions::NewAction;
use crate::actions::due::parse_due;
use crate::change::Change;
use crate::effect::Effect;
use ratatui_textarea::TextArea;

pub const FIELDS: [&str; 3] = ["What", "Who", "Due"];

pub struct ActionForm {
    /// What, who, due.
    pub fields: [TextArea<'static>; 3],
    pub field: usize,
    /// Why Enter did not save yet, shown under the fields.
    pub problem: Option<String>,
    /// An owner outside the roster that a second Enter will add.
    pub new_owner: Option<String>,
    /// The item being edited (from the action list), or `None` for a new one.
    pub editing: Option<i64>,
    /// The opportunity the new item carries out (`t` on the quadrant or its detail).
    pub opportunity: Option<i64>,
    /// The incident the new item prevents again (`t` in an incident).
    pub incident: Option<i64>,
}

impl ActionForm {
    pub fn new() -> ActionForm {
        let mut fields: [TextArea<'static>; 3] = Default::default();
        fields[2].set_placeholder_text("fri, next fri, +3d, in 2 weeks, end of month");
        ActionForm {
            fields,
            field: 0,
            problem: None,
            new_owner: None,
            editing: None,
            opportunity: None,
            incident: None,
        }
    }

    /// A new form with what is to be done already said.
    pub fn titled(what: &str) -> ActionForm {
        let mut form = ActionForm::new();
        form.fields[0] = filled(what.to_string());
        form.field = 1;
        form
    }

    /// The form for carrying out an opportunity: its title, and its owner if it has one.
    pub fn for_opportunity(opportunity: &crate::opportunities::Opportunity) -> ActionForm {
        let mut form = ActionForm::new();
        form.fields[0] = filled(opportunity.title.clone());
        form.fields[1] = filled(opportunity.owner.clone().unwrap_or_default());
        // Straight to what is most likely missing: who, then when.
        form.field = if opportunity.owner.is_some() { 2 } else { 1 };
        form.opportunity = Some(opportunity.id);
        form
    }

    /// The form filled with an item's what, who and due, to change them.
    pub fn editing(item: &crate::actions::ActionItem) -> ActionForm {
        ActionForm {
            fields: [
                filled(item.title.clone()),
                filled(item.owner.clone()),
                filled(item.due_on.to_string()),
            ],
            field: 0,
            problem: None,
            new_owner: None,
            editing: Some(item.id),
            opportunity: item.opportunity_id,
            incident: None,
        }
    }

    pub fn text(&self, field: usize) -> String {
        self.fields[field].lines().join(" ").trim().to_string()
    }

    pub fn key(&mut self, key: crossterm::event::KeyEvent) {
        if self.fields[self.field].input(key) {
            self.problem = None;
        }
    }

    pub fn next_field(&mut self, forward: bool) {
        self.field = if forward {
            (self.field + 1) % FIELDS.len()
        } else {
            (self.field + FIELDS.len() - 1) % FIELDS.len()
        };
    }
}

/// A one-line field holding `text`, the cursor at its end.
fn filled(text: String) -> TextArea<'static> {
    let mut area = TextArea::from([text]);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

impl Default for ActionForm {
    fn default() -> Self {
        ActionForm::new()
    }
}

impl Model {
    /// `t`: a new action item in the current section, or the one put away with Esc, as it
    /// was left (a draft said to be kept is never thrown away by the same key).
    pub(super) fn open_action_form(&mut self) {
        let kept = self
            .cancelled_form
            .take_if(|form| form.opportunity.is_none() && form.incident.is_none());
        if kept.is_some() {
            self.say("The form put away, as it was left");
        }
        self.focus = Focus::NewAction(kept.unwrap_or_default());
    }

    /// `u`: the form cancelled last, as it was.
    pub(super) fn reopen_action_form(&mut self) {
        match self.cancelled_form.take() {
            Some(form) => self.focus = Focus::NewAction(form),
            None => self.say("Nothing to bring back"),
        }
    }

    pub(super) fn cancel_action_form(&mut self) {
        if let Focus::NewAction(form) = std::mem::take(&mut self.focus) {
            if form.editing.is_some() {
                self.back_to_list();
                return;
            }
            if form.opportunity.is_some() {
                // On the quadrant `u` undoes moves; `t` on the same opportunity brings it back.
                self.cancelled_form = Some(form);
                self.say("Form put away: t brings it back");
                return;
            }
            self.cancelled_form = Some(form);
            self.say("Form put away: t or u brings it back");
        }
    }

    /// After editing from the action list, back to it (over the section in a meeting).
    fn back_to_list(&mut self) {
        if self.screen == super::Screen::Meeting {
            self.focus = Focus::ActionList(self.list_before_edit.take().unwrap_or_default());
        } else {
            self.focus = Focus::Clock;
        }
    }

    /// Enter on the action list: change the selected item's what, who or due.
    pub(super) fn edit_action(&mut self, item: i64) {
        let Some(action) = self.actions.iter().find(|a| a.id == item) else {
            return;
        };
        if action.status != crate::actions::Status::Open {
            self.say("Only open items can be edited");
            return;
        }
        let form = ActionForm::editing(action);
        if let Focus::ActionList(list) = std::mem::take(&mut self.focus) {
            self.list_before_edit = Some(list);
        }
        self.focus = Focus::NewAction(Box::new(form));
    }

    /// Enter: saves the item, or says what is missing.
    pub(super) fn submit_action_form(&mut self) -> Vec<Effect> {
        let Focus::NewAction(form) = &mut self.focus else {
            return Vec::new();
        };
        let (title, owner, due) = (form.text(0), form.text(1), form.text(2));
        let problem = if title.is_empty() {
            Some((0, "Say what is to be done".to_string()))
        } else if owner.is_empty() {
            Some((1, "Who owns it?".to_string()))
        } else if due.is_empty() {
            Some((2, "When is it due? e.g. fri, +3d, in 2 weeks".to_string()))
        } else {
            match parse_due(&due, self.today) {
                Err(err) => Some((2, err)),
                Ok(_) => None,
            }
        };
        if let Some((field, problem)) = problem {
            form.field = field;
            form.problem = Some(problem);
            return Vec::new();
        }
        let known = super::roster::find_person(&self.people, &self.handles, &owner);
        let add_owner = known.is_none();
        if add_owner && form.new_owner.as_deref() != Some(owner.as_str()) {
            form.field = 1;
            form.problem = Some(format!(
                "{owner} is new to the roster: Enter again adds them"
            ));
            form.new_owner = Some(owner);
            return Vec::new();
        }
        let owner = known.unwrap_or(owner);
        let Ok(due_on) = parse_due(&due, self.today) else {
            return Vec::new();
        };
        if add_owner {
            self.people.push(owner.clone());
        }
        if let Some(item) = form.editing {
            if let Some(action) = self.actions.iter_mut().find(|a| a.id == item) {
                action.title = title.clone();
                action.owner = owner.clone();
                action.due_on = due_on;
            }
            self.back_to_list();
            self.say(format!(
                "Changed: {title} ({owner}, due {})",
                due_on.format("%a %-d %b")
            ));
            return vec![Effect::Persist(Change::EditAction {
                item,
                title,
                owner,
                due_on,
                add_owner,
                at: self.now,
            })];
        }
        let opportunity_id = form.opportunity;
        // Linked to the incident once the store gives the item its id.
        if let Some(incident) = form.incident {
            self.pending_measure = Some(incident);
        }
        let meeting = self.running_meeting();
        let new = NewAction {
            title: title.clone(),
            owner: owner.clone(),
            due_on,
            meeting_id: meeting.and_then(|m| m.id),
            section: meeting.map(|m| m.current_run().title.clone()),
            opportunity_id,
        };
        self.focus = Focus::Clock;
        // Shown at once; the store's answer (`ActionStored`) gives it its id.
        let id = self.provisional_id();
        self.actions.push(crate::actions::ActionItem {
            id,
            title: new.title.clone(),
            owner: new.owner.clone(),
            due_on,
            status: crate::actions::Status::Open,
            drop_reason: None,
            meeting_id: new.meeting_id,
            section: new.section.clone(),
            created_at: self.now,
            carried: 0,
            opportunity_id: new.opportunity_id,
        });
        let past = if due_on < self.today {
            " (that date is past)"
        } else {
            ""
        };
        self.say(format!(
            "Action item for {owner}, due {}{past}: {title}",
            due_on.format("%a %-d %b")
        ));
        vec![Effect::Persist(Change::CreateAction {
            id,
            new,
            add_owner,
            at: self.now,
        })]
    }
}
