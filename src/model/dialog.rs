//! Questions the app asks before doing something that cannot be undone by a key.

use crate::meeting::Meeting;
use std::collections::HashSet;

#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// `s`: start this cycle's meeting now? (Its first clock starts at once.)
    ConfirmStart(usize),
    /// `e` in a meeting: end it and show the summary?
    ConfirmEnd,
    /// `q` in a meeting: leave kaizen (the meeting stays resumable)?
    ConfirmLeave,
    /// `T` while watching: take the meeting over from the kaizen running it?
    ConfirmTakeOver,
    /// At start-up, or `c` on the home screen: a meeting was never ended.
    Resume(Box<Unfinished>),
}

/// A meeting found unfinished in the store.
#[derive(Clone, Debug, PartialEq)]
pub struct Unfinished {
    pub meeting: Meeting,
    /// Another kaizen is running it right now: this one may only watch.
    pub elsewhere: bool,
    /// Which kaizen runs it, when the store can say ("ana@laptop (pid 4121)").
    pub holder: Option<String>,
    /// The open items its Follow-ups had already decided, so they stay marked decided.
    pub decided: HashSet<i64>,
}
