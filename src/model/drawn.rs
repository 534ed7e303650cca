//! Panels as last drawn, so the meeting's once-a-second redraw (for its clock) copies a panel
//! whose inputs have not changed instead of drawing its chart again: at 200x60 six panels
//! are most of a frame's cost. Drawing stays a function of the model; this only remembers.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::cell::RefCell;

/// Everything a drawn panel depends on. Two equal keys draw the same cells.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelDrawKey {
    pub section: usize,
    pub index: usize,
    pub zoomed: bool,
    pub area: Rect,
    pub title: String,
    pub selected: bool,
    /// Counts the panel's requests; with `in_flight`, it changes whenever its state does.
    pub generation: u64,
    pub in_flight: bool,
    /// The comparison and trend beside the value (as bits: NaN equals itself here).
    pub previous: Option<u64>,
    pub since: String,
    pub history: Vec<u64>,
    /// Incident periods marked on a chart (an ongoing one ends now).
    pub incidents: Vec<(u64, u64)>,
    /// The age shown on stale data, in whole seconds (`None` when nothing is stale).
    pub stale_since: Option<i64>,
    /// The clock's offset, for a chart's time labels.
    pub offset: i32,
}

/// The last drawing of each panel on screen.
#[derive(Debug, Default)]
pub struct DrawnPanels {
    drawn: RefCell<Vec<(PanelDrawKey, Buffer)>>,
}

/// More than a section's panels and a zoom; the oldest is forgotten first.
const KEPT: usize = 16;

impl DrawnPanels {
    /// Copies the panel's last drawing into `buffer` when nothing it depends on changed.
    pub fn draw_from(&self, key: &PanelDrawKey, buffer: &mut Buffer) -> bool {
        let drawn = self.drawn.borrow();
        let Some((_, cells)) = drawn.iter().find(|(k, _)| k == key) else {
            return false;
        };
        copy(cells, buffer, key.area);
        true
    }

    /// Remembers the cells just drawn in `key.area` of `buffer`.
    pub fn remember(&self, key: PanelDrawKey, buffer: &Buffer) {
        let mut cells = Buffer::empty(key.area);
        copy(buffer, &mut cells, key.area);
        let mut drawn = self.drawn.borrow_mut();
        drawn.retain(|(k, _)| {
            (k.section, k.index, k.zoomed) != (key.section, key.index, key.zoomed)
        });
        if drawn.len() >= KEPT {
            drawn.remove(0);
        }
        drawn.push((key, cells));
    }
}

/// Copies the cells of `area` (inside both buffers) from one buffer to the other, a row at a
/// time.
fn copy(from: &Buffer, to: &mut Buffer, area: Rect) {
    let area = area.intersection(from.area).intersection(to.area);
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    for y in area.top()..area.bottom() {
        let (source, target) = (from.index_of(area.x, y), to.index_of(area.x, y));
        to.content[target..target + width].clone_from_slice(&from.content[source..source + width]);
    }
}
