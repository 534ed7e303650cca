//! Opportunities in SQLite: saved whole (every field, and their dependencies), loaded whole,
//! and each status change kept in their history.

use super::db::{self, Db};
use crate::opportunities::{
    Evidence, Opportunity, Status, StatusChange, Task, name_of, parse_name,
};
use chrono::{DateTime, FixedOffset};
use rusqlite::params;
use std::collections::HashMap;

/// Inserts a new opportunity (id 0) or updates an existing one; returns its id.
pub fn save(tx: &Db, team: i64, o: &Opportunity, at: DateTime<FixedOffset>) -> db::Result<i64> {
    let tasks = serde_json::to_string(&o.tasks).unwrap_or_else(|_| "[]".into());
    let name = |v: Option<String>| v.filter(|s| !s.is_empty());
    let values = params![
        o.title.trim(),
        o.description,
        name(o.category.map(|c| name_of(&c))),
        name(o.source.map(|s| name_of(&s))),
        o.current_state,
        o.target_state,
        o.expected_benefit,
        o.impact,
        o.effort,
        name(o.risk.map(|r| name_of(&r))),
        o.confidence,
        tasks,
        o.owner,
        o.start_on,
        o.target_on,
        o.success_criteria,
        o.before.value,
        o.before.note,
        o.before.query,
        o.before.at,
        o.after.value,
        o.after.note,
        o.after.query,
        o.after.at,
        o.user_feedback,
        o.cost,
        o.what_changed,
        o.why_changed,
        o.results,
        o.lessons,
        name_of(&o.status),
        o.drop_reason,
        o.meeting_id,
        o.section,
        o.created_at,
    ];
    let id = if o.id <= 0 {
        let inserted: i64 = tx.query_row(
            "INSERT INTO opportunities (title, description, category, source, current_state,
             target_state, expected_benefit, impact, effort, risk, confidence, tasks, owner,
             start_on, target_on, success_criteria, before_value, before_note, before_query,
             before_at, after_value, after_note, after_query, after_at, user_feedback, cost,
             what_changed, why_changed, results, lessons, status, drop_reason, meeting_id,
             section, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
             ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28,
             ?29, ?30, ?31, ?32, ?33, ?34, ?35) RETURNING id",
            values,
            |row| row.get(0),
        )?;
        let id = inserted;
        tx.execute(
            "UPDATE opportunities SET team_id = ?2 WHERE id = ?1",
            params![id, team],
        )?;
        record(tx, id, o.created_at, o.status, None)?;
        id
    } else {
        let stored: Option<String> = tx.query_opt(
            "SELECT status FROM opportunities WHERE id = ?1",
            params![o.id],
            |row| row.get(0),
        )?;
        if stored.is_some_and(|status| status != name_of(&o.status)) {
            let note = (o.status == Status::Dropped)
                .then_some(o.drop_reason.as_deref())
                .flatten();
            record(tx, o.id, at, o.status, note)?;
        }
        let with_id: Vec<&dyn rusqlite::ToSql> = values
            .iter()
            .copied()
            .chain(std::iter::once(&o.id as &dyn rusqlite::ToSql))
            .collect();
        tx.execute(
            "UPDATE opportunities SET title = ?1, description = ?2, category = ?3, source =
             ?4, current_state = ?5, target_state = ?6, expected_benefit = ?7, impact = ?8,
             effort = ?9, risk = ?10, confidence = ?11, tasks = ?12, owner = ?13, start_on =
             ?14, target_on = ?15, success_criteria = ?16, before_value = ?17, before_note =
             ?18, before_query = ?19, before_at = ?20, after_value = ?21, after_note = ?22,
             after_query = ?23, after_at = ?24, user_feedback = ?25, cost = ?26, what_changed
             = ?27, why_changed = ?28, results = ?29, lessons = ?30, status = ?31,
             drop_reason = ?32, meeting_id = ?33, section = ?34, created_at = ?35 WHERE id =
             ?36",
            &with_id,
        )?;
        o.id
    };
    tx.execute(
        "DELETE FROM opportunity_dependencies WHERE opportunity_id = ?1",
        params![id],
    )?;
    for depends_on in &o.depends_on {
        tx.execute(
            "INSERT INTO opportunity_dependencies (opportunity_id, depends_on) VALUES (?1, ?2)",
            params![id, *depends_on],
        )?;
    }
    Ok(id)
}

pub fn record(
    tx: &Db,
    id: i64,
    at: DateTime<FixedOffset>,
    status: Status,
    note: Option<&str>,
) -> db::Result<()> {
    tx.execute(
        "INSERT INTO opportunity_history (opportunity_id, at, status, note) VALUES (?1, ?2, ?3, ?4)",
        params![id, at, name_of(&status), note],
    )?;
    Ok(())
}

/// Every opportunity, oldest first, with its dependencies.
pub fn all(conn: &Db, team: i64) -> db::Result<Vec<Opportunity>> {
    let mut all: Vec<Opportunity> = conn.query(
        "SELECT id, title, description, category, source, current_state, target_state,
                expected_benefit, impact, effort, risk, confidence, tasks, owner, start_on,
                target_on, success_criteria, before_value, before_note, before_query, before_at,
                after_value, after_note, after_query, after_at, user_feedback, cost, what_changed,
                why_changed, results, lessons, status, drop_reason, meeting_id, section, created_at
         FROM opportunities WHERE team_id = ?1 ORDER BY id",
        params![team],
        from_row,
    )?;
    let pairs = conn.query(
        "SELECT opportunity_id, depends_on FROM opportunity_dependencies ORDER BY depends_on",
        params![],
        |row| Ok((row.get::<i64>(0)?, row.get::<i64>(1)?)),
    )?;
    // Each pair finds its opportunity at once (a scan per pair was quadratic).
    let at: HashMap<i64, usize> = all.iter().enumerate().map(|(n, o)| (o.id, n)).collect();
    for pair in pairs {
        let (id, depends_on) = pair;
        if let Some(o) = at.get(&id).map(|&n| &mut all[n]) {
            o.depends_on.push(depends_on);
        }
    }
    Ok(all)
}

/// An opportunity's status changes: when, to what, and any note (a drop reason).
pub fn history(conn: &Db, id: i64) -> db::Result<Vec<StatusChange>> {
    conn.query(
        "SELECT at, status, note FROM opportunity_history WHERE opportunity_id = ?1 ORDER BY rowid",
        params![id],
        |row| {
            let status: String = row.get(1)?;
            Ok((
                row.get(0)?,
                super::known(1, parse_name(&status), &status)?,
                row.get(2)?,
            ))
        },
    )
}

fn from_row(row: &db::Row) -> db::Result<Opportunity> {
    // A name kaizen wrote (category, source, risk), or none; anything else is an error.
    fn named<T: serde::de::DeserializeOwned>(row: &db::Row, i: usize) -> db::Result<Option<T>> {
        match row.get::<Option<String>>(i)? {
            Some(text) => super::known(i, parse_name(&text), &text).map(Some),
            None => Ok(None),
        }
    }
    let tasks: String = row.get(12)?;
    let status: String = row.get(31)?;
    Ok(Opportunity {
        id: row.get(0)?,
        title: row.get(1)?,
        description: row.get(2)?,
        category: named(row, 3)?,
        source: named(row, 4)?,
        current_state: row.get(5)?,
        target_state: row.get(6)?,
        expected_benefit: row.get(7)?,
        impact: row.get(8)?,
        effort: row.get(9)?,
        risk: named(row, 10)?,
        depends_on: Vec::new(),
        confidence: row.get(11)?,
        tasks: super::json_column::<Vec<Task>>(12, &tasks)?,
        owner: row.get(13)?,
        start_on: row.get(14)?,
        target_on: row.get(15)?,
        success_criteria: row.get(16)?,
        before: evidence(row, 17)?,
        after: evidence(row, 21)?,
        user_feedback: row.get(25)?,
        cost: row.get(26)?,
        what_changed: row.get(27)?,
        why_changed: row.get(28)?,
        results: row.get(29)?,
        lessons: row.get(30)?,
        status: super::known(31, parse_name(&status), &status)?,
        drop_reason: row.get(32)?,
        meeting_id: row.get(33)?,
        section: row.get(34)?,
        created_at: row.get(35)?,
    })
}

/// One measurement (value, note, query, when) from the four columns starting at `first`.
fn evidence(row: &db::Row, first: usize) -> db::Result<Evidence> {
    Ok(Evidence {
        value: row.get(first)?,
        note: row.get(first + 1)?,
        query: row.get(first + 2)?,
        at: row.get(first + 3)?,
    })
}
