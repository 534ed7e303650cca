//! Queries and changes on held meetings.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// The latest date each cycle was held, keyed by cycle key. A meeting counts once it has
/// ended: one left unfinished is still to be resumed or ended.
pub fn last_held(conn: &Connection) -> rusqlite::Result<HashMap<String, NaiveDate>> {
    let mut stmt = conn.prepare(
        "SELECT cycle, MAX(held_on) FROM meetings WHERE ended_at IS NOT NULL GROUP BY cycle",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, NaiveDate>(1)?))
    })?;
    rows.collect()
}

/// Records a finished meeting of `cycle` held on `date` (used by the demo and tests until the
/// meeting runner writes real ones).
pub fn insert_held(
    conn: &Connection,
    cycle: &str,
    date: NaiveDate,
    started_at: DateTime<FixedOffset>,
    ended_at: DateTime<FixedOffset>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO meetings (cycle, held_on, started_at, ended_at) VALUES (?1, ?2, ?3, ?4)",
        params![cycle, date, started_at, ended_at],
    )?;
    Ok(conn.last_insert_rowid())
}
