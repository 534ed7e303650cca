//! Teams: a store may hold several, each with its own roster, meetings, action items,
//! opportunities and incidents. The first, "default", is the one a store of one team uses
//! without ever naming it.

use super::db::{self, Db};
use rusqlite::params;

/// A team and what it holds, as `kaizen teams` lists it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TeamRow {
    pub name: String,
    pub people: i64,
    pub meetings: i64,
    pub open_items: i64,
}

/// The id of the team called `name` (any case), made now if there is none.
pub fn find_or_make(db: &Db, name: &str) -> db::Result<i64> {
    let name = name.trim();
    if let Some(id) = db.query_opt(
        "SELECT id FROM teams WHERE lower(name) = lower(?1)",
        params![name],
        |row| row.get(0),
    )? {
        return Ok(id);
    }
    db.query_row(
        "INSERT INTO teams (name) VALUES (?1) RETURNING id",
        params![name],
        |row| row.get(0),
    )
}

/// Every team, by name, with its people, meetings and open action items.
pub fn all(db: &Db) -> db::Result<Vec<TeamRow>> {
    db.query(
        "SELECT t.name,
                (SELECT COUNT(*) FROM people p WHERE p.team_id = t.id AND p.left_at IS NULL),
                (SELECT COUNT(*) FROM meetings m WHERE m.team_id = t.id),
                (SELECT COUNT(*) FROM action_items a WHERE a.team_id = t.id AND a.status = 'open')
         FROM teams t ORDER BY lower(t.name)",
        params![],
        |row| {
            Ok(TeamRow {
                name: row.get(0)?,
                people: row.get(1)?,
                meetings: row.get(2)?,
                open_items: row.get(3)?,
            })
        },
    )
}
