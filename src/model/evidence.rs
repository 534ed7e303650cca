//! Metric evidence for opportunities: one key on a panel raises an opportunity with the panel's
//! query and value as its "before", and one key in the detail runs that query again for "after".

use super::panel_state::value_query;
use super::{Focus, Model, Screen};
use crate::change::Change;
use crate::effect::Effect;
use crate::metrics::{FetchError, QueryData, QueryKind, QueryRequest, units};
use crate::opportunities::{Evidence, Opportunity, Source};

impl Model {
    /// `o` on a panel: a new opportunity (source metrics analysis) whose "before" is what the
    /// panel shows now, with its query and time, raised in this meeting and section.
    pub(super) fn opportunity_from_panel(&mut self) -> Vec<Effect> {
        let selected = match self.focus {
            Focus::Panels { selected } | Focus::Zoom { selected } => selected,
            _ => return Vec::new(),
        };
        let Some(meeting) = self.running_meeting() else {
            return Vec::new();
        };
        let run = meeting.current_run();
        let (Some(panel), Some(state)) = (
            run.panels.get(selected),
            self.panel_state(meeting.current, selected),
        ) else {
            return Vec::new();
        };
        // A second press is more likely a slip than a second idea.
        let raised = self.opportunities.iter().any(|o| {
            o.meeting_id == meeting.id
                && o.status != crate::opportunities::Status::Dropped
                && o.section.as_deref() == Some(run.title.as_str())
                && o.before.query.as_deref() == Some(value_query(panel).as_str())
        });
        if raised {
            self.say("Already raised from this panel: Esc, then o opens the quadrant");
            return Vec::new();
        }
        let (Some(data), Some(value)) = (&state.values, state.value()) else {
            self.say("This panel has no value yet: r asks again");
            return Vec::new();
        };
        // A panel of several series shows the first one first; the evidence names it.
        let series = match data.series.as_slice() {
            [_, _, ..] => format!(" ({})", panel.series_name(&data.series[0].labels)),
            _ => String::new(),
        };
        let shown = units::format(value, panel.unit);
        let mut new = Opportunity::titled(&format!("{}{series} at {shown}", panel.title), self.now);
        new.source = Some(Source::MetricsAnalysis);
        new.current_state = format!("{}{series}: {shown}", panel.title);
        new.before = Evidence {
            value: Some(value),
            note: format!("{}{series}, from the {} meeting", panel.title, run.title),
            query: Some(value_query(panel)),
            at: state.fetched_at,
        };
        new.meeting_id = meeting.id;
        new.section = Some(run.title.clone());
        self.say(format!(
            "Opportunity raised from {}: Esc, then o opens the quadrant",
            panel.title
        ));
        self.add_opportunity(new)
    }

    /// `m` in the detail: runs the opportunity's metric query now for its "after" value.
    pub(super) fn measure_after(&mut self, id: i64) -> Vec<Effect> {
        let Some(query) = self.opportunity(id).and_then(|o| o.before.query.clone()) else {
            self.say("No metric query to measure: set one under \"metric query\"");
            return Vec::new();
        };
        self.say("Measuring…");
        // A query a SQL panel gave is run on that panel's database again.
        let sql = self
            .cycles
            .iter()
            .flat_map(|c| &c.sections)
            .flat_map(|s| &s.panels)
            .find(|p| p.source.is_some() && value_query(p) == query)
            .and_then(|p| p.source.clone());
        vec![Effect::Measure {
            opportunity: id,
            sql,
            request: QueryRequest {
                query,
                kind: QueryKind::Instant {
                    time: self.now.timestamp() as f64,
                },
            },
        }]
    }

    /// The answer to `measure_after`: the first series' value becomes "after".
    pub(super) fn measured(
        &mut self,
        id: i64,
        result: Result<QueryData, FetchError>,
    ) -> Vec<Effect> {
        let value = match result {
            Ok(data) => data.series.first().and_then(|s| s.last()),
            Err(error) => {
                self.say(format!("Could not measure: {error}"));
                return Vec::new();
            }
        };
        let now = self.now;
        let Some(item) = self.opportunities.iter_mut().find(|o| o.id == id) else {
            return Vec::new();
        };
        let Some(value) = value else {
            self.say("The metric query returned no series now: nothing measured");
            return Vec::new();
        };
        item.after = Evidence {
            value: Some(value),
            note: if item.after.note.is_empty() {
                "measured with the same query".into()
            } else {
                item.after.note.clone()
            },
            query: item.before.query.clone(),
            at: Some(now),
        };
        let changed = item.clone();
        let unit = crate::metrics::units::unit_of_query(item.before.query.as_deref().unwrap_or(""));
        self.say(format!(
            "Measured after: {}",
            crate::metrics::units::format(value, unit)
        ));
        if let Screen::Opportunity(view) = &mut self.screen {
            view.problem = None;
        }
        vec![Effect::Persist(Change::SaveOpportunity(
            Box::new(changed),
            self.now,
        ))]
    }
}
