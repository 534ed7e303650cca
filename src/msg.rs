//! Messages: everything that happens to the app, fed to `Model::update` by the runtime.

use crossterm::event::KeyEvent;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    /// The terminal's size in columns and rows (also sent once at start).
    Resize(u16, u16),
    /// The clock moved on; the model reads the time from `now`.
    Tick,
    /// The terminal went away or a signal asked us to stop: save and exit now.
    Shutdown,
}
