//! State of the agenda preview: which cycle is being read and how far it is scrolled.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgendaView {
    /// Index into `Model::cycles`.
    pub cycle: usize,
    /// Lines scrolled off the top of the agenda column.
    pub scroll: u16,
}

impl AgendaView {
    pub fn new(cycle: usize) -> AgendaView {
        AgendaView { cycle, scroll: 0 }
    }
}
