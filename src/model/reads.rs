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
        if let (Read::PanelHistory, Screen::Scorecard(view)) = (what, &mut self.screen) {
            view.error = Some(text.clone());
        }
        if let (Read::Lessons, Screen::Lessons(view)) = (what, &mut self.screen) {
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

    /// How many changes wait to be saved: said when they start waiting and when they land;
    /// the next try comes later each time, up to every eight seconds.
    pub(super) fn saves_waiting(&mut self, count: usize) -> Vec<Effect> {
        self.dirty = true;
        match (self.saves_waiting, count) {
            (0, 0) => {}
            (0, _) => {
                let why = format!(
                    "the database is locked, busy or full: {count} change(s) wait and are saved \
                     as soon as it can take them"
                );
                // What the key just did stays said: the waiting is told after it.
                let said = match self.toast.take() {
                    Some(toast) => format!("{} · not saved yet: {why}", toast.text),
                    None => format!("Not saved yet: {why}"),
                };
                self.say(said);
                self.retry_secs = 1;
            }
            (_, 0) => {
                self.say("The waiting changes are saved");
                self.quit_warned = false;
            }
            _ => self.retry_secs = (self.retry_secs * 2).min(8),
        }
        self.saves_waiting = count;
        self.retry_at = (count > 0).then(|| self.now + chrono::Duration::seconds(self.retry_secs));
        Vec::new()
    }

    /// The waiting changes, tried again when it is time.
    pub(super) fn retry_due(&mut self) -> Vec<Effect> {
        match self.retry_at {
            Some(at) if self.saves_waiting > 0 && self.now >= at => {
                self.retry_at = None;
                vec![Effect::RetrySaves]
            }
            _ => Vec::new(),
        }
    }

    /// A read that comes back clears the failure of the same read.
    pub(super) fn read_succeeded(&mut self, msg: &Msg) {
        let read = match msg {
            Msg::ActionsLoaded(_) => Read::Actions,
            Msg::OpportunitiesLoaded(_) => Read::Opportunities,
            Msg::OpportunityHistory(..) => Read::OpportunityHistory,
            Msg::PanelHistory(_) | Msg::ScorecardLoaded { .. } => Read::PanelHistory,
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
