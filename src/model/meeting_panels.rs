//! The meeting's metric panels inside the model: asking for data when it is due, taking in
//! answers (dropping late ones), and recording what each section showed when it ended.

use super::panel_state::{
    PanelAnswer, PanelKey, PanelState, SeriesAsk, append_tail, reduce, window_of, with_recent,
};
use super::{Focus, Model};
use crate::change::{Change, PanelValue};
use crate::command::Command;
use crate::effect::Effect;
use crate::metrics::FetchError;

impl Model {
    /// Asks for the current section's panels that are due (all of them when `force`).
    pub(super) fn refresh_panels(&mut self, force: bool) -> Vec<Effect> {
        // A section that scans asks for its scan as it opens (and again on `r`); one that
        // reviews incidents asks which alerts fired.
        let mut effects = self.scan_due(force);
        effects.extend(self.incidents_due(force));
        let Some(meeting) = self.meeting() else {
            return effects;
        };
        if meeting.ended_at.is_some() {
            return effects;
        }
        // With no earlier meeting of the cycle, each panel is compared with Prometheus's
        // value one period back.
        let compare_days = match self.previous_values.get(&meeting.cycle_key) {
            None => self.cycle_period().map(|(days, _)| days),
            Some(_) => None,
        };
        let now = self.now;
        let Some(session) = &mut self.session else {
            return effects;
        };
        let section = session.meeting.current;
        let (Some(run), Some(states)) = (
            session.meeting.sections.get(section),
            session.panel_states.get_mut(section),
        ) else {
            return effects;
        };
        for (index, (panel, state)) in run.panels.iter().zip(states.iter_mut()).enumerate() {
            if !(state.due(panel, now) || force && !state.in_flight) {
                continue;
            }
            let mut request = state.request(panel, now, force);
            state.series_asked = state.series_ask(panel, now, force);
            if let Some(days) = compare_days
                && state.before.is_none()
                && panel.budget.is_none()
            {
                request.before = Some(super::panel_state::before_request(panel, now, days));
            }
            state.generation += 1;
            state.in_flight = true;
            state.requested_at = Some(now);
            state.requested_range = Some(window_of(panel, now));
            effects.push(Effect::Fetch {
                key: PanelKey {
                    section,
                    panel: index,
                },
                generation: state.generation,
                request,
            });
        }
        effects
    }

    pub(super) fn panel_loaded(
        &mut self,
        key: PanelKey,
        generation: u64,
        result: Result<Box<PanelAnswer>, FetchError>,
    ) -> Vec<Effect> {
        let width = usize::from(self.viewport.0);
        let now = self.now;
        let Some(session) = &mut self.session else {
            return Vec::new();
        };
        let panel = session
            .meeting
            .sections
            .get(key.section)
            .and_then(|run| run.panels.get(key.panel));
        let Some(state) = session
            .panel_states
            .get_mut(key.section)
            .and_then(|states| states.get_mut(key.panel))
        else {
            return Vec::new();
        };
        if generation != state.generation {
            return Vec::new(); // an answer to an older question
        }
        state.in_flight = false;
        match result {
            Ok(data) => {
                if let Some(panel) = panel {
                    take_answer(state, panel, *data, now, width);
                }
                state.error = None;
                state.range = state.requested_range;
            }
            Err(error) => state.error = Some(error),
        }
        if key.section == self.meeting().map_or(usize::MAX, |m| m.current) {
            self.dirty = true;
        }
        Vec::new()
    }

    /// What the section's panels showed and its scan listed, to save when the section ends.
    pub(super) fn panel_values(&self, section: usize) -> Vec<Effect> {
        let Some(session) = &self.session else {
            return Vec::new();
        };
        let Some(id) = session.meeting.id else {
            return Vec::new();
        };
        let (Some(run), Some(states)) = (
            session.meeting.sections.get(section),
            session.panel_states.get(section),
        ) else {
            return Vec::new();
        };
        let values: Vec<PanelValue> = run
            .panels
            .iter()
            .zip(states)
            .flat_map(|(panel, state)| recorded(&run.title, panel, state))
            .collect();
        if self.read_only() {
            return Vec::new();
        }
        let mut effects = Vec::new();
        if !values.is_empty() {
            effects.push(Effect::Persist(Change::SavePanelValues {
                meeting: id,
                position: section,
                values,
            }));
        }
        // A section that scanned keeps what its list showed, even when it was empty.
        if session
            .scan_states
            .get(section)
            .is_some_and(|s| s.outcome.is_some())
        {
            effects.push(Effect::Persist(Change::SaveFindings {
                meeting: id,
                position: section,
                findings: self.findings_record(section),
            }));
        }
        effects
    }

    /// The meeting's cycle's period in days, and what its previous review is called.
    pub(super) fn cycle_period(&self) -> Option<(i64, &'static str)> {
        use crate::cycles::{Cadence, Months};
        let meeting = self.meeting()?;
        let cadence = self
            .cycles
            .iter()
            .find(|c| c.key == meeting.cycle_key)?
            .cadence;
        Some(match cadence {
            Cadence::Weekly(_) => (7, "last week"),
            Cadence::Fortnightly { .. } => (14, "two weeks ago"),
            Cadence::MonthDay {
                months: Months::Every,
                ..
            } => (30, "last month"),
            Cadence::MonthDay {
                months: Months::QuarterStart,
                ..
            } => (91, "last quarter"),
            Cadence::MonthDay {
                months: Months::Only(_),
                ..
            } => (365, "last year"),
        })
    }

    /// What a panel's value is compared with, and how that is called: the cycle's previous
    /// meeting ("last week"), or, with none, Prometheus's value one period back ("7d ago"),
    /// so day one has a comparison too.
    pub fn comparison(
        &self,
        section: &str,
        panel: &str,
        series: &str,
        state: &super::panel_state::PanelState,
    ) -> Option<(f64, String)> {
        if let Some(value) = self.previous_value(section, panel, series) {
            return Some((value, self.since_label()));
        }
        let (_, value) = super::panel_state::point_of(state.before.as_ref()?, series)?;
        let (days, _) = self.cycle_period()?;
        Some((value, format!("{days}d ago")))
    }

    /// How the meeting compared against is called: "last week" when it was the cycle's
    /// previous review, else its date ("28 Nov", "earlier today").
    pub fn since_label(&self) -> String {
        let Some(meeting) = self.meeting() else {
            return "last time".into();
        };
        let Some(previous) = self.previous_values.get(&meeting.cycle_key) else {
            return "last time".into();
        };
        let (period, word) = self.cycle_period().unwrap_or((0, "last time"));
        let days = (self.today - previous.held_on).num_days();
        if period > 0 && (days - period).abs() <= period / 4 {
            word.into()
        } else if days == 0 {
            "earlier today".into()
        } else {
            previous.held_on.format("%-d %b").to_string()
        }
    }

    /// The values a series of a panel showed at the cycle's earlier meetings (not this one),
    /// the last 12.
    pub fn panel_trend(&self, section: &str, panel: &str, series: &str) -> &[f64] {
        self.panel_history
            .get(&(section.to_string(), panel.to_string(), series.to_string()))
            .map_or(&[], |values| &values[values.len().saturating_sub(12)..])
    }

    pub(super) fn panel_history_loaded(&mut self, values: Vec<(i64, PanelValue)>) {
        let this = self.meeting().and_then(|m| m.id);
        self.panel_history.clear();
        for (meeting, saved) in values {
            let Some(value) = saved.value.filter(|v| v.is_finite()) else {
                continue;
            };
            if Some(meeting) == this {
                continue;
            }
            self.panel_history
                .entry((saved.section, saved.panel, saved.series))
                .or_default()
                .push(value);
        }
        self.dirty = true;
    }

    /// The value a series of a panel (`series` its labels, empty for a panel's one value)
    /// showed at the previous meeting of this cycle.
    pub fn previous_value(&self, section: &str, panel: &str, series: &str) -> Option<f64> {
        let cycle = &self.meeting()?.cycle_key;
        self.previous_values
            .get(cycle)?
            .values
            .get(&(section.to_string(), panel.to_string(), series.to_string()))
            .copied()
    }

    /// Keys while the panels have the focus: choose one, zoom it, refresh, leave.
    pub(super) fn run_panels(&mut self, command: Command) -> Vec<Effect> {
        let count = self.meeting().map_or(0, |m| m.current_run().panels.len());
        let selected = match self.focus {
            Focus::Panels { selected } | Focus::Zoom { selected } => selected,
            _ => 0,
        };
        let last = count.saturating_sub(1);
        match (&self.focus, command) {
            (_, Command::Refresh) => return self.refresh_panels(true),
            (_, Command::AddOpportunity) => return self.opportunity_from_panel(),
            (Focus::Panels { .. }, Command::Up | Command::Left) => {
                self.focus = Focus::Panels {
                    selected: selected.saturating_sub(1),
                }
            }
            (Focus::Panels { .. }, Command::Down | Command::Right) => {
                self.focus = Focus::Panels {
                    selected: (selected + 1).min(last),
                }
            }
            (Focus::Panels { .. }, Command::Open) => self.focus = Focus::Zoom { selected },
            (Focus::Panels { .. }, Command::Back) => self.focus = Focus::Clock,
            (Focus::Zoom { .. }, Command::Back) => self.focus = Focus::Panels { selected },
            _ => {}
        }
        Vec::new()
    }
}

/// Takes a panel's answer in: its series (when new ones came) with the newest point, its
/// values, the spend and forecast from every point, then the points thinned to `width` for
/// the screen.
pub fn take_answer(
    state: &mut PanelState,
    panel: &crate::cycles::panel::Panel,
    answer: PanelAnswer,
    now: chrono::DateTime<chrono::FixedOffset>,
    width: usize,
) {
    if let Some(before) = answer.before {
        state.before = Some(before);
    }
    if let Some(series) = answer.series {
        // The step the request was made in: an answer arriving after the next step began
        // is for the one before.
        let asked = state.requested_at.unwrap_or(now);
        let end = super::panel_state::series_end(panel, asked);
        match (state.series_asked, &mut state.series) {
            (Some(SeriesAsk::Tail { from }), Some(held)) => {
                append_tail(held, series, from, end - panel.window.as_secs_f64());
            }
            _ => state.series = Some(series),
        }
        state.series_end = Some(end);
    }
    let whole = with_recent(state.series.as_ref(), &answer.recent);
    state.spend = spend_of(panel, &whole, panel.step.as_secs_f64(), now);
    state.forecast = panel.forecast.and_then(|spec| {
        let series = whole.series.first()?;
        crate::analysis::forecast::project(&series.points, spec.horizon.as_secs_f64(), spec.limit)
    });
    let mut values = answer.window.unwrap_or(answer.recent);
    // Warnings of any of the answers are the panel's.
    for warning in &whole.warnings {
        if !values.warnings.contains(warning) {
            values.warnings.push(warning.clone());
        }
    }
    state.values = Some(values);
    state.data = Some(reduce(whole, width));
    state.fetched_at = Some(now);
}

/// What a panel showed, as it is saved when its section ends: a budget panel's spend this
/// month; else each series' value under its labels and legend; a panel whose query answered
/// with nothing, "no data" (never 0). A panel that never had an answer records nothing.
pub fn recorded(
    section: &str,
    panel: &crate::cycles::panel::Panel,
    state: &PanelState,
) -> Vec<PanelValue> {
    let (Some((range_start, range_end)), Some(fetched_at)) = (state.range, state.fetched_at) else {
        return Vec::new();
    };
    let value = |series: String, name: String, value: Option<f64>| PanelValue {
        section: section.to_string(),
        panel: panel.title.clone(),
        series,
        name,
        query: super::panel_state::value_query(panel),
        value: value.filter(|v| !v.is_nan()),
        range_start,
        range_end,
        fetched_at,
        forecast: None,
        before: None,
        before_at: None,
    };
    let series = state
        .values
        .as_ref()
        .map_or(&[][..], |d| d.series.as_slice());
    if panel.budget.is_some() {
        // The month's spend so far: traced to the month's start, not the panel's window.
        let mut spent = value(
            String::new(),
            String::new(),
            state.spend.as_ref().map(|s| s.to_date),
        );
        if let Some(spend) = &state.spend {
            spent.range_start = spend.since;
            spent.range_end = fetched_at.timestamp() as f64;
        }
        return vec![spent];
    }
    if series.is_empty() {
        return vec![value(String::new(), String::new(), None)];
    }
    let labels: Vec<_> = series.iter().map(|s| &s.labels).collect();
    let names = panel.series_names(&labels);
    let mut values: Vec<PanelValue> = series
        .iter()
        .zip(names)
        .enumerate()
        .map(|(index, (one, name))| {
            let key = super::panel_state::series_key(series, index);
            // Labels come from outside: what is kept is what the screen showed, cleaned.
            let name = if key.is_empty() {
                String::new()
            } else {
                crate::text::clean(&name).into_owned()
            };
            let mut saved = value(key.clone(), name, one.last());
            // With no earlier meeting, what it was a period back in Prometheus.
            if let Some((at, before)) = state
                .before
                .as_ref()
                .and_then(|before| super::panel_state::point_of(before, &key))
            {
                saved.before = Some(before);
                saved.before_at = Some(at);
            }
            saved
        })
        .collect();
    // The forecast is of the first series, as the panel shows it.
    if let (Some(first), Some(forecast), Some(spec)) =
        (values.first_mut(), state.forecast, panel.forecast)
    {
        first.forecast = Some(crate::analysis::forecast::describe(
            &forecast, spec.limit, panel.unit,
        ));
    }
    values
}

fn spend_of(
    panel: &crate::cycles::panel::Panel,
    data: &crate::metrics::QueryData,
    step: f64,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Option<crate::analysis::budget::Spend> {
    let budget = panel.budget?;
    let labels: Vec<_> = data.series.iter().map(|s| &s.labels).collect();
    let names = panel.series_names(&labels);
    let series: Vec<(String, &[(f64, f64)])> = names
        .into_iter()
        .zip(&data.series)
        .map(|(name, s)| (name, s.points.as_slice()))
        .collect();
    crate::analysis::budget::spend(&series, step, budget, now)
}
