//! Meetings as the runner writes them: created whole, then one small change at a time, and
//! loaded back whole to resume after a crash.

use super::db::{self, Db};
use crate::change::PanelValue;
use crate::meeting::timer::SectionTimer;
use crate::meeting::{Attendee, Meeting, SectionRun};
use chrono::{DateTime, FixedOffset};
use rusqlite::params;
use std::collections::HashMap;

pub fn insert(tx: &Db, team: i64, meeting: &Meeting) -> db::Result<i64> {
    let inserted: i64 = tx.query_row(
        "INSERT INTO meetings (cycle, cycle_name, held_on, started_at, ended_at, rating,
                               current_position, facilitator, team_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
        params![
            meeting.cycle_key,
            meeting.cycle_name,
            meeting.held_on,
            meeting.started_at,
            meeting.ended_at,
            meeting.rating,
            meeting.current as i64,
            meeting.facilitator,
            team,
        ],
        |row| row.get(0),
    )?;
    let id = inserted;
    for (position, run) in meeting.sections.iter().enumerate() {
        tx.execute(
            "INSERT INTO section_runs (meeting_id, position, title, planned_minutes,
                                       planned_seconds, spent_ms, running_since, visited, notes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                id,
                position as i64,
                run.title,
                (run.original_secs / 60).max(1),
                run.timer.planned_secs,
                run.timer.spent_ms,
                run.timer.running_since,
                run.visited,
                run.notes,
            ],
        )?;
    }
    for (position, attendee) in meeting.attendees.iter().enumerate() {
        save_attendee(tx, id, position, &attendee.name, attendee.present)?;
    }
    Ok(id)
}

pub fn save_section(
    conn: &Db,
    meeting: i64,
    position: usize,
    timer: &SectionTimer,
    visited: bool,
) -> db::Result<()> {
    conn.execute(
        "UPDATE section_runs SET planned_seconds = ?3, spent_ms = ?4, running_since = ?5,
                                 visited = ?6
         WHERE meeting_id = ?1 AND position = ?2",
        params![
            meeting,
            position as i64,
            timer.planned_secs,
            timer.spent_ms,
            timer.running_since,
            visited
        ],
    )?;
    Ok(())
}

pub fn save_notes(conn: &Db, meeting: i64, position: usize, notes: &str) -> db::Result<()> {
    conn.execute(
        "UPDATE section_runs SET notes = ?3 WHERE meeting_id = ?1 AND position = ?2",
        params![meeting, position as i64, notes],
    )?;
    Ok(())
}

pub fn set_current(conn: &Db, meeting: i64, position: usize) -> db::Result<()> {
    conn.execute(
        "UPDATE meetings SET current_position = ?2 WHERE id = ?1",
        params![meeting, position as i64],
    )?;
    Ok(())
}

/// Ticks or unticks one checklist item of a meeting.
pub fn tick(
    conn: &Db,
    meeting: i64,
    (category, item): (&str, &str),
    ticked: bool,
) -> db::Result<()> {
    if ticked {
        conn.execute(
            "INSERT INTO checklist_ticks (meeting_id, category, item) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![meeting, category, item],
        )?;
    } else {
        conn.execute(
            "DELETE FROM checklist_ticks WHERE meeting_id = ?1 AND category = ?2 AND item = ?3",
            params![meeting, category, item],
        )?;
    }
    Ok(())
}

pub fn save_attendee(
    conn: &Db,
    meeting: i64,
    position: usize,
    name: &str,
    present: bool,
) -> db::Result<()> {
    conn.execute(
        "INSERT INTO attendees (meeting_id, position, name, present) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (meeting_id, position) DO UPDATE SET name = ?3, present = ?4",
        params![meeting, position as i64, name, present],
    )?;
    Ok(())
}

pub fn end(conn: &Db, meeting: i64, ended_at: DateTime<FixedOffset>) -> db::Result<()> {
    conn.execute(
        "UPDATE meetings SET ended_at = ?2 WHERE id = ?1",
        params![meeting, ended_at],
    )?;
    Ok(())
}

pub fn rate(conn: &Db, meeting: i64, rating: Option<u8>) -> db::Result<()> {
    conn.execute(
        "UPDATE meetings SET rating = ?2 WHERE id = ?1",
        params![meeting, rating],
    )?;
    Ok(())
}

/// The most recently started meeting that was never ended, if any.
pub fn unfinished(conn: &Db, team: i64) -> db::Result<Option<i64>> {
    conn.query_opt(
        "SELECT id FROM meetings WHERE ended_at IS NULL AND team_id = ?1
         ORDER BY started_at DESC, id DESC LIMIT 1",
        params![team],
        |row| row.get(0),
    )
}

/// A stored meeting, whole. Talking points are not stored; the caller adds the template's.
pub fn load(conn: &Db, id: i64) -> db::Result<Meeting> {
    let mut meeting = conn.query_row(
        "SELECT cycle, cycle_name, held_on, started_at, ended_at, rating, current_position,
                facilitator
         FROM meetings WHERE id = ?1",
        params![id],
        |row| {
            Ok(Meeting {
                id: Some(id),
                cycle_key: row.get(0)?,
                cycle_name: row.get(1)?,
                held_on: row.get(2)?,
                started_at: row.get(3)?,
                ended_at: row.get(4)?,
                rating: row.get(5)?,
                current: row.get::<i64>(6)?.max(0) as usize,
                sections: Vec::new(),
                attendees: Vec::new(),
                facilitator: row.get(7)?,
                ticked: Default::default(),
            })
        },
    )?;
    meeting.sections = conn.query(
        "SELECT title, planned_minutes, planned_seconds, spent_ms, running_since, visited, notes
         FROM section_runs WHERE meeting_id = ?1 ORDER BY position",
        params![id],
        |row| {
            Ok(SectionRun {
                title: row.get(0)?,
                talking_points: Vec::new(),
                panels: Vec::new(),
                prioritize: false,
                scan: Vec::new(),
                incidents: false,
                original_secs: row.get::<i64>(1)? * 60,
                timer: SectionTimer {
                    planned_secs: row.get(2)?,
                    spent_ms: row.get(3)?,
                    running_since: row.get(4)?,
                },
                visited: row.get(5)?,
                notes: row.get(6)?,
                bell_rung: false,
            })
        },
    )?;
    meeting.attendees = conn.query(
        "SELECT name, present FROM attendees WHERE meeting_id = ?1 ORDER BY position",
        params![id],
        |row| {
            Ok(Attendee {
                name: row.get(0)?,
                present: row.get(1)?,
            })
        },
    )?;
    meeting.ticked = conn
        .query(
            "SELECT category, item FROM checklist_ticks WHERE meeting_id = ?1",
            params![id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?
        .into_iter()
        .collect();
    Ok(meeting)
}

pub fn save_panel_values(
    tx: &Db,
    meeting: i64,
    position: usize,
    values: &[PanelValue],
) -> db::Result<()> {
    // What the section shows now replaces what it showed before (a series may have gone).
    tx.execute(
        "DELETE FROM panel_values WHERE meeting_id = ?1 AND position = ?2",
        params![meeting, position as i64],
    )?;
    for value in values {
        tx.execute(
            "INSERT INTO panel_values (meeting_id, position, section, panel, series,
                 name, query, value, range_start, range_end, fetched_at, forecast, before,
                 before_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT (meeting_id, section, panel, series) DO UPDATE SET
                 position = excluded.position, name = excluded.name, query = excluded.query,
                 value = excluded.value, range_start = excluded.range_start,
                 range_end = excluded.range_end, fetched_at = excluded.fetched_at,
                 forecast = excluded.forecast, before = excluded.before,
                 before_at = excluded.before_at",
            params![
                meeting,
                position as i64,
                value.section,
                value.panel,
                value.series,
                value.name,
                value.query,
                value.value.filter(|v| !v.is_nan()),
                value.range_start,
                value.range_end,
                value.fetched_at,
                value.forecast,
                value.before.filter(|v| !v.is_nan()),
                value.before_at,
            ],
        )?;
    }
    Ok(())
}

/// Replaces what a section's scan listed.
pub fn save_findings(
    tx: &Db,
    meeting: i64,
    position: usize,
    findings: &[crate::change::FindingRecord],
) -> db::Result<()> {
    tx.execute(
        "DELETE FROM meeting_findings WHERE meeting_id = ?1 AND position = ?2",
        params![meeting, position as i64],
    )?;
    for (rank, found) in findings.iter().enumerate() {
        tx.execute(
            "INSERT INTO meeting_findings (meeting_id, position, rank, section, panel, series,
                 query, kind, reason, start, \"end\", score)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                meeting,
                position as i64,
                rank as i64,
                found.section,
                found.panel,
                found.series,
                found.query,
                found.kind,
                found.reason,
                found.start,
                found.end,
                found.score,
            ],
        )?;
    }
    Ok(())
}

/// What the scans of a meeting listed, in agenda order, most significant first.
pub fn findings(conn: &Db, meeting: i64) -> db::Result<Vec<crate::change::FindingRecord>> {
    conn.query(
        "SELECT section, panel, series, query, kind, reason, start, \"end\", score
         FROM meeting_findings WHERE meeting_id = ?1 ORDER BY position, rank",
        params![meeting],
        |row| {
            Ok(crate::change::FindingRecord {
                section: row.get(0)?,
                panel: row.get(1)?,
                series: row.get(2)?,
                query: row.get(3)?,
                kind: row.get(4)?,
                reason: row.get(5)?,
                start: row.get(6)?,
                end: row.get(7)?,
                score: row.get(8)?,
            })
        },
    )
}

/// For each cycle, the panel values of its latest ended meeting that has any.
pub fn previous_values(conn: &Db, team: i64) -> db::Result<crate::meeting::PreviousValues> {
    let mut all: crate::meeting::PreviousValues = HashMap::new();
    let rows = conn.query(
        // Each cycle's latest ended meeting with values, found once (by a window over the
        // meetings), then its values: not a subquery per stored value.
        "WITH latest AS (
             SELECT cycle, id, held_on FROM (
                 SELECT m.cycle, m.id, m.held_on,
                        ROW_NUMBER() OVER (
                            PARTITION BY m.cycle ORDER BY m.started_at DESC, m.id DESC) AS rank
                 FROM meetings m
                 WHERE m.ended_at IS NOT NULL AND m.team_id = ?1
                   AND EXISTS (SELECT 1 FROM panel_values v2 WHERE v2.meeting_id = m.id))
                 AS ranked
             WHERE rank = 1)
         SELECT l.cycle, v.section, v.panel, v.series, v.value, l.held_on
         FROM latest l JOIN panel_values v ON v.meeting_id = l.id
         WHERE v.value IS NOT NULL",
        params![team],
        |row| {
            Ok((
                row.get::<String>(0)?,
                row.get::<String>(1)?,
                row.get::<String>(2)?,
                row.get::<String>(3)?,
                row.get::<f64>(4)?,
                row.get::<chrono::NaiveDate>(5)?,
            ))
        },
    )?;
    for row in rows {
        let (cycle, section, panel, series, value, held_on) = row;
        let previous = all.entry(cycle).or_default();
        previous.held_on = held_on;
        previous.values.insert((section, panel, series), value);
    }
    Ok(all)
}

/// The panel values stored for one meeting (for reports and tests).
pub fn panel_values(conn: &Db, meeting: i64) -> db::Result<Vec<PanelValue>> {
    conn.query(
        "SELECT section, panel, series, name, query, value, range_start, range_end, fetched_at,
                forecast, before, before_at
         FROM panel_values WHERE meeting_id = ?1 ORDER BY position, panel, rowid",
        params![meeting],
        |row| panel_value(row, 0),
    )
}

/// A `panel_values` row read from column `at` on: section, panel, series, name, query,
/// value, range start and end, fetched at, forecast, before, before at.
pub fn panel_value(row: &db::Row, at: usize) -> db::Result<PanelValue> {
    Ok(PanelValue {
        section: row.get(at)?,
        panel: row.get(at + 1)?,
        series: row.get(at + 2)?,
        name: row.get(at + 3)?,
        query: row.get(at + 4)?,
        value: row.get(at + 5)?,
        range_start: row.get(at + 6)?,
        range_end: row.get(at + 7)?,
        fetched_at: row.get(at + 8)?,
        forecast: row.get(at + 9)?,
        before: row.get(at + 10)?,
        before_at: row.get(at + 11)?,
    })
}
