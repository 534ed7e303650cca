//! Where meetings were published: queued when a meeting ends, each attempt's result kept,
//! and the ones to try again (not done, their wait over).

use super::db::{self, Db};
use chrono::{DateTime, FixedOffset};
use rusqlite::params;

/// One meeting's publication to one target, as the last attempt left it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publication {
    pub meeting_id: i64,
    pub target: String,
    pub done: bool,
    /// What was done, or why not ("waiting" before the first try).
    pub detail: String,
    pub attempts: u32,
    pub tried_at: Option<DateTime<FixedOffset>>,
}

/// Queues `targets` for `meeting`; a target already recorded is left as it is.
pub fn queue(conn: &Db, meeting: i64, targets: &[&str]) -> db::Result<()> {
    for target in targets {
        conn.execute(
            "INSERT INTO publications (meeting_id, target, detail) VALUES (?1, ?2, 'waiting')
             ON CONFLICT DO NOTHING",
            params![meeting, target],
        )?;
    }
    Ok(())
}

/// Records an attempt: done, or why not (one more attempt counted either way).
pub fn record(
    conn: &Db,
    meeting: i64,
    target: &str,
    result: &Result<String, String>,
    at: DateTime<FixedOffset>,
) -> db::Result<()> {
    let (done, detail) = match result {
        Ok(done) => (true, done.as_str()),
        Err(why) => (false, why.as_str()),
    };
    conn.execute(
        "INSERT INTO publications (meeting_id, target, done, detail, attempts, tried_at)
         VALUES (?1, ?2, ?3, ?4, 1, ?5)
         ON CONFLICT (meeting_id, target) DO UPDATE SET
             done = excluded.done, detail = excluded.detail,
             attempts = publications.attempts + 1, tried_at = excluded.tried_at",
        params![meeting, target, done, detail, at],
    )?;
    Ok(())
}

/// Every publication of one meeting, by target.
pub fn of_meeting(conn: &Db, meeting: i64) -> db::Result<Vec<Publication>> {
    conn.query(
        "SELECT meeting_id, target, done, detail, attempts, tried_at FROM publications
         WHERE meeting_id = ?1 ORDER BY target",
        params![meeting],
        row,
    )
}

/// Those not done whose wait is over as of `now`: never tried, or tried `attempts` times
/// and waited 20 s, 40 s, 80 s … since (at most an hour).
pub fn due(conn: &Db, team: i64, now: DateTime<FixedOffset>) -> db::Result<Vec<Publication>> {
    let waiting: Vec<Publication> = conn.query(
        "SELECT meeting_id, target, done, detail, attempts, tried_at FROM publications
         WHERE done = 0 AND meeting_id IN (SELECT id FROM meetings WHERE team_id = ?1)
         ORDER BY meeting_id, target",
        params![team],
        row,
    )?;
    Ok(waiting
        .into_iter()
        .filter(|p| match p.tried_at {
            None => true,
            Some(at) => {
                let wait = 20i64 << p.attempts.saturating_sub(1).min(8);
                (now - at).num_seconds() >= wait.min(3600)
            }
        })
        .collect())
}

fn row(row: &db::Row) -> db::Result<Publication> {
    Ok(Publication {
        meeting_id: row.get(0)?,
        target: row.get(1)?,
        done: row.get(2)?,
        detail: row.get(3)?,
        attempts: row.get(4)?,
        tried_at: row.get(5)?,
    })
}
