//! Rows made on screen before the store has answered: each gets a provisional id at once
//! (negative, never reused in a run), and everything that holds it takes the stored id when
//! the row lands. The store's side rewrites changes asked for meanwhile the same way.

use super::{Model, Screen};
use crate::change::Change;
use crate::effect::Effect;
use crate::incidents::Measure;
use crate::msg::Landed;
use crate::opportunities::Opportunity;

impl Model {
    /// A new provisional id.
    pub(super) fn provisional_id(&mut self) -> i64 {
        self.provisional -= 1;
        self.provisional
    }

    /// Shows a new opportunity at once and saves it.
    pub(super) fn add_opportunity(&mut self, mut new: Opportunity) -> Vec<Effect> {
        new.id = self.provisional_id();
        self.opportunities.push(new.clone());
        vec![Effect::Persist(Change::SaveOpportunity(
            Box::new(new),
            self.now,
        ))]
    }

    /// A row has landed: its stored id replaces the provisional one wherever it is held.
    pub(super) fn landed(&mut self, Landed { provisional, id }: Landed) {
        let fix = |held: &mut i64| {
            if *held == provisional {
                *held = id;
            }
        };
        if let Some(meeting) = self.session.as_mut().map(|s| &mut s.meeting) {
            meeting.id.as_mut().map(fix);
        }
        for item in &mut self.actions {
            fix(&mut item.id);
            item.meeting_id.as_mut().map(fix);
            item.opportunity_id.as_mut().map(fix);
        }
        for opportunity in &mut self.opportunities {
            fix(&mut opportunity.id);
            opportunity.meeting_id.as_mut().map(fix);
            opportunity.depends_on.iter_mut().for_each(fix);
        }
        for incident in &mut self.incidents {
            fix(&mut incident.id);
            for measure in &mut incident.measures {
                match measure {
                    Measure::Action(held) | Measure::Opportunity(held) => fix(held),
                }
            }
        }
        if let Some(session) = &mut self.session
            && session.decided.remove(&provisional)
        {
            session.decided.insert(id);
        }
        self.pending_measure.as_mut().map(fix);
        match &mut self.screen {
            Screen::Quadrant(view) => {
                view.selected.as_mut().map(fix);
            }
            Screen::Opportunity(view) => fix(&mut view.id),
            Screen::Incident(view) => fix(&mut view.id),
            _ => {}
        }
        self.dirty = true;
    }
}
