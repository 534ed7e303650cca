//! What an import may put in each column: one entry per column of every exported table, with
//! the kind of value kaizen itself writes there and reads back. An import is checked against
//! it, whole, before the database is opened (`import_check`); a value a store read would fail
//! on never gets in.
//! A migration that adds a column adds one entry here (a test holds the two together).

/// The kind of value a column holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// The table's own `INTEGER PRIMARY KEY`, from 1.
    Id,
    /// The id of a row of that table (that the row exists, SQLite checks at commit).
    Ref(&'static str),
    /// One line of text: no control characters.
    Line,
    /// One line of text, not blank (titles, names).
    Title,
    /// Text that keeps newlines and tabs (notes, descriptions, queries).
    Lines,
    /// An instant with its offset, RFC 3339 (kaizen writes `2026-11-30 09:00:00+01:00`).
    Time,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A finite number.
    Finite,
    /// Any number, `{"real": "+Inf"}`, `"-Inf"` or `"NaN"` included (what a panel showed).
    AnyReal,
    /// A whole number in a range, of a unit (for the message).
    Int(i64, i64, &'static str),
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// The key of a cycle among the loaded templates.
    Cycle,
    /// JSON text: a list of `{"text": ..., "done": ...}` (an opportunity's tasks).
    Tasks,
    /// JSON text: a list of one-line texts (an incident's contributing factors).
    TextList,
}

/// Whether a row may leave the column out, or hold null in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// NOT NULL without a default: every row has it.
    Required,
    /// NOT NULL with a default: a row from an older kaizen may lack it, never null.
    Defaulted,
    /// May be null or absent.
    Nullable,
}

#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub presence: Presence,
}

const fn req(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        presence: Presence::Required,
    }
}

const fn def(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        presence: Presence::Defaulted,
    }
}

const fn opt(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        presence: Presence::Nullable,
    }
}

/// A hundred years: no timebox or time spent is longer, and arithmetic on it cannot overflow.
const MAX_SECS: i64 = 3_155_760_000;
const SECONDS: Kind = Kind::Int(0, MAX_SECS, "seconds");
const MILLISECONDS: Kind = Kind::Int(0, MAX_SECS * 1000, "milliseconds");
const MINUTES: Kind = Kind::Int(1, MAX_SECS / 60, "minutes");
const POSITION: Kind = Kind::Int(0, i64::MAX, "");
const FLAG: Kind = Kind::Int(0, 1, "");

pub const ACTION_STATUSES: &[&str] = &["open", "done", "dropped"];
pub const ACTION_EVENTS: &[&str] = &[
    "created",
    "carried",
    "reassigned",
    "rescheduled",
    "done",
    "dropped",
];
pub const OPPORTUNITY_STATUSES: &[&str] = &[
    "identified",
    "analyzed",
    "planned",
    "in_progress",
    "measuring",
    "validated",
    "documented",
    "dropped",
];
pub const CATEGORIES: &[&str] = &["performance", "cost", "quality", "security"];
pub const SOURCES: &[&str] = &[
    "metrics_analysis",
    "user_feedback",
    "incident_analysis",
    "benchmarking",
];
pub const RISKS: &[&str] = &["low", "medium", "high"];
pub const MOMENTS: &[&str] = &["detected", "diagnosed", "mitigated", "resolved", "other"];
pub const FINDING_KINDS: &[&str] = &[
    "outlier",
    "level shift",
    "trend change",
    "unlike last week",
    "past the red line",
    "past the amber line",
];

/// Every column of every table in [`super::export::TABLES`], in that order.
pub const SPEC: &[(&str, &[Column])] = &[
    ("teams", &[req("id", Kind::Id), req("name", Kind::Title)]),
    (
        "meetings",
        &[
            req("id", Kind::Id),
            req("cycle", Kind::Cycle),
            req("held_on", Kind::Date),
            req("started_at", Kind::Time),
            opt("ended_at", Kind::Time),
            opt("rating", Kind::Int(1, 10, "")),
            def("cycle_name", Kind::Line),
            // Also at most its last section: see `check_positions`.
            def("current_position", POSITION),
            opt("facilitator", Kind::Line),
            def("team_id", Kind::Ref("teams")),
        ],
    ),
    (
        "section_runs",
        &[
            req("meeting_id", Kind::Ref("meetings")),
            req("position", POSITION),
            req("title", Kind::Line),
            req("planned_minutes", MINUTES),
            def("spent_ms", MILLISECONDS),
            opt("running_since", Kind::Time),
            def("notes", Kind::Lines),
            def("planned_seconds", SECONDS),
            def("visited", FLAG),
        ],
    ),
    (
        "attendees",
        &[
            req("meeting_id", Kind::Ref("meetings")),
            req("position", POSITION),
            req("name", Kind::Line),
            def("present", FLAG),
        ],
    ),
    (
        "checklist_ticks",
        &[
            req("meeting_id", Kind::Ref("meetings")),
            req("category", Kind::Line),
            req("item", Kind::Line),
        ],
    ),
    (
        "panel_values",
        &[
            req("meeting_id", Kind::Ref("meetings")),
            req("position", POSITION),
            req("section", Kind::Line),
            req("panel", Kind::Line),
            // Label values may hold newlines.
            def("series", Kind::Lines),
            def("name", Kind::Lines),
            req("query", Kind::Lines),
            opt("value", Kind::AnyReal),
            req("range_start", Kind::Finite),
            req("range_end", Kind::Finite),
            req("fetched_at", Kind::Time),
            opt("forecast", Kind::Line),
            opt("before", Kind::AnyReal),
            opt("before_at", Kind::Finite),
        ],
    ),
    (
        "meeting_findings",
        &[
            req("meeting_id", Kind::Ref("meetings")),
            req("position", POSITION),
            req("rank", POSITION),
            req("section", Kind::Line),
            req("panel", Kind::Line),
            req("series", Kind::Lines),
            req("query", Kind::Lines),
            req("kind", Kind::OneOf(FINDING_KINDS)),
            req("reason", Kind::Line),
            req("start", Kind::Finite),
            req("end", Kind::Finite),
            req("score", Kind::Finite),
        ],
    ),
    (
        "people",
        &[
            req("id", Kind::Id),
            req("name", Kind::Title),
            opt("handle", Kind::Line),
            opt("left_at", Kind::Time),
            opt("email", Kind::Line),
            def("team_id", Kind::Ref("teams")),
        ],
    ),
    (
        "opportunities",
        &[
            req("id", Kind::Id),
            req("title", Kind::Title),
            def("description", Kind::Lines),
            opt("category", Kind::OneOf(CATEGORIES)),
            opt("source", Kind::OneOf(SOURCES)),
            def("current_state", Kind::Lines),
            def("target_state", Kind::Lines),
            def("expected_benefit", Kind::Lines),
            req("impact", Kind::Int(1, 5, "")),
            req("effort", Kind::Int(1, 5, "")),
            opt("risk", Kind::OneOf(RISKS)),
            opt("confidence", Kind::Int(0, 100, "percent")),
            def("tasks", Kind::Tasks),
            opt("owner", Kind::Line),
            opt("start_on", Kind::Date),
            opt("target_on", Kind::Date),
            def("success_criteria", Kind::Lines),
            opt("before_value", Kind::AnyReal),
            def("before_note", Kind::Lines),
            opt("before_query", Kind::Lines),
            opt("before_at", Kind::Time),
            opt("after_value", Kind::AnyReal),
            def("after_note", Kind::Lines),
            opt("after_query", Kind::Lines),
            opt("after_at", Kind::Time),
            def("user_feedback", Kind::Lines),
            def("cost", Kind::Lines),
            def("what_changed", Kind::Lines),
            def("why_changed", Kind::Lines),
            def("results", Kind::Lines),
            def("lessons", Kind::Lines),
            def("status", Kind::OneOf(OPPORTUNITY_STATUSES)),
            opt("drop_reason", Kind::Lines),
            opt("meeting_id", Kind::Ref("meetings")),
            opt("section", Kind::Line),
            req("created_at", Kind::Time),
            def("team_id", Kind::Ref("teams")),
        ],
    ),
    (
        "opportunity_dependencies",
        &[
            req("opportunity_id", Kind::Ref("opportunities")),
            req("depends_on", Kind::Ref("opportunities")),
        ],
    ),
    (
        "opportunity_history",
        &[
            req("opportunity_id", Kind::Ref("opportunities")),
            req("at", Kind::Time),
            req("status", Kind::OneOf(OPPORTUNITY_STATUSES)),
            opt("note", Kind::Lines),
        ],
    ),
    (
        "action_items",
        &[
            req("id", Kind::Id),
            req("title", Kind::Title),
            req("owner_id", Kind::Ref("people")),
            req("due_on", Kind::Date),
            def("status", Kind::OneOf(ACTION_STATUSES)),
            opt("drop_reason", Kind::Lines),
            opt("meeting_id", Kind::Ref("meetings")),
            opt("section", Kind::Line),
            req("created_at", Kind::Time),
            opt("opportunity_id", Kind::Ref("opportunities")),
            def("team_id", Kind::Ref("teams")),
        ],
    ),
    (
        "action_history",
        &[
            req("item_id", Kind::Ref("action_items")),
            req("at", Kind::Time),
            opt("meeting_id", Kind::Ref("meetings")),
            req("event", Kind::OneOf(ACTION_EVENTS)),
            opt("detail", Kind::Lines),
        ],
    ),
    (
        "expected_findings",
        &[
            req("series_key", Kind::Lines),
            req("kind", Kind::OneOf(FINDING_KINDS)),
            req("start", Kind::Finite),
            req("end", Kind::Finite),
            req("marked_at", Kind::Time),
            def("team_id", Kind::Ref("teams")),
        ],
    ),
    (
        "incidents",
        &[
            req("id", Kind::Id),
            req("title", Kind::Title),
            def("severity", Kind::Line),
            opt("service", Kind::Line),
            req("started_at", Kind::Time),
            opt("ended_at", Kind::Time),
            opt("detected_at", Kind::Time),
            def("summary", Kind::Lines),
            def("impact", Kind::Lines),
            def("factors", Kind::TextList),
            def("went_well", Kind::Lines),
            opt("alert", Kind::Lines),
            req("created_at", Kind::Time),
            def("outage", FLAG),
            def("team_id", Kind::Ref("teams")),
        ],
    ),
    (
        "incident_timeline",
        &[
            req("incident_id", Kind::Ref("incidents")),
            req("at", Kind::Time),
            req("kind", Kind::OneOf(MOMENTS)),
            def("note", Kind::Lines),
        ],
    ),
    (
        "incident_measures",
        &[
            req("incident_id", Kind::Ref("incidents")),
            opt("action_item_id", Kind::Ref("action_items")),
            opt("opportunity_id", Kind::Ref("opportunities")),
        ],
    ),
    (
        "dismissed_alerts",
        &[
            req("fingerprint", Kind::Lines),
            req("start", Kind::Finite),
            def("team_id", Kind::Ref("teams")),
        ],
    ),
    (
        "publications",
        &[
            req("meeting_id", Kind::Ref("meetings")),
            req("target", Kind::OneOf(&["git", "webhook", "email"])),
            def("done", FLAG),
            def("detail", Kind::Lines),
            def("attempts", POSITION),
            opt("tried_at", Kind::Time),
        ],
    ),
    (
        "tracker_issues",
        &[
            req("item_id", Kind::Ref("action_items")),
            req("tracker", Kind::OneOf(&["github", "gitlab"])),
            req("project", Kind::Line),
            req("number", Kind::Int(1, i64::MAX, "")),
            req("url", Kind::Line),
            req("state", Kind::OneOf(&["open", "closed"])),
            req("synced_at", Kind::Time),
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// A table's columns as a fresh database has them: name, type, NOT NULL, default, key.
    type Columns = Vec<(String, String, bool, bool, bool)>;

    fn schema() -> Vec<(String, Columns)> {
        let db =
            super::super::db::Db::Sqlite(rusqlite::Connection::open_in_memory().expect("memory"));
        super::super::migrate::migrate(&db).expect("migrated");
        let conn = db.sqlite().expect("SQLite");
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rowid")
            .expect("tables")
            .query_map([], |row| row.get(0))
            .expect("tables")
            .collect::<Result<_, _>>()
            .expect("tables");
        tables
            .into_iter()
            .map(|table| {
                let columns = conn
                    .prepare("SELECT name, type, \"notnull\", dflt_value IS NOT NULL, pk FROM pragma_table_info(?1)")
                    .expect("columns")
                    .query_map([&table], |row| {
                        Ok((
                            row.get(0)?,
                            row.get(1)?,
                            row.get(2)?,
                            row.get(3)?,
                            row.get::<_, i64>(4)? > 0,
                        ))
                    })
                    .expect("columns")
                    .collect::<Result<_, _>>()
                    .expect("columns");
                (table, columns)
            })
            .collect()
    }

    #[test]
    fn the_spec_covers_exactly_the_columns_of_a_fresh_database() {
        let schema = schema();
        let mut tables: Vec<&str> = schema.iter().map(|(t, _)| t.as_str()).collect();
        tables.sort_unstable();
        let mut exported = super::super::export::TABLES.to_vec();
        exported.sort_unstable();
        assert_eq!(tables, exported, "every table is exported");
        let specified: Vec<&str> = SPEC.iter().map(|(t, _)| *t).collect();
        assert_eq!(specified, super::super::export::TABLES, "in export order");
        for (table, columns) in &schema {
            let spec = SPEC
                .iter()
                .find(|(t, _)| t == table)
                .map(|(_, c)| *c)
                .unwrap_or_default();
            let names: Vec<&str> = columns.iter().map(|c| c.0.as_str()).collect();
            let specified: Vec<&str> = spec.iter().map(|c| c.name).collect();
            assert_eq!(specified, names, "{table}: one entry per column, in order");
            for ((name, sql_type, not_null, default, key), column) in columns.iter().zip(spec) {
                let presence = match (not_null | key, default) {
                    (false, _) => Presence::Nullable,
                    (true, false) => Presence::Required,
                    (true, true) => Presence::Defaulted,
                };
                assert_eq!(column.presence, presence, "{table}.{name}");
                let stored = match column.kind {
                    Kind::Id | Kind::Ref(_) | Kind::Int(..) => "INTEGER",
                    Kind::Finite | Kind::AnyReal => "REAL",
                    _ => "TEXT",
                };
                assert_eq!(sql_type, stored, "{table}.{name}");
                assert_eq!(
                    column.kind == Kind::Id,
                    *key && sql_type == "INTEGER" && name == "id",
                    "{table}.{name}: the row id"
                );
            }
        }
    }

    #[test]
    fn the_words_are_the_ones_kaizen_writes() {
        use crate::opportunities::{Risk, Source, Status, name_of, parse_name};
        let statuses: Vec<String> = Status::FLOW
            .iter()
            .chain([&Status::Dropped])
            .map(name_of)
            .collect();
        assert_eq!(statuses, OPPORTUNITY_STATUSES);
        let categories: Vec<String> = crate::cycles::Category::ALL.iter().map(name_of).collect();
        assert_eq!(categories, CATEGORIES);
        assert!(SOURCES.iter().all(|s| parse_name::<Source>(s).is_some()));
        assert!(RISKS.iter().all(|r| parse_name::<Risk>(r).is_some()));
        assert!(
            MOMENTS
                .iter()
                .all(|m| crate::incidents::Moment::parse(m)
                    .is_some_and(|moment| moment.name() == *m))
        );
        assert!(ACTION_STATUSES.iter().all(|s| {
            s.parse::<crate::actions::Status>()
                .is_ok_and(|st| st.as_str() == *s)
        }));
        use crate::analysis::Kind as Finding;
        use crate::cycles::panel::Status as Goal;
        let kinds = [
            Finding::Outlier,
            Finding::LevelShift,
            Finding::TrendChange,
            Finding::Seasonal,
            Finding::Breach(Goal::Red),
            Finding::Breach(Goal::Amber),
        ]
        .map(Finding::label);
        assert_eq!(kinds, FINDING_KINDS);
    }
}
