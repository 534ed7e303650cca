//! The built-in demo: a private in-memory database with a plausible history, so a new user
//! sees kaizen at work without a server or any setup. Nothing is written to disk.

use crate::change::Change;
use crate::cycles::Cycle;
use crate::meeting::Meeting;
use crate::metrics;
use crate::model::meeting_panels::{recorded, take_answer};
use crate::model::panel_state::{PanelState, request_for, window_of};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Days, Duration, FixedOffset};
use std::collections::HashMap;

/// How far back the demo's history of held meetings reaches.
const HISTORY_DAYS: u64 = 400;

/// Records every scheduled review of the past `HISTORY_DAYS` before `now` as held, each
/// from 09:00 with every section run near its timebox, in `now`'s offset (as kaizen itself
/// stores times), so the history and its reports read like a real team's.
pub fn seed_history(
    store: &mut Store,
    cycles: &[Cycle],
    now: DateTime<FixedOffset>,
) -> Result<(), StoreError> {
    seed_history_days(store, cycles, now, HISTORY_DAYS)
}

/// As [`seed_history`], over the last `days` (the scale benchmark asks for years).
pub fn seed_history_days(
    store: &mut Store,
    cycles: &[Cycle],
    now: DateTime<FixedOffset>,
    days: u64,
) -> Result<(), StoreError> {
    for (name, handle) in TEAM {
        store.apply(&Change::Roster(crate::change::RosterChange::Add(
            crate::people::Person {
                name: name.to_string(),
                handle: handle.map(str::to_string),
                email: None,
            },
        )))?;
    }
    let today = now.date_naive();
    let start = today.checked_sub_days(Days::new(days)).unwrap_or(today);
    let mut held_by_cycle: HashMap<&str, Vec<(i64, Meeting)>> = HashMap::new();
    for (n, day) in start.iter_days().take_while(|day| *day < today).enumerate() {
        for cycle in cycles.iter().filter(|c| c.cadence.falls_on(day)) {
            let Some(started) = day
                .and_hms_opt(9, 0, 0)
                .and_then(|time| time.and_local_timezone(*now.offset()).single())
            else {
                continue;
            };
            let meeting = held(cycle, started, n);
            let id = store.record_meeting(&meeting)?;
            held_by_cycle
                .entry(&cycle.key)
                .or_default()
                .push((id, meeting));
        }
    }
    // What the panels showed at each cycle's latest meetings: the same synthetic series as
    // of each meeting's end, saved as a meeting saves them, so that changes and trends on
    // screen and in reports come from the store as they do for real.
    for cycle in cycles {
        let held = held_by_cycle.remove(cycle.key.as_str()).unwrap_or_default();
        for (id, meeting) in held.iter().rev().take(TREND_MEETINGS) {
            record_panels(store, cycle, *id, meeting)?;
        }
    }
    Ok(())
}

/// The demo team's roster: who attends, who owns action items.
const TEAM: [(&str, Option<&str>); 4] = [
    ("Ana Lima", Some("ana")),
    ("Bo Chen", None),
    ("Chidi Okafor", Some("chidi")),
    ("Dana Kim", None),
];

/// How many of each cycle's latest demo meetings have panel values (a stat's longest trend).
const TREND_MEETINGS: usize = 13;

fn record_panels(
    store: &mut Store,
    cycle: &Cycle,
    id: i64,
    meeting: &Meeting,
) -> Result<(), StoreError> {
    let Some(end) = meeting.ended_at else {
        return Ok(());
    };
    for (position, section) in cycle.sections.iter().enumerate() {
        let mut values = Vec::new();
        for panel in &section.panels {
            let request = request_for(panel, end);
            let Ok(answer) = request.answer_with(metrics::demo::answer) else {
                continue;
            };
            let mut state = PanelState {
                range: Some(window_of(panel, end)),
                ..PanelState::default()
            };
            take_answer(&mut state, panel, answer, end, 200);
            values.extend(recorded(&section.title, panel, &state));
        }
        if !values.is_empty() {
            store.apply(&Change::SavePanelValues {
                meeting: id,
                position,
                values,
            })?;
        }
    }
    Ok(())
}

/// A meeting of `cycle` held from `started`: each section a little over or under its
/// timebox (the same way every time for the same `seed`), rated 6 to 9.
fn held(cycle: &Cycle, started: DateTime<FixedOffset>, seed: usize) -> Meeting {
    let team: Vec<String> = TEAM.iter().map(|(name, _)| name.to_string()).collect();
    let mut meeting = Meeting::new(cycle, started, false, &team);
    // Now and then someone is away.
    if let Some(away) = meeting.attendees.get_mut(seed % 11) {
        away.present = false;
    }
    let mut at = started;
    for (index, run) in meeting.sections.iter_mut().enumerate() {
        // Between 80% and 115% of the timebox.
        let percent = 80 + ((seed * 7 + index * 13) % 36) as i64;
        run.timer.spent_ms = run.timer.planned_secs * 10 * percent;
        run.visited = true;
        at += Duration::milliseconds(run.timer.spent_ms);
    }
    meeting.current = meeting.sections.len().saturating_sub(1);
    meeting.ended_at = Some(at);
    meeting.rating = Some(6 + (seed % 4) as u8);
    meeting.facilitator = Some(TEAM[seed % TEAM.len()].0.to_string());
    meeting
}

/// The process's three worked examples, at different stages, and a few fresh ideas, so the
/// demo's quadrant has something to triage.
pub fn seed_opportunities(
    store: &mut Store,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<(), StoreError> {
    use crate::cycles::Category;
    use crate::opportunities::{Evidence, Opportunity, Risk, Source, Status};
    let idea = |title: &str, impact: u8, effort: u8, category: Category, source: Source| {
        let mut o = Opportunity::titled(title, now - Duration::days(21));
        o.impact = impact;
        o.effort = effort;
        o.category = Some(category);
        o.source = Some(source);
        o
    };
    let mut query = idea(
        "Slow project list query (500ms)",
        5,
        1,
        Category::Performance,
        Source::MetricsAnalysis,
    );
    query.current_state = "p95 of the project list 500 ms".into();
    query.target_state = "p95 under 100 ms".into();
    query.description = "Missing index on user_id + status".into();
    query.risk = Some(Risk::Low);
    query.before = Evidence {
        value: Some(0.5),
        note: "p95 latency of GET /projects".into(),
        query: Some(
            "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))"
                .into(),
        ),
        at: Some(now - Duration::days(21)),
    };
    query.status = Status::Analyzed;
    let mut cache = idea(
        "Low cache hit rate (60%)",
        4,
        2,
        Category::Performance,
        Source::MetricsAnalysis,
    );
    cache.description = "Wind data not cached".into();
    let mut storage = idea(
        "High storage costs",
        4,
        3,
        Category::Cost,
        Source::Benchmarking,
    );
    storage.description = "Old files not archived: S3 lifecycle policy".into();
    // The third example, carried through to Document & share: the demo's lessons library
    // has something to show.
    storage.status = Status::Documented;
    storage.start_on = Some((now - Duration::days(20)).date_naive());
    storage.what_changed =
        "An S3 lifecycle policy moves report files older than 90 days to Glacier".into();
    storage.why_changed = "Old files were never read again but billed as hot storage".into();
    storage.results = "Storage costs reduced 50%: $150/month savings".into();
    storage.lessons =
        "Look at what is stored before buying more: most of the bill was files nobody reads".into();
    let mesh = idea(
        "Move to a service mesh",
        2,
        5,
        Category::Quality,
        Source::Benchmarking,
    );
    let colours = idea(
        "Tidy the dashboard colours",
        1,
        1,
        Category::Quality,
        Source::UserFeedback,
    );
    for opportunity in [query, cache, storage, mesh, colours] {
        store.save_opportunity(&opportunity)?;
    }
    let started = now - Duration::days(9);
    let mut outage = crate::incidents::Incident::new(
        "Checkout errors after the payment certificate expired",
        started,
        started,
    );
    outage.ended_at = Some(started + Duration::minutes(38));
    outage.outage = true;
    outage.factors = vec![
        "The certificate was renewed by hand, from a calendar reminder".into(),
        "No alert on certificate expiry".into(),
    ];
    outage.went_well = "The error-rate alert fired within 2 minutes; rolled back in 6".into();
    store.save_incident(&outage)?;
    Ok(())
}
