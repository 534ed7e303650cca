//! Action items: meeting follow-ups with an owner and a due date, carried from one meeting to
//! the next until someone decides their fate.

pub mod due;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Where an action item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Done,
    Dropped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "open" => Ok(Status::Open),
            "done" => Ok(Status::Done),
            "dropped" => Ok(Status::Dropped),
            other => Err(format!(
                "status \"{other}\" is not one kaizen knows: use open, done or dropped"
            )),
        }
    }
}

/// A promise made in a meeting: who, what, by when, and what became of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActionItem {
    pub id: i64,
    pub title: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub status: Status,
    pub drop_reason: Option<String>,
    /// The meeting and section it came from.
    pub meeting_id: Option<i64>,
    pub section: Option<String>,
    pub created_at: DateTime<FixedOffset>,
    /// How many meetings it has been carried over.
    pub carried: u32,
    /// The improvement opportunity this item carries out, if any.
    pub opportunity_id: Option<i64>,
}

impl ActionItem {
    /// What a decision does to an open item. The store writes the same and its row is the
    /// one kept; the screen applies it at once so the room sees the decision before the
    /// disk has answered.
    pub fn decide(&mut self, decision: &crate::change::Decision) {
        use crate::change::Decision;
        match decision {
            Decision::Done => self.status = Status::Done,
            Decision::Carry => self.carried += 1,
            Decision::Drop { reason } => {
                self.status = Status::Dropped;
                self.drop_reason = Some(reason.clone());
            }
            Decision::Reassign { owner, .. } => self.owner = owner.clone(),
            Decision::Reschedule { due_on } => self.due_on = *due_on,
        }
    }

    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status == Status::Open && self.due_on < today
    }

    /// Whole days since it was created.
    pub fn age_days(&self, today: NaiveDate) -> i64 {
        (today - self.created_at.date_naive()).num_days().max(0)
    }
}

/// A new action item, as a form or the command line gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAction {
    pub title: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub meeting_id: Option<i64>,
    pub section: Option<String>,
    /// The improvement opportunity it carries out (a quick win made an action).
    pub opportunity_id: Option<i64>,
}

impl NewAction {
    /// An item made outside any meeting (the command line, an import, a test's fixture).
    pub fn standalone(title: &str, owner: &str, due_on: NaiveDate) -> NewAction {
        NewAction {
            title: title.to_string(),
            owner: owner.to_string(),
            due_on,
            meeting_id: None,
            section: None,
            opportunity_id: None,
        }
    }
}

/// Which action items to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub owner: Option<String>,
    pub status: Option<Status>,
    /// Only open items due before this day.
    pub overdue_on: Option<NaiveDate>,
}
