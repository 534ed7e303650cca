//! Queries and changes on held meetings.

use super::db::{self, Db};
use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::params;
use std::collections::HashMap;

/// The latest date each cycle was held, keyed by cycle key. A meeting counts once it has
/// ended: one left unfinished is still to be resumed or ended.
pub fn last_held(conn: &Db, team: i64) -> db::Result<HashMap<String, NaiveDate>> {
    let rows = conn.query(
        "SELECT cycle, MAX(held_on) FROM meetings WHERE ended_at IS NOT NULL AND team_id = ?1
         GROUP BY cycle",
        params![team],
        |row| Ok((row.get::<String>(0)?, row.get::<NaiveDate>(1)?)),
    )?;
    Ok(rows.into_iter().collect())
}

/// Records a finished meeting of `cycle` held on `date` (used by the demo and tests until the
/// meeting runner writes real ones).
pub fn insert_held(
    conn: &Db,
    team: i64,
    cycle: &str,
    date: NaiveDate,
    started_at: DateTime<FixedOffset>,
    ended_at: DateTime<FixedOffset>,
) -> db::Result<i64> {
    let inserted: i64 = conn.query_row(
        "INSERT INTO meetings (cycle, held_on, started_at, ended_at, team_id)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        params![cycle, date, started_at, ended_at, team],
        |row| row.get(0),
    )?;
    Ok(inserted)
}
