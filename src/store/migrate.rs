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
    include_str!("migrations/019_teams.sql"),
];

/// PostgreSQL's schema files, each with the SQLite version it brings the database to: a
/// PostgreSQL store starts at the schema SQLite reached by then, and each later SQLite
/// migration comes with its PostgreSQL counterpart.
pub const POSTGRES_MIGRATIONS: &[(u32, &str)] = &[
    (18, include_str!("migrations_pg/018_schema.sql")),
    (19, include_str!("migrations_pg/019_teams.sql")),
];

/// The schema version this build writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.len() as u32
}

/// The schema version of the database.
pub fn user_version(db: &Db) -> db::Result<u32> {
    match db {
        Db::Sqlite(conn) => Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?),
        Db::Postgres(_) => {
            let made: Option<String> =
                db.query_row("SELECT to_regclass('kaizen_schema')::text", &[], |row| {
                    row.get(0)
                })?;
            match made {
                None => Ok(0),
                Some(_) => db.query_row("SELECT version FROM kaizen_schema", &[], |row| row.get(0)),
            }
        }
    }
}

/// Runs every step the database has not had, in one transaction that takes the write lock
/// first, so two kaizens opening a new file at once cannot both migrate it.
pub fn migrate(db: &Db) -> db::Result<()> {
    let tx = db.transaction()?;
    if let Db::Postgres(_) = db {
        // PostgreSQL's "write lock first": one kaizen migrates, the next waits and finds it done.
        tx.execute_batch("SELECT pg_advisory_xact_lock(7236101)")?;
    }
    let from = user_version(&tx)?;
    match db {
        Db::Sqlite(_) => {
            for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
                tx.execute_batch(sql)?;
                // PRAGMA takes no bound parameters; the value is our own loop counter.
                tx.execute_batch(&format!("PRAGMA user_version = {}", index + 1))?;
            }
        }
        Db::Postgres(_) => {
            for (version, sql) in POSTGRES_MIGRATIONS.iter().filter(|(v, _)| *v > from) {
                tx.execute_batch(sql)?;
                tx.execute(
                    "UPDATE kaizen_schema SET version = ?1",
                    rusqlite::params![version],
                )?;
            }
        }
    }
    tx.commit()
}
