//! Effects: side effects the model asks for; only the runtime performs them.

use crate::change::Change;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Write one change to the store, in its own transaction.
    Persist(Change),
    /// Ring the terminal bell.
    Bell,
    /// Read a meeting again (another kaizen is running it).
    ReloadMeeting(i64),
    /// Leave the app (after everything before it was performed).
    Quit,
}
