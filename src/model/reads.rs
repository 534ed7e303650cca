//! Reads of the store that failed: said on screen (never dropped), and the screen that was
//! waiting for the answer stops waiting and shows why.

use super::{Model, Screen};
use crate::effect::Effect;
use crate::msg::{Msg, Read};

impl Model {
    pub(super) fn read_failed(&mut self, what: Read, error: String) -> Vec<Effect> {
        self.dirty = true;
        let text = format!("Could not read {}: {error}", what.describe());
        if let (Read::History, Screen::History(view)) = (what, &mut self.screen) {
            view.loading = false;
            view.error = Some(text.clone());
        }
        self.say(text);
        self.read_error = Some((what, error));
        Vec::new()
    }

    /// Every few seconds, whether the database file is still the one opened (someone may
    /// delete or replace it); once it is gone, that stays said.
    pub(super) fn database_check_due(&mut self) -> Vec<Effect> {
        const EVERY_SECS: i64 = 5;
        let gone = matches!(self.read_error, Some((Read::Database, _)));
        let due = self
            .database_checked_at
            .is_none_or(|at| (self.now - at).num_seconds() >= EVERY_SECS);
        if self.demo || gone || !due {
            return Vec::new();
        }
        self.database_checked_at = Some(self.now);
        vec![Effect::CheckDatabase]
    }

    /// A read that comes back clears the failure of the same read.
    pub(super) fn read_succeeded(&mut self, msg: &Msg) {
        let read = match msg {
            Msg::ActionsLoaded(_) => Read::Actions,
            Msg::OpportunitiesLoaded(_) => Read::Opportunities,
            Msg::OpportunityHistory(..) => Read::OpportunityHistory,
            Msg::PanelHistory(_) => Read::PanelHistory,
            Msg::IncidentsLoaded { .. } => Read::Incidents,
            Msg::ExpectedLoaded(_) => Read::Expected,
            Msg::HistoryLoaded(_) => Read::History,
            Msg::MeetingReloaded(_) => Read::Meeting,
            _ => return,
        };
        if self
            .read_error
            .as_ref()
            .is_some_and(|(what, _)| *what == read)
        {
            self.read_error = None;
            self.dirty = true;
        }
    }
}
