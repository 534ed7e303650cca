//! The quadrant's four cells, filtered and sorted once per change rather than once per frame:
//! a meeting redraws every second, and a backlog of 10,000 opportunities would otherwise be
//! filtered and sorted five times in each of those frames.

use crate::opportunities::{Opportunity, Quadrant, Status};

/// The cells (indexes into the opportunities) as last sorted, with what they were sorted
/// from: two sets, as a frame may draw the meeting's unfiltered quadrant and the filtered
/// full one.
#[derive(Clone, Debug, Default)]
pub struct QuadrantCells {
    recent: Vec<(MadeFrom, [Vec<usize>; 4])>,
}

/// Anything that changes the cells: the model's revision (bumped by every message that can
/// change an opportunity), the list itself (a test or bench may replace it), and the filter.
#[derive(Clone, Debug, PartialEq)]
struct MadeFrom {
    revision: u64,
    len: usize,
    list: usize,
    needle: String,
}

impl QuadrantCells {
    /// The opportunities shown in `quadrant`, best score first, sorting again only when the
    /// list or the filter changed since the last call.
    pub fn shown<'a>(
        &mut self,
        opportunities: &'a [Opportunity],
        revision: u64,
        needle: &str,
        quadrant: Quadrant,
    ) -> Vec<&'a Opportunity> {
        let made_from = MadeFrom {
            revision,
            len: opportunities.len(),
            list: opportunities.as_ptr() as usize,
            needle: needle.to_string(),
        };
        let position = match self.recent.iter().position(|(made, _)| *made == made_from) {
            Some(position) => position,
            None => {
                let cells = sort_into_cells(opportunities, needle);
                self.recent.truncate(1);
                self.recent.insert(0, (made_from, cells));
                0
            }
        };
        self.recent[position].1[cell_of(quadrant)]
            .iter()
            .filter_map(|&index| opportunities.get(index))
            .collect()
    }
}

fn cell_of(quadrant: Quadrant) -> usize {
    super::quadrant::LAYOUT
        .iter()
        .position(|q| *q == quadrant)
        .unwrap_or(0)
}

/// Every opportunity not dropped and matching `needle` (lowercase; title, stage or
/// category), in its quadrant's cell, best score first.
fn sort_into_cells(opportunities: &[Opportunity], needle: &str) -> [Vec<usize>; 4] {
    let mut cells: [Vec<usize>; 4] = Default::default();
    for (index, o) in opportunities.iter().enumerate() {
        let matches = needle.is_empty()
            || o.title.to_lowercase().contains(needle)
            || o.status.label().contains(needle)
            || o.category
                .is_some_and(|c| c.name().to_lowercase().contains(needle));
        if o.status != Status::Dropped && matches {
            cells[cell_of(o.quadrant())].push(index);
        }
    }
    for cell in &mut cells {
        cell.sort_by(|&a, &b| {
            let (a, b) = (&opportunities[a], &opportunities[b]);
            b.score().total_cmp(&a.score()).then(a.id.cmp(&b.id))
        });
    }
    cells
}
