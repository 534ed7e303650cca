//! Action items and the roster in SQLite: creating, listing with their carry-over counts,
//! and each decision about an item, recorded in its history.

use super::db::{self, Db, Dialect};
use crate::actions::{ActionItem, Filter, NewAction, Status};
use crate::people::Person;
use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::params;
use std::collections::HashSet;

/// The person's id, adding them to the roster when `add` and they are not in it yet.
pub fn person_id(tx: &Db, team: i64, name: &str, add: bool) -> db::Result<Option<i64>> {
    let found: Option<i64> = tx.query_opt(
        "SELECT id FROM people WHERE lower(name) = lower(?1) AND team_id = ?2",
        params![name.trim(), team],
        |row| row.get(0),
    )?;
    match (found, add) {
        (Some(id), true) => {
            // Someone who had left is back once given an item again.
            tx.execute(
                "UPDATE people SET left_at = NULL WHERE id = ?1",
                params![id],
            )?;
            Ok(Some(id))
        }
        (Some(id), false) => {
            let left: bool = tx.query_row(
                "SELECT left_at IS NOT NULL FROM people WHERE id = ?1",
                params![id],
                |row| row.get(0),
            )?;
            Ok((!left).then_some(id))
        }
        (None, true) => {
            let id = tx.query_row(
                "INSERT INTO people (name, team_id) VALUES (?1, ?2) RETURNING id",
                params![name.trim(), team],
                |row| row.get(0),
            )?;
            Ok(Some(id))
        }
        (None, false) => Ok(None),
    }
}

/// The roster: everyone who has not left.
pub fn people(conn: &Db, team: i64) -> db::Result<Vec<String>> {
    conn.query(
        "SELECT name FROM people WHERE left_at IS NULL AND team_id = ?1 ORDER BY lower(name)",
        params![team],
        |row| row.get(0),
    )
}

pub fn create(
    tx: &Db,
    team: i64,
    new: &NewAction,
    owner_id: i64,
    at: DateTime<FixedOffset>,
) -> db::Result<i64> {
    let inserted: i64 = tx.query_row(
        "INSERT INTO action_items (title, owner_id, due_on, meeting_id, section, created_at,
                                   opportunity_id, team_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        params![
            new.title.trim(),
            owner_id,
            new.due_on,
            new.meeting_id,
            new.section,
            at,
            new.opportunity_id,
            team
        ],
        |row| row.get(0),
    )?;
    let id = inserted;
    record(tx, id, at, new.meeting_id, "created", None)?;
    Ok(id)
}

pub fn decided_in(conn: &Db, meeting: i64) -> db::Result<HashSet<i64>> {
    conn.query(
        "SELECT DISTINCT item_id FROM action_history WHERE meeting_id = ?1 AND event <> 'created'",
        params![meeting],
        |row| row.get(0),
    )
    .map(|ids| ids.into_iter().collect())
}

pub fn record(
    tx: &Db,
    item: i64,
    at: DateTime<FixedOffset>,
    meeting: Option<i64>,
    event: &str,
    detail: Option<&str>,
) -> db::Result<()> {
    tx.execute(
        "INSERT INTO action_history (item_id, at, meeting_id, event, detail)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![item, at, meeting, event, detail],
    )?;
    Ok(())
}

/// Closes an item as done or dropped; false when there is no such open item.
pub fn close(
    tx: &Db,
    item: i64,
    status: Status,
    reason: Option<&str>,
    at: DateTime<FixedOffset>,
    meeting: Option<i64>,
) -> db::Result<bool> {
    let changed = tx.execute(
        "UPDATE action_items SET status = ?2, drop_reason = ?3 WHERE id = ?1 AND status = 'open'",
        params![item, status.as_str(), reason],
    )?;
    if changed == 1 {
        record(tx, item, at, meeting, status.as_str(), reason)?;
    }
    Ok(changed == 1)
}

pub fn list(conn: &Db, team: i64, filter: &Filter) -> db::Result<Vec<ActionItem>> {
    select(conn, Some(team), filter, None)
}

/// One item as stored, if there is such an item.
pub fn item(conn: &Db, id: i64) -> db::Result<Option<ActionItem>> {
    Ok(select(conn, None, &Filter::default(), Some(id))?.pop())
}

fn select(
    conn: &Db,
    team: Option<i64>,
    filter: &Filter,
    id: Option<i64>,
) -> db::Result<Vec<ActionItem>> {
    let status = filter.status.map(Status::as_str);
    conn.query(
        "SELECT a.id, a.title, p.name, a.due_on, a.status, a.drop_reason, a.meeting_id,
                a.section, a.created_at,
                (SELECT COUNT(*) FROM action_history h
                  WHERE h.item_id = a.id AND h.event = 'carried'),
                a.opportunity_id
         FROM action_items a JOIN people p ON p.id = a.owner_id
         WHERE (CAST(?1 AS TEXT) IS NULL OR lower(p.name) = lower(?1))
           AND (CAST(?2 AS TEXT) IS NULL OR a.status = ?2)
           AND (CAST(?3 AS TEXT) IS NULL OR (a.status = 'open' AND a.due_on < ?3))
           AND (CAST(?4 AS BIGINT) IS NULL OR a.id = ?4)
           AND (CAST(?5 AS BIGINT) IS NULL OR a.team_id = ?5)
         ORDER BY a.due_on, a.id",
        params![filter.owner, status, filter.overdue_on, id, team],
        |row| {
            let status: String = row.get(4)?;
            Ok(ActionItem {
                id: row.get(0)?,
                title: row.get(1)?,
                owner: row.get(2)?,
                due_on: row.get::<NaiveDate>(3)?,
                status: super::known(4, status.parse().ok(), &status)?,
                drop_reason: row.get(5)?,
                meeting_id: row.get(6)?,
                section: row.get(7)?,
                created_at: row.get(8)?,
                carried: row.get(9)?,
                opportunity_id: row.get(10)?,
            })
        },
    )
}

/// Carries an open item over to the next meeting (its history counts the carry-overs).
pub fn carry(
    tx: &Db,
    item: i64,
    at: DateTime<FixedOffset>,
    meeting: Option<i64>,
) -> db::Result<bool> {
    let open: bool = tx
        .query_row(
            "SELECT COUNT(*) FROM action_items WHERE id = ?1 AND status = 'open'",
            params![item],
            |row| row.get::<i64>(0),
        )
        .map(|count| count == 1)?;
    if open {
        record(tx, item, at, meeting, "carried", None)?;
    }
    Ok(open)
}

pub fn reassign(
    tx: &Db,
    item: i64,
    owner_id: i64,
    owner: &str,
    at: DateTime<FixedOffset>,
    meeting: Option<i64>,
) -> db::Result<bool> {
    let changed = tx.execute(
        "UPDATE action_items SET owner_id = ?2 WHERE id = ?1 AND status = 'open'",
        params![item, owner_id],
    )?;
    if changed == 1 {
        record(tx, item, at, meeting, "reassigned", Some(owner))?;
    }
    Ok(changed == 1)
}

pub fn reschedule(
    tx: &Db,
    item: i64,
    due_on: NaiveDate,
    at: DateTime<FixedOffset>,
    meeting: Option<i64>,
) -> db::Result<bool> {
    let changed = tx.execute(
        "UPDATE action_items SET due_on = ?2 WHERE id = ?1 AND status = 'open'",
        params![item, due_on],
    )?;
    if changed == 1 {
        record(
            tx,
            item,
            at,
            meeting,
            "rescheduled",
            Some(&due_on.to_string()),
        )?;
    }
    Ok(changed == 1)
}

/// Changes an open item's what, who and due; a new owner or due date is recorded in its
/// history (a new wording is not: the item is the same promise).
pub fn edit(
    tx: &Db,
    item: i64,
    title: &str,
    owner_id: i64,
    owner: &str,
    due_on: NaiveDate,
    at: DateTime<FixedOffset>,
) -> db::Result<bool> {
    let before: Option<(i64, NaiveDate)> = tx.query_opt(
        "SELECT owner_id, due_on FROM action_items WHERE id = ?1 AND status = 'open'",
        params![item],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let Some((old_owner, old_due)) = before else {
        return Ok(false);
    };
    tx.execute(
        "UPDATE action_items SET title = ?2, owner_id = ?3, due_on = ?4 WHERE id = ?1",
        params![item, title.trim(), owner_id, due_on],
    )?;
    if old_owner != owner_id {
        record(tx, item, at, None, "reassigned", Some(owner))?;
    }
    if old_due != due_on {
        record(tx, item, at, None, "rescheduled", Some(&due_on.to_string()))?;
    }
    Ok(true)
}

/// The roster with handles and addresses, by name.
pub fn roster(conn: &Db, team: i64) -> db::Result<Vec<Person>> {
    conn.query(
        "SELECT name, handle, email FROM people WHERE left_at IS NULL AND team_id = ?1
         ORDER BY lower(name)",
        params![team],
        |row| {
            Ok(Person {
                name: row.get(0)?,
                handle: row.get(1)?,
                email: row.get(2)?,
            })
        },
    )
}

/// A handle is kept without its '@' (the screen adds one), however it was given; blanks
/// are no handle or address.
fn contact(person: &Person) -> (Option<&str>, Option<&str>) {
    let handle = person
        .handle
        .as_deref()
        .map(|h| h.trim().trim_start_matches('@'))
        .filter(|h| !h.is_empty());
    let email = person
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty());
    (handle, email)
}

/// Adds a person, or changes the handle (and address, when given) of one already there.
pub fn add_person(conn: &Db, team: i64, person: &Person) -> db::Result<()> {
    let (handle, email) = contact(person);
    // A name is unique in its team whatever its case: SQLite's column says so (NOCASE),
    // PostgreSQL's index is on lower(name).
    let key = match conn.dialect() {
        Dialect::Sqlite => "team_id, name",
        Dialect::Postgres => "team_id, lower(name)",
    };
    conn.execute(
        &format!(
            "INSERT INTO people (name, handle, email, team_id) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT ({key}) DO UPDATE SET handle = ?2, email = coalesce(?3, people.email),
                 left_at = NULL"
        ),
        params![person.name.trim(), handle, email, team],
    )?;
    Ok(())
}

/// Gives `old` a new name, handle and address, as typed.
pub fn edit_person(conn: &Db, team: i64, old: &str, person: &Person) -> db::Result<bool> {
    let (handle, email) = contact(person);
    Ok(conn.execute(
        "UPDATE people SET name = ?2, handle = ?3, email = ?4
         WHERE lower(name) = lower(?1) AND team_id = ?5",
        params![old, person.name.trim(), handle, email, team],
    )? == 1)
}

/// Takes a person off the roster; false while they own an open item (hand it over first).
/// Someone who owned items keeps their name on them and is marked as left; someone who
/// never did is forgotten.
pub fn remove_person(conn: &Db, team: i64, name: &str) -> db::Result<bool> {
    let (open, any): (i64, i64) = conn.query_row(
        "SELECT COUNT(*) FILTER (WHERE a.status = 'open'), COUNT(a.id)
         FROM people p LEFT JOIN action_items a ON a.owner_id = p.id
         WHERE lower(p.name) = lower(?1) AND p.team_id = ?2",
        params![name, team],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    if open > 0 {
        return Ok(false);
    }
    if any > 0 {
        let now = match conn.dialect() {
            Dialect::Sqlite => "strftime('%Y-%m-%d %H:%M:%S+00:00', 'now')",
            Dialect::Postgres => "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS+00:00')",
        };
        conn.execute(
            &format!(
                "UPDATE people SET left_at = {now} WHERE lower(name) = lower(?1) AND team_id = ?2"
            ),
            params![name, team],
        )?;
    } else {
        conn.execute(
            "DELETE FROM people WHERE lower(name) = lower(?1) AND team_id = ?2",
            params![name, team],
        )?;
    }
    Ok(true)
}
