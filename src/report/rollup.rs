//! The period roll-up of the larger reviews: what the shorter reviews held since the cycle's
//! previous meeting found and did (metric trends across them, how many action items due in
//! the period were done, the opportunities opened and validated).

use crate::actions::ActionItem;
use crate::change::PanelValue;
use crate::cycles::{Cadence, Cycle, Months};
use crate::metrics::units::{self, Unit};
use crate::opportunities::{Opportunity, Status};
use crate::store::reports::{ActionEvent, MeetingRow, StageChange};
use crate::store::{Store, StoreError};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rollup {
    pub from: DateTime<FixedOffset>,
    pub to: DateTime<FixedOffset>,
    /// The shorter reviews held in the period, oldest first.
    pub meetings: Vec<HeldMeeting>,
    /// Each of their metric panels across them.
    pub trends: Vec<Trend>,
    /// Action items due in the period, and how many of those were done by its end.
    pub actions_due: usize,
    pub actions_due_done: usize,
    pub actions_created: usize,
    pub actions_done: usize,
    pub actions_dropped: usize,
    /// Open when the period ended.
    pub actions_open: usize,
    pub opportunities_opened: Vec<Named>,
    pub opportunities_validated: Vec<Named>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HeldMeeting {
    pub id: i64,
    pub cycle_name: String,
    pub held_on: NaiveDate,
    pub rating: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trend {
    pub cycle_name: String,
    pub section: String,
    pub panel: String,
    /// Which of the panel's series (its legend), when it has named series.
    pub series: Option<String>,
    /// Whether the panel's unit is money (for the budget parts).
    pub currency: bool,
    /// One value per meeting that recorded it, oldest first.
    pub points: Vec<(NaiveDate, f64)>,
    /// The same, in the panel's unit.
    pub shown: Vec<String>,
    /// Last against first, in the panel's unit.
    pub change: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Named {
    pub id: i64,
    pub title: String,
}

impl Rollup {
    /// The share of the items due in the period that were done by its end.
    pub fn completion_rate(&self) -> Option<f64> {
        (self.actions_due > 0).then(|| self.actions_due_done as f64 / self.actions_due as f64)
    }
}

/// Where the period starts: the cycle's previous meeting, else one cadence back.
pub fn period_start(
    cycle: &Cycle,
    previous: Option<&MeetingRow>,
    started: DateTime<FixedOffset>,
) -> DateTime<FixedOffset> {
    // From where the previous review's own period ended: nothing counts in both.
    if let Some(previous) = previous {
        return previous.ended_at.unwrap_or(previous.started_at);
    }
    let months = match cycle.cadence {
        Cadence::Weekly(_) => return started - chrono::Duration::days(7),
        Cadence::Fortnightly { .. } => return started - chrono::Duration::days(14),
        Cadence::MonthDay {
            months: Months::Every,
            ..
        } => 1,
        Cadence::MonthDay {
            months: Months::QuarterStart,
            ..
        } => 3,
        Cadence::MonthDay {
            months: Months::Only(_),
            ..
        } => 12,
    };
    started
        .checked_sub_months(chrono::Months::new(months))
        .unwrap_or(started)
}

/// What the facts from the store say about the period.
pub struct Facts<'a> {
    pub cycles: &'a [Cycle],
    pub actions: &'a [ActionItem],
    pub events: &'a [ActionEvent],
    pub opportunities: &'a [Opportunity],
    pub changes: &'a [StageChange],
}

/// The roll-up for a meeting of `cycle` whose period runs `from`..=`to`; `None` when no
/// shorter cycle exists to roll up.
pub fn gather(
    store: &Store,
    cycle: &Cycle,
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
    facts: &Facts<'_>,
) -> Result<Option<Rollup>, StoreError> {
    // Reviews that come round more often (weekly under monthly), not merely shorter ones.
    let shorter: Vec<&Cycle> = facts
        .cycles
        .iter()
        .filter(|c| c.cadence.period_days() < cycle.cadence.period_days())
        .collect();
    if shorter.is_empty() {
        return Ok(None);
    }
    let mut meetings: Vec<MeetingRow> = store
        .meetings(None)?
        .into_iter()
        .filter(|m| shorter.iter().any(|c| c.key == m.cycle))
        .filter(|m| m.ended_at.is_some() && m.started_at > from && m.started_at < to)
        .collect();
    meetings.sort_by_key(|m| (m.held_on, m.id));
    let mut held = Vec::new();
    for m in &meetings {
        held.push(HeldMeeting {
            id: m.id,
            cycle_name: m.cycle_name.clone(),
            held_on: m.held_on,
            rating: store.load_meeting(m.id)?.rating,
        });
    }
    let mut trends = Vec::new();
    for short in &shorter {
        trends.extend(trends_of(store, short, &meetings)?);
    }

    let in_period = |at: DateTime<FixedOffset>| at > from && at <= to;
    // Grouped once: scanning every event per item was quadratic in the years of history.
    let events_of = super::gather::group_by(facts.events, |e| e.item);
    let closed_by = |item: i64, event: &str| {
        events_of
            .get(&item)
            .is_some_and(|events| events.iter().any(|e| e.event == event && e.at <= to))
    };
    let changes_of = super::gather::group_by(facts.changes, |c| c.0);
    let due: Vec<&ActionItem> = facts
        .actions
        .iter()
        .filter(|a| a.due_on > from.date_naive() && a.due_on <= to.date_naive())
        .collect();
    let count_events = |event: &str| {
        facts
            .events
            .iter()
            .filter(|e| e.event == event && in_period(e.at))
            .count()
    };
    let named = |o: &Opportunity| Named {
        id: o.id,
        title: o.title.clone(),
    };
    Ok(Some(Rollup {
        from,
        to,
        meetings: held,
        trends,
        actions_due: due.len(),
        actions_due_done: due.iter().filter(|a| closed_by(a.id, "done")).count(),
        actions_created: facts
            .actions
            .iter()
            .filter(|a| in_period(a.created_at))
            .count(),
        actions_done: count_events("done"),
        actions_dropped: count_events("dropped"),
        actions_open: facts
            .actions
            .iter()
            .filter(|a| {
                a.created_at <= to && !closed_by(a.id, "done") && !closed_by(a.id, "dropped")
            })
            .count(),
        opportunities_opened: facts
            .opportunities
            .iter()
            .filter(|o| in_period(o.created_at))
            .map(named)
            .collect(),
        opportunities_validated: facts
            .opportunities
            .iter()
            .filter(|o| {
                changes_of.get(&o.id).is_some_and(|changes| {
                    changes
                        .iter()
                        .any(|(_, at, status, _)| *status == Status::Validated && in_period(*at))
                })
            })
            .map(named)
            .collect(),
    }))
}

/// Each panel of `cycle` across `meetings`, in the template's order.
fn trends_of(
    store: &Store,
    cycle: &Cycle,
    meetings: &[MeetingRow],
) -> Result<Vec<Trend>, StoreError> {
    let values = store.cycle_panel_values(&cycle.key)?;
    let held: Vec<&MeetingRow> = meetings.iter().filter(|m| m.cycle == cycle.key).collect();
    let held_ids: std::collections::HashSet<i64> = held.iter().map(|m| m.id).collect();
    // Each value found by its meeting, section, panel and series at once, not by a scan.
    let value_at: std::collections::HashMap<(i64, &str, &str, &str), &PanelValue> = values
        .iter()
        .map(|(id, v)| {
            (
                (*id, v.section.as_str(), v.panel.as_str(), v.series.as_str()),
                v,
            )
        })
        .collect();
    let mut trends = Vec::new();
    for section in &cycle.sections {
        for panel in &section.panels {
            let of_panel: Vec<&PanelValue> = values
                .iter()
                .filter(|(id, v)| {
                    v.section == section.title && v.panel == panel.title && held_ids.contains(id)
                })
                .map(|(_, v)| v)
                .collect();
            // One trend per series, in the order they first appeared, each under its name.
            let mut series: Vec<(&str, &str)> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for v in &of_panel {
                if seen.insert(v.series.as_str()) {
                    series.push((&v.series, &v.name));
                }
            }
            for (key, name) in series {
                let points: Vec<(NaiveDate, f64)> = held
                    .iter()
                    .filter_map(|m| {
                        value_at
                            .get(&(m.id, section.title.as_str(), panel.title.as_str(), key))
                            .and_then(|v| Some((m.held_on, v.value?)))
                    })
                    .filter(|(_, value)| value.is_finite())
                    .collect();
                if points.is_empty() {
                    continue;
                }
                let mut trend = trend(cycle, &section.title, &panel.title, panel.unit, points);
                trend.series = (!key.is_empty()).then(|| name.to_string());
                trends.push(trend);
            }
        }
    }
    Ok(trends)
}

fn trend(
    cycle: &Cycle,
    section: &str,
    panel: &str,
    unit: Unit,
    points: Vec<(NaiveDate, f64)>,
) -> Trend {
    let change = match (points.first(), points.last()) {
        (Some(first), Some(last)) if points.len() > 1 => {
            Some(units::format_delta_beside(last.1 - first.1, unit, last.1))
        }
        _ => None,
    };
    Trend {
        cycle_name: cycle.name.clone(),
        section: section.to_string(),
        panel: panel.to_string(),
        series: None,
        currency: unit == Unit::Currency,
        shown: points
            .iter()
            .map(|(_, v)| units::format(*v, unit))
            .collect(),
        points,
        change,
    }
}
