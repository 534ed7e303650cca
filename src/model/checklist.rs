//! The improvement checklist over the section: the cycle's items by category, ticked in the
//! meeting and kept with it (the report says which were checked).

use super::{Focus, Model};
use crate::change::Change;
use crate::command::Command;
use crate::effect::Effect;

/// One line of the checklist: its category's key and the item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistRow {
    pub category: String,
    pub item: String,
}

impl Model {
    /// The running meeting's cycle's checklist, in the template's order.
    pub fn checklist_rows(&self) -> Vec<ChecklistRow> {
        let Some(meeting) = self.meeting() else {
            return Vec::new();
        };
        self.cycles
            .iter()
            .find(|c| c.key == meeting.cycle_key)
            .map(|cycle| {
                cycle
                    .categories
                    .iter()
                    .flat_map(|group| {
                        group.items.iter().map(|item| ChecklistRow {
                            category: group.key.clone(),
                            item: item.clone(),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// How many of the checklist's items the meeting ticked.
    pub fn checklist_ticked(&self) -> usize {
        let Some(meeting) = self.meeting() else {
            return 0;
        };
        self.checklist_rows()
            .into_iter()
            .filter(|row| {
                meeting
                    .ticked
                    .contains(&(row.category.clone(), row.item.clone()))
            })
            .count()
    }

    /// `c` in a meeting: the checklist, or why there is none.
    pub(super) fn open_checklist(&mut self) -> Vec<Effect> {
        if self.checklist_rows().is_empty() {
            self.say("This cycle's template has no improvement checklist ([categories])");
        } else {
            self.focus = Focus::Checklist { selected: 0 };
        }
        Vec::new()
    }

    pub(super) fn run_checklist(&mut self, command: Command) -> Vec<Effect> {
        let Focus::Checklist { selected } = self.focus else {
            return Vec::new();
        };
        let rows = self.checklist_rows();
        let last = rows.len().saturating_sub(1);
        match command {
            Command::Up => {
                self.focus = Focus::Checklist {
                    selected: selected.saturating_sub(1),
                }
            }
            Command::Down => {
                self.focus = Focus::Checklist {
                    selected: (selected + 1).min(last),
                }
            }
            Command::Tick => {
                if let Some(row) = rows.get(selected) {
                    return self.toggle_tick(row);
                }
            }
            Command::Back => self.focus = Focus::Clock,
            _ => {}
        }
        Vec::new()
    }

    /// Ticks an unticked item and unticks a ticked one, here and in the store.
    fn toggle_tick(&mut self, row: &ChecklistRow) -> Vec<Effect> {
        let Some(meeting) = self.meeting_mut() else {
            return Vec::new();
        };
        let key = (row.category.clone(), row.item.clone());
        let ticked = !meeting.ticked.contains(&key);
        if ticked {
            meeting.ticked.insert(key);
        } else {
            meeting.ticked.remove(&key);
        }
        let Some(id) = meeting.id else {
            return Vec::new();
        };
        vec![Effect::Persist(Change::Tick {
            meeting: id,
            category: row.category.clone(),
            item: row.item.clone(),
            ticked,
        })]
    }
}
