//! Effects: side effects the model asks for; only the runtime performs them.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Leave the app (after the runtime has written everything pending).
    Quit,
}
