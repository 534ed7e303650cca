//! The action list: every action item, filtered by status, due date and owner, sorted, with
//! the same one-key decisions as the Follow-ups step. Opened from home (`a`) or in a meeting
//! (`l`, the clock staying in view).

use super::{Focus, Model, Screen};
use crate::actions::{ActionItem, Status};
use crate::command::Command;
use crate::effect::Effect;

/// Which items the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    Open,
    Overdue,
    DueThisWeek,
    Done,
    Dropped,
    All,
}

impl Show {
    pub fn label(self) -> &'static str {
        match self {
            Show::Open => "open",
            Show::Overdue => "overdue",
            Show::DueThisWeek => "due within 7 days",
            Show::Done => "done",
            Show::Dropped => "dropped",
            Show::All => "all",
        }
    }

    fn next(self) -> Show {
        match self {
            Show::Open => Show::Overdue,
            Show::Overdue => Show::DueThisWeek,
            Show::DueThisWeek => Show::Done,
            Show::Done => Show::Dropped,
            Show::Dropped => Show::All,
            Show::All => Show::Open,
        }
    }
}

/// How the list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    #[default]
    Due,
    Owner,
    Oldest,
}

impl Order {
    pub fn label(self) -> &'static str {
        match self {
            Order::Due => "due date",
            Order::Owner => "owner",
            Order::Oldest => "oldest first",
        }
    }

    fn next(self) -> Order {
        match self {
            Order::Due => Order::Owner,
            Order::Owner => Order::Oldest,
            Order::Oldest => Order::Due,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActionList {
    pub show: Show,
    pub order: Order,
    /// Only this owner's items (cycled with `w`ho).
    pub owner: Option<String>,
    /// The row the cursor is on, used when its item has left the list.
    pub selected: usize,
    /// The item the cursor is on: it follows the item when the list re-sorts (a decision
    /// moves it), so the next key acts on the item the room is looking at.
    pub item: Option<i64>,
}

impl Model {
    /// The items the list shows, in its order.
    pub fn listed_actions(&self, list: &ActionList) -> Vec<&ActionItem> {
        let week = self.today + chrono::Days::new(7);
        let mut items: Vec<&ActionItem> = self
            .actions
            .iter()
            .filter(|item| match list.show {
                Show::Open => item.status == Status::Open,
                Show::Overdue => item.overdue(self.today),
                Show::DueThisWeek => item.status == Status::Open && item.due_on <= week,
                Show::Done => item.status == Status::Done,
                Show::Dropped => item.status == Status::Dropped,
                Show::All => true,
            })
            .filter(|item| list.owner.as_ref().is_none_or(|owner| &item.owner == owner))
            .collect();
        match list.order {
            Order::Due => items.sort_by_key(|i| (i.due_on, i.id)),
            Order::Owner => items.sort_by_key(|i| (i.owner.to_lowercase(), i.due_on, i.id)),
            Order::Oldest => items.sort_by_key(|i| (i.created_at, i.id)),
        }
        items
    }

    /// The row of the list's cursor: its item's row, or (the item gone from the list) the
    /// same row, within the list.
    pub fn action_list_row(&self, list: &ActionList) -> usize {
        let items = self.listed_actions(list);
        list.item
            .and_then(|id| items.iter().position(|item| item.id == id))
            .unwrap_or(list.selected)
            .min(items.len().saturating_sub(1))
    }

    /// The list on screen: on its own screen from home, or over the section in a meeting.
    pub fn action_list(&self) -> Option<&ActionList> {
        match (&self.screen, &self.focus) {
            (Screen::Actions(list), _) => Some(list),
            (Screen::Meeting, Focus::ActionList(list)) => Some(list),
            _ => None,
        }
    }

    fn action_list_mut(&mut self) -> Option<&mut ActionList> {
        match (&mut self.screen, &mut self.focus) {
            (Screen::Actions(list), _) => Some(list),
            (Screen::Meeting, Focus::ActionList(list)) => Some(list),
            _ => None,
        }
    }

    pub(super) fn run_action_list(&mut self, command: Command) -> Vec<Effect> {
        let Some(list) = self.action_list().cloned() else {
            return Vec::new();
        };
        let items: Vec<i64> = self.listed_actions(&list).iter().map(|i| i.id).collect();
        let selected = self.action_list_row(&list);
        let owners = self.people.clone();
        let Some(view) = self.action_list_mut() else {
            return Vec::new();
        };
        let move_to = |view: &mut ActionList, row: usize| {
            view.selected = row;
            view.item = items.get(row).copied();
        };
        match command {
            Command::Up => move_to(view, selected.saturating_sub(1)),
            Command::Down => move_to(view, (selected + 1).min(items.len().saturating_sub(1))),
            Command::CycleFilter => {
                view.show = view.show.next();
                view.selected = 0;
                view.item = None;
            }
            Command::CycleOrder => view.order = view.order.next(),
            Command::PushToTracker => {
                let item = items.get(selected).copied();
                return self.push_to_tracker(item);
            }
            Command::CycleOwner => {
                // All, then each person in the roster, then all again.
                let at = view
                    .owner
                    .as_ref()
                    .and_then(|o| owners.iter().position(|p| p == o));
                view.owner = match at {
                    None => owners.first().cloned(),
                    Some(i) => owners.get(i + 1).cloned(),
                };
                view.selected = 0;
                view.item = None;
            }
            Command::Back => self.close_action_list(),
            Command::Open => {
                if let Some(&item) = items.get(selected) {
                    self.edit_action(item);
                }
            }
            Command::MarkDone
            | Command::CarryOver
            | Command::DropItem
            | Command::Reassign
            | Command::Reschedule => {
                if let Some(&item) = items.get(selected) {
                    // The cursor stays with the item decided, wherever the list puts it.
                    view.selected = selected;
                    view.item = Some(item);
                    return self.decide_by_key(item, command);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn open_action_list(&mut self) {
        match self.screen {
            Screen::Meeting => self.focus = Focus::ActionList(ActionList::default()),
            _ => self.screen = Screen::Actions(ActionList::default()),
        }
    }

    fn close_action_list(&mut self) {
        match self.screen {
            Screen::Actions(_) => self.screen = Screen::Home,
            _ => self.focus = Focus::Clock,
        }
    }
}
