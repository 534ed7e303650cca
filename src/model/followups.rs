//! The Follow-ups step that opens a meeting: every open action item from earlier meetings,
//! and one key each to decide it (done, carry over, reassign, new due date, drop with a
//! reason). Each decision is saved and shown at once.

use super::{Focus, Model};
use crate::actions::due::parse_due;
use crate::actions::{ActionItem, Status};
use crate::change::{Change, Decision};
use crate::command::Command;
use crate::effect::Effect;
use ratatui_textarea::TextArea;

/// What a one-line question in the Follow-ups step is asking for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asking {
    DropReason,
    NewOwner,
    NewDue,
}

impl Asking {
    pub fn prompt(self) -> &'static str {
        match self {
            Asking::DropReason => "Why drop it?",
            Asking::NewOwner => "New owner:",
            Asking::NewDue => "New due date:",
        }
    }
}

/// A question about one item, typed into a one-line field.
pub struct Question {
    pub item: i64,
    pub asking: Asking,
    pub input: TextArea<'static>,
    pub problem: Option<String>,
    /// An owner outside the roster that a second Enter will add.
    pub new_owner: Option<String>,
    /// The action list the question was asked from, to return to.
    pub back: Option<Box<super::action_list::ActionList>>,
}

impl Model {
    /// The open items the Follow-ups step reviews: from earlier meetings, by owner then due.
    pub fn followup_items(&self) -> Vec<&ActionItem> {
        let this_meeting = self.meeting().and_then(|m| m.id);
        let mut items: Vec<&ActionItem> = self
            .actions
            .iter()
            .filter(|item| {
                (item.status == Status::Open || self.decided(item.id))
                    && (item.meeting_id.is_none() || item.meeting_id != this_meeting)
            })
            .collect();
        items.sort_by(|a, b| {
            (a.owner.to_lowercase(), a.due_on, a.id).cmp(&(b.owner.to_lowercase(), b.due_on, b.id))
        });
        items
    }

    /// Whether a new meeting should open with Follow-ups.
    /// Whether a meeting started now opens with the Follow-ups step.
    pub fn has_open_actions(&self) -> bool {
        self.actions.iter().any(|item| item.status == Status::Open)
    }

    /// Of the items due since `since` (exclusive) up to today, how many were done.
    pub fn completion_since(&self, since: chrono::NaiveDate) -> (usize, usize) {
        let due: Vec<&ActionItem> = self
            .actions
            .iter()
            .filter(|item| item.due_on > since && item.due_on <= self.today)
            .collect();
        let done = due
            .iter()
            .filter(|item| item.status == Status::Done)
            .count();
        (done, due.len())
    }

    pub(super) fn run_followups(&mut self, command: Command) -> Vec<Effect> {
        let count = self.followup_items().len();
        let selected = self.followup_selected().min(count.saturating_sub(1));
        let Some(item) = self.followup_items().get(selected).map(|item| item.id) else {
            return Vec::new();
        };
        let moved = match command {
            Command::Up => selected.saturating_sub(1),
            Command::Down => (selected + 1).min(count.saturating_sub(1)),
            _ => return self.decide_by_key(item, command),
        };
        if let Some(session) = &mut self.session {
            session.followup_selected = moved;
        }
        Vec::new()
    }

    /// d, c, o, w, x on an item: decide at once, or ask what the decision needs.
    pub(super) fn decide_by_key(&mut self, item: i64, command: Command) -> Vec<Effect> {
        match command {
            Command::MarkDone => return self.decide(item, Decision::Done),
            Command::CarryOver => return self.decide(item, Decision::Carry),
            Command::DropItem => self.ask(item, Asking::DropReason),
            Command::Reassign => self.ask(item, Asking::NewOwner),
            Command::Reschedule => self.ask(item, Asking::NewDue),
            _ => {}
        }
        Vec::new()
    }

    /// After a decision the cursor goes on to the next item still to decide (below, then
    /// from the top), so a run of `d`s never lands on the item just decided.
    /// With no item given, the first still to decide (a resumed meeting's cursor).
    pub(super) fn select_next_undecided(&mut self, after: Option<i64>) {
        let items = self.followup_items();
        let start = after
            .and_then(|id| items.iter().position(|i| i.id == id))
            .map_or(0, |at| at + 1);
        let undecided = |index: &usize| {
            let item = items[*index];
            item.status == Status::Open && !self.decided(item.id)
        };
        let next = (start..items.len()).chain(0..start).find(undecided);
        if let (Some(next), Some(session)) = (next, &mut self.session) {
            session.followup_selected = next;
        }
    }

    fn ask(&mut self, item: i64, asking: Asking) {
        let back = match std::mem::take(&mut self.focus) {
            Focus::ActionList(list) => Some(Box::new(list)),
            _ => None,
        };
        self.focus = Focus::Question(Box::new(Question {
            item,
            asking,
            input: TextArea::default(),
            problem: None,
            new_owner: None,
            back,
        }));
    }

    /// Enter on a question: the answer becomes a decision, or the question says what is wrong.
    pub(super) fn answer_question(&mut self) -> Vec<Effect> {
        let Focus::Question(question) = &mut self.focus else {
            return Vec::new();
        };
        let text = question.input.lines().join(" ").trim().to_string();
        let decision = match question.asking {
            Asking::DropReason if text.is_empty() => {
                question.problem = Some("Say why, so the team knows later".into());
                return Vec::new();
            }
            Asking::DropReason => Decision::Drop { reason: text },
            Asking::NewDue => match parse_due(&text, self.today) {
                Ok(due_on) => Decision::Reschedule { due_on },
                Err(err) => {
                    question.problem = Some(err);
                    return Vec::new();
                }
            },
            Asking::NewOwner if text.is_empty() => {
                question.problem = Some("Who takes it over?".into());
                return Vec::new();
            }
            Asking::NewOwner => {
                let known = super::roster::find_person(&self.people, &self.handles, &text);
                if known.is_none() && question.new_owner.as_deref() != Some(text.as_str()) {
                    question.problem = Some(format!(
                        "{text} is new to the roster: Enter again adds them"
                    ));
                    question.new_owner = Some(text);
                    return Vec::new();
                }
                if known.is_none() {
                    self.people.push(text.clone());
                }
                Decision::Reassign {
                    owner: known.unwrap_or(text),
                    add_owner: question.new_owner.is_some(),
                }
            }
        };
        let item = question.item;
        self.focus = question
            .back
            .take()
            .map_or(Focus::Clock, |list| Focus::ActionList(*list));
        self.decide(item, decision)
    }

    /// Applies a decision here at once and asks the store to keep it. Only open items can
    /// be decided, and an item is carried over at most once per meeting.
    fn decide(&mut self, item: i64, decision: Decision) -> Vec<Effect> {
        let in_meeting = self.screen == super::Screen::Meeting;
        let carried_already = self.decided(item);
        let Some(action) = self.actions.iter_mut().find(|a| a.id == item) else {
            return Vec::new();
        };
        if action.status != Status::Open {
            let status = action.status;
            self.say(format!(
                "It is already {status}: only open items can be decided"
            ));
            return Vec::new();
        }
        if decision == Decision::Carry && !in_meeting {
            self.say("Carrying over happens in a meeting's Follow-ups");
            return Vec::new();
        }
        if decision == Decision::Carry && carried_already {
            self.say("Already decided in this meeting");
            return Vec::new();
        }
        action.decide(&decision);
        let said = match &decision {
            Decision::Done => "done".to_string(),
            Decision::Carry => "carried over to next time".to_string(),
            Decision::Drop { .. } => "dropped".to_string(),
            Decision::Reassign { owner, .. } => format!("now {owner}'s"),
            Decision::Reschedule { due_on } => format!("due {}", due_on.format("%a %-d %b")),
        };
        let title = action.title.clone();
        if let Some(session) = &mut self.session {
            session.decided.insert(item);
        }
        self.say(format!("{title}: {said}"));
        if !matches!(self.focus, Focus::ActionList(_)) {
            self.select_next_undecided(Some(item));
        }
        vec![Effect::Persist(Change::Decide {
            item,
            decision,
            meeting: self.meeting().and_then(|m| m.id),
            at: self.now,
        })]
    }
}
