//! The scorecard screen (`m` on home or in a meeting): a cycle's stat panels across its last
//! meetings, from what each meeting saved. Enter raises an opportunity from a row, `t` an
//! action item for it; Esc goes back where it was opened from (a meeting keeps running).

use super::action_form::ActionForm;
use super::{Focus, Model, Screen};
use crate::command::Command;
use crate::effect::Effect;
use crate::metrics::units;
use crate::opportunities::{Evidence, Opportunity, Source};
use crate::scorecard::{Row, Scorecard};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScorecardView {
    /// The cycle's index in the model's cycles.
    pub cycle: usize,
    /// `None` while the saved values are read.
    pub card: Option<Scorecard>,
    pub selected: usize,
    /// Why the saved values could not be read.
    pub error: Option<String>,
}

impl ScorecardView {
    pub fn row(&self) -> Option<&Row> {
        self.card.as_ref()?.rows.get(self.selected)
    }
}

impl Model {
    /// Opens the scorecard of the cycle at `cycle` and reads its saved values.
    pub(super) fn open_scorecard(&mut self, cycle: usize) -> Vec<Effect> {
        let Some(key) = self.cycles.get(cycle).map(|c| c.key.clone()) else {
            return Vec::new();
        };
        self.screen = Screen::Scorecard(Box::new(ScorecardView {
            cycle,
            ..ScorecardView::default()
        }));
        vec![Effect::LoadScorecard(key)]
    }

    /// `m` in a meeting: the scorecard of the meeting's cycle, the clock running on.
    pub(super) fn open_meeting_scorecard(&mut self) -> Vec<Effect> {
        let cycle = self
            .meeting()
            .and_then(|m| self.cycles.iter().position(|c| c.key == m.cycle_key));
        match cycle {
            Some(cycle) => self.open_scorecard(cycle),
            None => Vec::new(),
        }
    }

    pub(super) fn scorecard_loaded(
        &mut self,
        cycle: &str,
        values: &[(i64, crate::change::PanelValue)],
    ) -> Vec<Effect> {
        let Screen::Scorecard(view) = &mut self.screen else {
            return Vec::new();
        };
        let Some(template) = self.cycles.get(view.cycle).filter(|c| c.key == cycle) else {
            return Vec::new();
        };
        let card = crate::scorecard::build(template, values);
        view.selected = view.selected.min(card.rows.len().saturating_sub(1));
        view.card = Some(card);
        view.error = None;
        self.dirty = true;
        Vec::new()
    }

    pub(super) fn run_scorecard(&mut self, command: Command) -> Vec<Effect> {
        let Screen::Scorecard(view) = &mut self.screen else {
            return Vec::new();
        };
        let last = view
            .card
            .as_ref()
            .map_or(0, |card| card.rows.len().saturating_sub(1));
        match command {
            Command::Up => view.selected = view.selected.saturating_sub(1),
            Command::Down => view.selected = (view.selected + 1).min(last),
            Command::Top => view.selected = 0,
            Command::Bottom => view.selected = last,
            Command::AddOpportunity => return self.opportunity_from_row(),
            Command::NewActionItem => self.action_for_row(),
            Command::Back => {
                // Opened from a running meeting, it goes back to the meeting.
                self.screen = match self.running_meeting() {
                    Some(_) => Screen::Meeting,
                    None => Screen::Home,
                };
            }
            _ => {}
        }
        Vec::new()
    }

    /// Enter: an opportunity (source metrics analysis) whose "before" is the row's newest
    /// saved value, raised in the running meeting when there is one.
    fn opportunity_from_row(&mut self) -> Vec<Effect> {
        let Screen::Scorecard(view) = &self.screen else {
            return Vec::new();
        };
        let Some(row) = view.row().cloned() else {
            return Vec::new();
        };
        let Some(value) = row.latest() else {
            self.say("The newest meeting saw no value here: nothing to raise it from");
            return Vec::new();
        };
        let cycle = self.cycles.get(view.cycle);
        let panel = cycle.and_then(|c| {
            c.sections
                .iter()
                .filter(|s| s.title == row.section)
                .flat_map(|s| &s.panels)
                .find(|p| p.title == row.panel)
        });
        let held = view
            .card
            .as_ref()
            .and_then(|card| card.meetings.last())
            .map(|day| day.format("%-d %b %Y").to_string())
            .unwrap_or_default();
        let shown = units::format(value, row.unit);
        let title = row.title();
        let note = format!("{title}, from the scorecard (meeting of {held})");
        // A second Enter is more likely a slip than a second idea.
        let raised = self
            .opportunities
            .iter()
            .any(|o| o.status != crate::opportunities::Status::Dropped && o.before.note == note);
        if raised {
            self.say("Already raised from this row: Esc, then o opens the quadrant");
            return Vec::new();
        }
        let mut new = Opportunity::titled(&format!("{title} at {shown}"), self.now);
        new.source = Some(Source::MetricsAnalysis);
        new.current_state = format!("{title}: {shown} at the meeting of {held}");
        new.before = Evidence {
            value: Some(value),
            note,
            query: panel.map(super::panel_state::value_query),
            at: None,
        };
        if let Some(meeting) = self.running_meeting() {
            new.meeting_id = meeting.id;
            new.section = Some(meeting.current_run().title.clone());
        }
        self.say(format!(
            "Opportunity raised from {title}: o opens the quadrant"
        ));
        self.add_opportunity(new)
    }

    /// `t`: the action item form, what is to be done already said.
    fn action_for_row(&mut self) {
        let Screen::Scorecard(view) = &self.screen else {
            return;
        };
        let Some(row) = view.row() else {
            return;
        };
        let what = match row.status {
            Some(crate::cycles::panel::Status::Green) | None => {
                format!("Look into {}", row.title())
            }
            Some(_) => format!("Bring {} back within goal", row.title()),
        };
        self.focus = Focus::NewAction(Box::new(ActionForm::titled(&what)));
    }
}
