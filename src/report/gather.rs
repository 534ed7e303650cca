//! Gathers a meeting's report from the store: the meeting itself, its panel values against
//! the cycle's earlier meetings, what happened to action items in it, and the opportunities
//! it raised or moved. Everything is as of the meeting's end, so a report regenerated later
//! reads the same (scores and titles excepted: those are as they are now).

use super::{
    Attendance, Decision, Lesson, MetricRecord, OpportunityRecord, Output, PreviousMeeting,
    REPORT_VERSION, Report, SectionRecord,
};
use crate::actions::ActionItem;
use crate::change::PanelValue;
use crate::cycles::Cycle;
use crate::cycles::panel::{Better, Panel, Status as GoalStatus};
use crate::metrics::units::{self, Unit};
use crate::opportunities::Status;
use crate::report::parts::Part;
use crate::report::rollup;
use crate::store::{Store, StoreError};
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;

/// How many meetings a metric's trend reaches back, this one included.
const TREND_MEETINGS: usize = 8;

/// The report of meeting `id`; `now` stands in for the end of a meeting still running.
pub fn gather(
    store: &Store,
    id: i64,
    cycles: &[Cycle],
    now: DateTime<FixedOffset>,
) -> Result<Report, StoreError> {
    let meeting = store.load_meeting(id)?;
    let cycle = cycles.iter().find(|c| c.key == meeting.cycle_key);
    let end = meeting.ended_at.unwrap_or(now);
    let earlier: Vec<_> = store
        .meetings(Some(&meeting.cycle_key))?
        .into_iter()
        .filter(|m| m.ended_at.is_some() && (m.held_on, m.id) < (meeting.held_on, id))
        .collect();
    // Oldest first: this meeting's earlier ones, for trends.
    let history: Vec<i64> = earlier.iter().rev().map(|m| m.id).collect();
    let values = store.cycle_panel_values(&meeting.cycle_key)?;
    // Compared with the latest earlier meeting that recorded values (as the live panels are):
    // one held while Prometheus was down has nothing to compare with.
    let with_values: std::collections::HashSet<i64> = values.iter().map(|(of, _)| *of).collect();
    let previous = earlier
        .iter()
        .find(|m| with_values.contains(&m.id))
        .map(|m| PreviousMeeting {
            id: m.id,
            held_on: m.held_on,
        });
    let sections = meeting
        .sections
        .iter()
        .map(|run| SectionRecord {
            title: run.title.clone(),
            planned_secs: run.original_secs,
            actual_secs: run.visited.then(|| run.timer.spent_secs(end)),
            notes: run.notes.clone(),
            metrics: metrics_of(
                &run.title,
                panels_of(cycle, &run.title),
                id,
                &history,
                previous.as_ref().map(|p| p.id),
                &values,
            ),
        })
        .collect::<Vec<SectionRecord>>();

    let actions = store.actions(&crate::actions::Filter::default())?;
    let events = store.action_events()?;
    // Each item's events and each opportunity's stage changes, grouped once: looking them up
    // per item in the whole list made a report quadratic in the years of history.
    let events_of = group_by(&events, |e| e.item);
    let no_events = Vec::new();
    let item_events = |item: i64| events_of.get(&item).unwrap_or(&no_events);
    let by_id: HashMap<i64, &ActionItem> = actions.iter().map(|a| (a.id, a)).collect();
    // Items as they stood when the meeting ended, not as they are now.
    let as_of_end = |item: &ActionItem| {
        let mut item = item.clone();
        let happened = |event: &str| {
            item_events(item.id)
                .iter()
                .filter(|e| e.event == event && e.at <= end)
                .count()
        };
        item.carried = happened("carried") as u32;
        item.status = if happened("done") > 0 {
            crate::actions::Status::Done
        } else if happened("dropped") > 0 {
            crate::actions::Status::Dropped
        } else {
            crate::actions::Status::Open
        };
        item
    };
    let actions_made: Vec<ActionItem> = actions
        .iter()
        .filter(|a| a.meeting_id == Some(id))
        .map(as_of_end)
        .collect();
    let decisions = events
        .iter()
        .filter(|e| e.meeting == Some(id) && e.event != "created")
        .filter_map(|e| {
            let item = by_id.get(&e.item)?;
            Some(Decision {
                item: (*item).clone(),
                event: e.event.clone(),
                detail: e.detail.clone(),
                at: e.at,
            })
        })
        .collect();
    let closed_by_end = |item: i64| {
        item_events(item)
            .iter()
            .any(|e| (e.event == "done" || e.event == "dropped") && e.at <= end)
    };
    let mut open_after: Vec<ActionItem> = actions
        .iter()
        .filter(|a| a.created_at <= end && !closed_by_end(a.id))
        .map(as_of_end)
        .collect();
    open_after.sort_by(|a, b| {
        (a.owner.to_lowercase(), a.due_on, a.id).cmp(&(b.owner.to_lowercase(), b.due_on, b.id))
    });

    let opportunities = store.opportunities()?;
    let changes = store.stage_changes()?;
    let changes_of = group_by(&changes, |c| c.0);
    let no_changes = Vec::new();
    let changes_for = |o: i64| changes_of.get(&o).unwrap_or(&no_changes);
    let opportunity_records = opportunities
        .iter()
        .filter_map(|o| {
            let raised_here = o.meeting_id == Some(id);
            let stage_changes: Vec<_> = changes_for(o.id)
                .iter()
                .filter(|(_, at, status, _)| {
                    *at >= meeting.started_at
                        && *at <= end
                        && !(raised_here && *status == Status::Identified && *at == o.created_at)
                })
                .map(|(_, at, status, note)| (*at, *status, note.clone()))
                .collect();
            (raised_here || !stage_changes.is_empty()).then(|| OpportunityRecord {
                id: o.id,
                title: o.title.clone(),
                quadrant: o.quadrant(),
                impact: o.impact,
                effort: o.effort,
                status: o.status,
                owner: o.owner.clone(),
                target_on: o.target_on,
                raised_here,
                stage_changes,
            })
        })
        .collect();
    let plan = plan_as_of(&opportunities, &changes_of, id, end);
    // Since the previous review ended: what it already told is not told again.
    let since = earlier.first().map(|m| m.ended_at.unwrap_or(m.started_at));
    let lessons = opportunities
        .iter()
        .filter(|o| matches!(o.status, Status::Validated | Status::Documented))
        .filter(|o| {
            changes_for(o.id).iter().any(|(_, at, status, _)| {
                matches!(status, Status::Validated | Status::Documented)
                    && *at <= end
                    && since.is_none_or(|since| *at > since)
            })
        })
        .map(|o| Lesson {
            id: o.id,
            title: o.title.clone(),
            status: o.status,
            results: o.results.clone(),
            lessons: o.lessons.clone(),
            before: o.before.value,
            after: o.after.value,
        })
        .collect();

    let rollup = match cycle {
        Some(cycle) => {
            let from = rollup::period_start(cycle, earlier.first(), meeting.started_at);
            let facts = rollup::Facts {
                cycles,
                actions: &actions,
                events: &events,
                opportunities: &opportunities,
                changes: &changes,
            };
            rollup::gather(store, cycle, from, end, &facts)?
        }
        None => None,
    };
    let incidents_since = since.unwrap_or(meeting.started_at - chrono::Duration::days(30));
    let incidents: Vec<crate::incidents::Incident> = store
        .incidents()?
        .into_iter()
        // Those of the period, and any still going from before it: one not over is not
        // left out because an earlier report already listed it.
        .filter(|i| {
            i.started_at <= end
                && (i.started_at > incidents_since
                    || i.ended_at.is_none_or(|e| e > incidents_since))
        })
        .collect();
    let outputs = outputs_of(cycle, &sections, rollup.is_some(), !incidents.is_empty());
    let scorecard = outputs
        .iter()
        .any(|o| o.parts.contains(&Part::Scorecard))
        .then(|| scorecard_of(cycle, id, &history, &values))
        .flatten();
    let incident_lessons = crate::lessons::of_incidents(&incidents, &opportunities, &actions);
    Ok(Report {
        scorecard,
        incident_lessons,
        checklist: checklist_of(cycle, &meeting.ticked),
        version: REPORT_VERSION,
        meeting_id: id,
        cycle: meeting.cycle_key.clone(),
        cycle_name: meeting.cycle_name.clone(),
        held_on: meeting.held_on,
        started_at: meeting.started_at,
        ended_at: meeting.ended_at,
        facilitator: meeting.facilitator.clone(),
        rating: meeting.rating,
        attendance: meeting
            .attendees
            .iter()
            .map(|a| Attendance {
                name: a.name.clone(),
                present: a.present,
            })
            .collect(),
        sections,
        outputs,
        previous_meeting: previous,
        actions_made,
        decisions,
        open_after,
        opportunities: opportunity_records,
        plan,
        findings: store.meeting_findings(id)?,
        lessons,
        rollup,
        incidents,
    })
}

/// Every opportunity that existed when the meeting ended and was still being worked on then
/// (its stage as of the end, from its stage changes), quick wins first, the highest impact
/// and lowest effort first within a quadrant.
fn plan_as_of(
    opportunities: &[crate::opportunities::Opportunity],
    changes: &HashMap<i64, Vec<&crate::store::reports::StageChange>>,
    meeting: i64,
    end: DateTime<FixedOffset>,
) -> Vec<OpportunityRecord> {
    let mut plan: Vec<OpportunityRecord> = opportunities
        .iter()
        .filter(|o| o.created_at <= end)
        .filter_map(|o| {
            let status = changes
                .get(&o.id)
                .into_iter()
                .flatten()
                .rev()
                .find(|(_, at, _, _)| *at <= end)
                .map_or(o.status, |(_, _, status, _)| *status);
            if matches!(status, Status::Documented | Status::Dropped) {
                return None;
            }
            Some(OpportunityRecord {
                id: o.id,
                title: o.title.clone(),
                quadrant: o.quadrant(),
                impact: o.impact,
                effort: o.effort,
                status,
                owner: o.owner.clone(),
                target_on: o.target_on,
                raised_here: o.meeting_id == Some(meeting),
                stage_changes: Vec::new(),
            })
        })
        .collect();
    plan.sort_by_key(|o| (std::cmp::Reverse(o.impact), o.effort, o.id));
    plan
}

/// The panels the template gives the section of this title (for units, goals and order).
fn panels_of<'a>(cycle: Option<&'a Cycle>, title: &str) -> &'a [Panel] {
    cycle
        .and_then(|c| c.sections.iter().find(|s| s.title == title))
        .map_or(&[], |s| s.panels.as_slice())
}

/// The section's saved values, in the template's panel order, against earlier meetings.
fn metrics_of(
    section: &str,
    panels: &[Panel],
    meeting: i64,
    history: &[i64],
    previous: Option<i64>,
    values: &[(i64, PanelValue)],
) -> Vec<MetricRecord> {
    // The section's values by meeting, panel and series, found at once (a scan of every
    // value for each earlier meeting made reports quadratic in the years of history).
    let index: HashMap<(i64, &str, &str), &PanelValue> = values
        .iter()
        .filter(|(_, v)| v.section == section)
        .map(|(m, v)| ((*m, v.panel.as_str(), v.series.as_str()), v))
        .collect();
    let of = |at: i64, saved: &PanelValue| {
        index
            .get(&(at, saved.panel.as_str(), saved.series.as_str()))
            .copied()
    };
    let mut here: Vec<&PanelValue> = values
        .iter()
        .filter(|(m, v)| *m == meeting && v.section == section)
        .map(|(_, v)| v)
        .collect();
    let place = |v: &PanelValue| {
        panels
            .iter()
            .position(|p| p.title == v.panel)
            .unwrap_or(usize::MAX)
    };
    // The template's order; a panel's series largest first (those without a value last).
    here.sort_by(|a, b| {
        (place(a), &a.panel)
            .cmp(&(place(b), &b.panel))
            .then_with(|| {
                let value = |v: &PanelValue| v.value.filter(|x| !x.is_nan());
                match (value(a), value(b)) {
                    (Some(x), Some(y)) => y.total_cmp(&x),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => a.name.cmp(&b.name),
                }
            })
    });
    here.into_iter()
        .map(|v| {
            let panel = panels.iter().find(|p| p.title == v.panel);
            let unit = panel.map_or(Unit::Number, |p| p.unit);
            let value = v.value.filter(|x| !x.is_nan());
            let prior = previous
                .and_then(|m| of(m, v))
                .and_then(|p| p.value)
                .filter(|p| !p.is_nan());
            let delta = value.zip(prior).map(|(now, before)| now - before);
            // A cycle's first meeting is compared with Prometheus's value a period back.
            let back = match (prior, v.before, v.before_at) {
                (None, Some(before), Some(at)) if before.is_finite() => Some((before, at)),
                _ => None,
            };
            let delta = delta.or_else(|| value.zip(back).map(|(now, (before, _))| now - before));
            let against = back.and_then(|(_, at)| at_offset(at, *v.fetched_at.offset()));
            let goal = panel.and_then(|p| p.goal);
            let mut trend: Vec<f64> = history
                .iter()
                .rev()
                .take(TREND_MEETINGS - 1)
                .rev()
                .filter_map(|m| of(*m, v).and_then(|p| p.value))
                .filter(|value| value.is_finite())
                .collect();
            trend.extend(value.filter(|v| v.is_finite()));
            let offset = *v.fetched_at.offset();
            MetricRecord {
                panel: v.panel.clone(),
                series: v.series.clone(),
                name: (!v.series.is_empty()).then(|| v.name.clone()),
                value,
                shown: value.map_or_else(|| "no data".to_string(), |x| units::format(x, unit)),
                previous: prior,
                change: delta.map(|d| {
                    let change = units::format_delta_beside(d, unit, value.unwrap_or(d));
                    match against {
                        Some(at) => format!("{change} vs {} (Prometheus)", at.format("%-d %b")),
                        None => change,
                    }
                }),
                improved: delta.zip(goal).map(|(d, g)| g.improved(d)),
                goal_status: value
                    .zip(goal)
                    .and_then(|(value, g)| g.status(value))
                    .map(|s| {
                        match s {
                            GoalStatus::Green => "green",
                            GoalStatus::Amber => "amber",
                            GoalStatus::Red => "red",
                        }
                        .to_string()
                    }),
                goal: goal.map(|g| {
                    let (better, from) = match g.better {
                        Better::Lower => ("lower is better", "from"),
                        Better::Higher => ("higher is better", "at or below"),
                    };
                    format!(
                        "{better}: amber {from} {}, red {from} {}",
                        units::format(g.amber, unit),
                        units::format(g.red, unit)
                    )
                }),
                trend,
                query: v.query.clone(),
                range_start: at_offset(v.range_start, offset).unwrap_or(v.fetched_at),
                range_end: at_offset(v.range_end, offset).unwrap_or(v.fetched_at),
                fetched_at: v.fetched_at,
                forecast: v.forecast.clone(),
                currency: unit == Unit::Currency,
            }
        })
        .collect()
}

/// Unix seconds as a time in the meeting's offset.
fn at_offset(unix: f64, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    DateTime::from_timestamp(unix as i64, 0).map(|at| at.with_timezone(&offset))
}

/// The template's outputs with their parts, then a heading for every part no output shows,
/// so that nothing recorded is left out.
fn outputs_of(
    cycle: Option<&Cycle>,
    sections: &[SectionRecord],
    rollup: bool,
    incidents: bool,
) -> Vec<Output> {
    let mut outputs: Vec<Output> = cycle
        .map(|c| {
            c.report
                .iter()
                .map(|(heading, parts)| Output {
                    heading: heading.clone(),
                    parts: parts.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let shown = |part: &Part| outputs.iter().any(|o| o.parts.contains(part));
    let metrics_left = sections
        .iter()
        .any(|s| !s.metrics.is_empty() && !shown(&Part::SectionMetrics(s.title.clone())));
    let mut missing: Vec<(String, Part)> = Part::defaults()
        .into_iter()
        .filter(|(_, part)| !shown(part))
        .filter(|(_, part)| *part != Part::Metrics || metrics_left)
        .collect();
    if rollup && !shown(&Part::Rollup) {
        missing.insert(0, ("Period summary".into(), Part::Rollup));
    }
    if incidents && !shown(&Part::Incidents) {
        missing.push(("Incidents".into(), Part::Incidents));
    }
    outputs.extend(missing.into_iter().map(|(heading, part)| Output {
        heading,
        parts: vec![part],
    }));
    outputs
}

/// The cycle's checklist with the meeting's ticks; an item ticked that the template no
/// longer lists is kept under its category, so the record never loses a tick.
fn checklist_of(
    cycle: Option<&Cycle>,
    ticked: &std::collections::BTreeSet<(String, String)>,
) -> Vec<super::ChecklistGroup> {
    let mut groups: Vec<(String, super::ChecklistGroup)> = cycle
        .map(|c| c.categories.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|group| {
            let items = group
                .items
                .iter()
                .map(|item| super::ChecklistItem {
                    item: item.clone(),
                    checked: ticked.contains(&(group.key.clone(), item.clone())),
                })
                .collect();
            (
                group.key.clone(),
                super::ChecklistGroup {
                    category: group.label(),
                    items,
                },
            )
        })
        .collect();
    for (key, item) in ticked {
        let listed = groups
            .iter()
            .any(|(k, g)| k == key && g.items.iter().any(|i| &i.item == item));
        if listed {
            continue;
        }
        let at = match groups.iter().position(|(k, _)| k == key) {
            Some(at) => at,
            None => {
                let label = crate::cycles::CategoryItems {
                    key: key.clone(),
                    items: Vec::new(),
                }
                .label();
                groups.push((
                    key.clone(),
                    super::ChecklistGroup {
                        category: label,
                        items: Vec::new(),
                    },
                ));
                groups.len() - 1
            }
        };
        groups[at].1.items.push(super::ChecklistItem {
            item: item.clone(),
            checked: true,
        });
    }
    groups.into_iter().map(|(_, group)| group).collect()
}

/// The rows of `all` by a key, each group in the order of `all` (oldest first).
pub(super) fn group_by<T, K: std::hash::Hash + Eq>(
    all: &[T],
    key: impl Fn(&T) -> K,
) -> HashMap<K, Vec<&T>> {
    let mut groups: HashMap<K, Vec<&T>> = HashMap::new();
    for row in all {
        groups.entry(key(row)).or_default().push(row);
    }
    groups
}

/// The scorecard as this meeting left it: the cycle's meetings up to this one (a report
/// regenerated later reads the same).
fn scorecard_of(
    cycle: Option<&Cycle>,
    id: i64,
    history: &[i64],
    values: &[(i64, PanelValue)],
) -> Option<super::ScorecardGrid> {
    let mine: std::collections::HashSet<i64> =
        history.iter().copied().chain(std::iter::once(id)).collect();
    let upto: Vec<(i64, PanelValue)> = values
        .iter()
        .filter(|(meeting, _)| mine.contains(meeting))
        .cloned()
        .collect();
    let (header, rows) = crate::scorecard::grid(&crate::scorecard::build(cycle?, &upto));
    Some(super::ScorecardGrid { header, rows })
}
