//! Schema migrations by `PRAGMA user_version`: each entry of [`MIGRATIONS`] moves the schema
//! one version up. Later issues append files; existing ones never change.

use super::db::{self, Db};

/// Ordered schema steps; the database's `user_version` counts how many have run.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_meetings.sql"),
    include_str!("migrations/002_meeting_runner.sql"),
    include_str!("migrations/003_panel_values.sql"),
    include_str!("migrations/004_action_items.sql"),
    include_str!("migrations/005_opportunities.sql"),
    include_str!("migrations/006_action_opportunity.sql"),
    include_str!("migrations/007_facilitator.sql"),
    include_str!("migrations/008_expected_findings.sql"),
    include_str!("migrations/009_incidents.sql"),
    include_str!("migrations/010_panel_series.sql"),
    include_str!("migrations/011_incident_outage.sql"),
    include_str!("migrations/012_panel_before.sql"),
    include_str!("migrations/013_people_left.sql"),
    include_str!("migrations/014_checklist.sql"),
    include_str!("migrations/015_foreign_key_indexes.sql"),
    include_str!("migrations/016_publications.sql"),
    include_str!("migrations/017_tracker_issues.sql"),
    include_str!("migrations/018_people_email.sql"),
];

/// The schema version this build writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.len() as u32
}

/// The schema version of the database.
pub fn user_version(db: &Db) -> db::Result<u32> {
    match db {
        Db::Sqlite(conn) => Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?),
        Db::Postgres(_) => Err(db::DbError::Value {
            column: 0,
            message: "PostgreSQL's schema is not written yet".into(),
        }),
    }
}

/// Runs every step the database has not had, in one transaction that takes the write lock
/// first, so two kaizens opening a new file at once cannot both migrate it.
pub fn migrate(db: &Db) -> db::Result<()> {
    let tx = db.transaction()?;
    let from = user_version(&tx)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.execute_batch(sql)?;
        // PRAGMA takes no bound parameters; the value is our own loop counter, not input.
        tx.execute_batch(&format!("PRAGMA user_version = {}", index + 1))?;
    }
    tx.commit()
}
