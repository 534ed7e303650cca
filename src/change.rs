//! Changes: one persisted edit each, written by the store in its own transaction.

use crate::model::meeting::Meeting;
use crate::model::timer::SectionTimer;
use chrono::{DateTime, FixedOffset};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Stores a new meeting whole; the store answers with its id.
    StartMeeting(Box<Meeting>),
    /// A section's clock and whether it has been entered.
    SaveSection {
        meeting: i64,
        position: usize,
        timer: SectionTimer,
        visited: bool,
    },
    SaveNotes {
        meeting: i64,
        position: usize,
        notes: String,
    },
    SetCurrent {
        meeting: i64,
        position: usize,
    },
    SaveAttendee {
        meeting: i64,
        position: usize,
        name: String,
        present: bool,
    },
    EndMeeting {
        meeting: i64,
        ended_at: DateTime<FixedOffset>,
    },
    Rate {
        meeting: i64,
        rating: Option<u8>,
    },
    /// This process takes over an unfinished meeting (only one process runs a meeting).
    ResumeMeeting,
    /// This process stops running the meeting (it stays resumable).
    LeaveMeeting,
}
