//! Opportunities on their own: the quadrant they fall in (3 counts as high), their order,
//! what each stage asks for before an opportunity may move to it, and dependency cycles.

use chrono::{FixedOffset, TimeZone};
use kaizen::opportunities::dependencies::cycle_if_added;
use kaizen::opportunities::{Opportunity, Quadrant, Risk, Status};
use std::collections::HashMap;

fn idea(title: &str, impact: u8, effort: u8) -> Opportunity {
    let at = FixedOffset::east_opt(0)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).single())
        .expect("time");
    let mut opportunity = Opportunity::titled(title, at);
    opportunity.impact = impact;
    opportunity.effort = effort;
    opportunity
}

#[test]
fn quadrants_split_at_three_which_counts_as_high() {
    let cases = [
        (5, 1, Quadrant::QuickWins),
        (3, 2, Quadrant::QuickWins),
        (3, 3, Quadrant::Strategic),
        (5, 5, Quadrant::Strategic),
        (2, 2, Quadrant::NiceToHaves),
        (1, 1, Quadrant::NiceToHaves),
        (2, 3, Quadrant::Avoid),
        (1, 5, Quadrant::Avoid),
    ];
    for (impact, effort, quadrant) in cases {
        assert_eq!(
            idea("x", impact, effort).quadrant(),
            quadrant,
            "{impact}/{effort}"
        );
    }
}

#[test]
fn within_a_quadrant_most_impact_for_least_effort_comes_first() {
    let mut ideas = [idea("b", 3, 2), idea("a", 5, 1), idea("c", 4, 2)];
    ideas.sort_by(|x, y| y.score().total_cmp(&x.score()));
    let order: Vec<&str> = ideas.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(order, ["a", "c", "b"]);
}

#[test]
fn each_stage_asks_for_its_key_fields() {
    let mut query = idea("Slow project list query (500ms)", 4, 2);
    assert!(query.missing_for(Status::Identified).is_empty());
    assert_eq!(
        query.missing_for(Status::Analyzed),
        ["current state", "target state", "risk"]
    );
    query.current_state = "p95 500 ms".into();
    query.target_state = "p95 under 100 ms".into();
    query.risk = Some(Risk::Low);
    assert!(query.missing_for(Status::Analyzed).is_empty());
    assert_eq!(
        query.missing_for(Status::Planned),
        ["owner", "target date", "success criteria"]
    );
    assert_eq!(
        query.missing_for(Status::Documented),
        [
            "owner",
            "target date",
            "success criteria",
            "metric before",
            "metric after",
            "what changed",
            "results achieved",
            "lessons learned"
        ]
    );
    assert!(
        query.missing_for(Status::Dropped).is_empty(),
        "dropping needs only a reason"
    );
    assert_eq!(Status::Identified.next(), Some(Status::Analyzed));
    assert_eq!(Status::Documented.next(), None);
}

#[test]
fn a_dependency_that_would_close_a_cycle_is_found() {
    // 1 depends on 2, 2 depends on 3.
    let edges: HashMap<i64, Vec<i64>> = [(1, vec![2]), (2, vec![3])].into_iter().collect();
    assert_eq!(cycle_if_added(&edges, 3, 1), Some(vec![1, 2, 3]));
    assert_eq!(cycle_if_added(&edges, 4, 1), None);
    assert_eq!(
        cycle_if_added(&edges, 1, 3),
        None,
        "1 -> 3 is a shortcut, not a cycle"
    );
    assert_eq!(cycle_if_added(&edges, 5, 5), Some(vec![5]));
}

#[test]
fn every_field_and_the_status_history_survive_the_store() {
    use kaizen::cycles::Category;
    use kaizen::opportunities::{Evidence, Source, Task};
    let dir = tempfile::tempdir().unwrap();
    let mut store = kaizen::store::Store::open(&dir.path().join("kaizen.db")).unwrap();
    let first = store
        .save_opportunity(&idea("Cache warming", 4, 2))
        .unwrap();
    let mut query = idea("Slow project list query (500ms)", 5, 1);
    query.description = "Missing index on user_id + status".into();
    query.category = Some(Category::Performance);
    query.source = Some(Source::MetricsAnalysis);
    query.current_state = "p95 500 ms".into();
    query.target_state = "p95 50 ms".into();
    query.expected_benefit = "10x faster project list".into();
    query.risk = Some(Risk::Low);
    query.depends_on = vec![first];
    query.confidence = Some(80);
    query.tasks = vec![
        Task {
            text: "Add composite index".into(),
            done: true,
        },
        Task {
            text: "Check the plan".into(),
            done: false,
        },
    ];
    query.owner = Some("Ana".into());
    query.start_on = Some("2026-12-01".parse().unwrap());
    query.target_on = Some("2026-12-11".parse().unwrap());
    query.success_criteria = "p95 under 100 ms for a week".into();
    query.before = Evidence {
        value: Some(0.5),
        note: "p95".into(),
        query: Some("histogram_quantile(0.95, ...)".into()),
        at: Some(query.created_at),
    };
    query.after = Evidence {
        value: Some(0.05),
        ..Evidence::default()
    };
    query.user_feedback = "Feels instant".into();
    query.cost = "2 hours".into();
    query.what_changed = "Composite index".into();
    query.why_changed = "Sequential scans".into();
    query.results = "450 ms faster at p95".into();
    query.lessons = "Check query plans in review".into();
    query.meeting_id = None;
    query.section = Some("Action Items".into());
    let id = store.save_opportunity(&query).unwrap();
    query.id = id;

    let loaded = store.opportunities().unwrap();
    assert_eq!(loaded.len(), 2);
    assert_eq!(loaded[1], query, "every field round-trips");

    query.title = "Slow project list query".into();
    store.save_opportunity(&query).unwrap();
    assert_eq!(
        store.opportunities().unwrap()[1].title,
        "Slow project list query"
    );

    let later = query.created_at + chrono::Duration::days(3);
    store
        .set_opportunity_status(id, Status::Analyzed, None, later)
        .unwrap();
    store
        .set_opportunity_status(id, Status::Dropped, Some("superseded"), later)
        .unwrap();
    let history: Vec<(Status, Option<String>)> = store
        .opportunity_history(id)
        .unwrap()
        .into_iter()
        .map(|(_, status, note)| (status, note))
        .collect();
    assert_eq!(
        history,
        [
            (Status::Identified, None),
            (Status::Analyzed, None),
            (Status::Dropped, Some("superseded".to_string()))
        ]
    );
    assert_eq!(
        store.opportunities().unwrap()[1].drop_reason.as_deref(),
        Some("superseded")
    );
}
