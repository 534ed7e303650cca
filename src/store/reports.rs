//! What a meeting's report reads beyond the meeting itself: the cycle's other meetings and
//! their panel values, action item events, and opportunity stage changes.

use super::db::{self, Db};
use crate::change::PanelValue;
use crate::opportunities::{Status, parse_name};
use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::params;

/// One meeting in a list: id, cycle key, the day it was held, when it ended (if it did).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MeetingRow {
    pub id: i64,
    pub cycle: String,
    pub cycle_name: String,
    pub held_on: NaiveDate,
    pub started_at: DateTime<FixedOffset>,
    pub ended_at: Option<DateTime<FixedOffset>>,
}

/// Every meeting, newest first (of one cycle when given).
pub fn meetings(conn: &Db, team: i64, cycle: Option<&str>) -> db::Result<Vec<MeetingRow>> {
    conn.query(
        "SELECT id, cycle, cycle_name, held_on, started_at, ended_at FROM meetings
         WHERE (CAST(?1 AS TEXT) IS NULL OR cycle = ?1) AND started_at != '' AND team_id = ?2
         ORDER BY held_on DESC, id DESC",
        params![cycle, team],
        |row| {
            Ok(MeetingRow {
                id: row.get(0)?,
                cycle: row.get(1)?,
                cycle_name: row.get(2)?,
                held_on: row.get(3)?,
                started_at: row.get(4)?,
                ended_at: row.get(5)?,
            })
        },
    )
}

/// The panel values of every meeting of `cycle`, with the meeting they belong to.
pub fn cycle_panel_values(conn: &Db, team: i64, cycle: &str) -> db::Result<Vec<(i64, PanelValue)>> {
    conn.query(
        "SELECT v.meeting_id, v.section, v.panel, v.series, v.name, v.query, v.value,
                v.range_start, v.range_end, v.fetched_at, v.forecast, v.before, v.before_at
         FROM panel_values v JOIN meetings m ON m.id = v.meeting_id
         WHERE m.cycle = ?1 AND m.team_id = ?2 ORDER BY m.held_on, m.id, v.position, v.rowid",
        params![cycle, team],
        |row| Ok((row.get(0)?, super::meeting_runs::panel_value(row, 1)?)),
    )
}

/// One event in an action item's life.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionEvent {
    pub item: i64,
    pub at: DateTime<FixedOffset>,
    pub meeting: Option<i64>,
    pub event: String,
    pub detail: Option<String>,
}

/// Every action item event, oldest first.
pub fn action_events(conn: &Db) -> db::Result<Vec<ActionEvent>> {
    conn.query(
        "SELECT item_id, at, meeting_id, event, detail FROM action_history ORDER BY rowid",
        params![],
        |row| {
            Ok(ActionEvent {
                item: row.get(0)?,
                at: row.get(1)?,
                meeting: row.get(2)?,
                event: row.get(3)?,
                detail: row.get(4)?,
            })
        },
    )
}

/// One opportunity stage change: which opportunity, when, to what, and its note.
pub type StageChange = (i64, DateTime<FixedOffset>, Status, Option<String>);

/// Every opportunity stage change, oldest first.
pub fn stage_changes(conn: &Db) -> db::Result<Vec<StageChange>> {
    conn.query(
        "SELECT opportunity_id, at, status, note FROM opportunity_history ORDER BY rowid",
        params![],
        |row| {
            let status: String = row.get(2)?;
            Ok((
                row.get(0)?,
                row.get(1)?,
                super::known(2, parse_name(&status), &status)?,
                row.get(3)?,
            ))
        },
    )
}

/// Remembers a finding as expected (marking it twice keeps the first).
pub fn mark_expected(conn: &Db, team: i64, expected: &crate::analysis::Expected) -> db::Result<()> {
    conn.execute(
        "INSERT INTO expected_findings (series_key, kind, start, \"end\", marked_at, team_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
        params![
            expected.series_key,
            expected.kind,
            expected.start,
            expected.end,
            expected.marked_at,
            team
        ],
    )?;
    Ok(())
}

/// Every finding marked as expected.
pub fn expected(conn: &Db, team: i64) -> db::Result<Vec<crate::analysis::Expected>> {
    conn.query(
        "SELECT series_key, kind, start, \"end\", marked_at FROM expected_findings
         WHERE team_id = ?1 ORDER BY rowid",
        params![team],
        |row| {
            Ok(crate::analysis::Expected {
                series_key: row.get(0)?,
                kind: row.get(1)?,
                start: row.get(2)?,
                end: row.get(3)?,
                marked_at: row.get(4)?,
            })
        },
    )
}
