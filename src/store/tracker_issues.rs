//! Action items pushed to the team's tracker: the issue each became, and its state as last
//! seen; an item closed because its issue was closed, with its history saying so.

use super::db::{self, Db};
use chrono::{DateTime, FixedOffset};
use rusqlite::params;

/// The issue an action item became.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackerIssue {
    pub item_id: i64,
    /// github or gitlab.
    pub tracker: String,
    /// owner/name (GitHub) or the project's path (GitLab).
    pub project: String,
    pub number: i64,
    pub url: String,
    /// open or closed, as last seen.
    pub state: String,
    pub synced_at: DateTime<FixedOffset>,
}

impl TrackerIssue {
    /// "ops/infra#12".
    pub fn reference(&self) -> String {
        format!("{}#{}", self.project, self.number)
    }
}

pub fn save(conn: &Db, issue: &TrackerIssue) -> db::Result<()> {
    conn.execute(
        "INSERT INTO tracker_issues (item_id, tracker, project, number, url, state, synced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (item_id) DO UPDATE SET state = excluded.state, synced_at = excluded.synced_at",
        params![
            issue.item_id,
            issue.tracker,
            issue.project,
            issue.number,
            issue.url,
            issue.state,
            issue.synced_at
        ],
    )?;
    Ok(())
}

pub fn of_item(conn: &Db, item: i64) -> db::Result<Option<TrackerIssue>> {
    conn.query_opt(
        "SELECT item_id, tracker, project, number, url, state, synced_at FROM tracker_issues
         WHERE item_id = ?1",
        params![item],
        row,
    )
}

/// Every pushed item still open here, with its issue.
pub fn open(conn: &Db, team: i64) -> db::Result<Vec<TrackerIssue>> {
    conn.query(
        "SELECT t.item_id, t.tracker, t.project, t.number, t.url, t.state, t.synced_at
         FROM tracker_issues t JOIN action_items a ON a.id = t.item_id
         WHERE a.status = 'open' AND a.team_id = ?1 ORDER BY t.item_id",
        params![team],
        row,
    )
}

/// The item done because its issue was closed: its history says where, as of `at`.
pub fn close_item(tx: &Db, issue: &TrackerIssue, at: DateTime<FixedOffset>) -> db::Result<bool> {
    let changed = tx.execute(
        "UPDATE action_items SET status = 'done' WHERE id = ?1 AND status = 'open'",
        params![issue.item_id],
    )?;
    if changed == 1 {
        let tracker = match issue.tracker.as_str() {
            "gitlab" => "GitLab",
            _ => "GitHub",
        };
        let detail = format!("closed in {tracker} as {}", issue.reference());
        super::action_items::record(tx, issue.item_id, at, None, "done", Some(&detail))?;
    }
    tx.execute(
        "UPDATE tracker_issues SET state = 'closed', synced_at = ?2 WHERE item_id = ?1",
        params![issue.item_id, at],
    )?;
    Ok(changed == 1)
}

fn row(row: &db::Row) -> db::Result<TrackerIssue> {
    Ok(TrackerIssue {
        item_id: row.get(0)?,
        tracker: row.get(1)?,
        project: row.get(2)?,
        number: row.get(3)?,
        url: row.get(4)?,
        state: row.get(5)?,
        synced_at: row.get(6)?,
    })
}
