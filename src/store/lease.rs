//! Who runs the meeting on a PostgreSQL store: a lease the running kaizen renews every few
//! seconds, expiring on the server's clock when it stops (killed, or its laptop gone), so a
//! team is never locked out; another kaizen may take it over on purpose. SQLite's store
//! uses a lock file beside the database instead (`lock`).

use super::db::{self, Db};
use rusqlite::params;

/// How long a lease lasts without being renewed; the holder renews it every few seconds.
pub const LEASE_SECONDS: i64 = 10;

/// What a lease is over: one running meeting per team.
fn scope(team: i64) -> String {
    format!("team {team}")
}

/// Who this kaizen is, as another facilitator is told: "ana@laptop (pid 4121)"; a second
/// store opened by the same process is told apart ("(pid 4121, store 2)").
pub fn holder_name() -> String {
    static OPENED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = OPENED.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .or_else(|| {
            nix::unistd::User::from_uid(nix::unistd::getuid())
                .ok()
                .flatten()
                .map(|user| user.name)
        })
        .unwrap_or_else(|| "someone".into());
    let host = nix::unistd::gethostname()
        .ok()
        .and_then(|h| h.into_string().ok())
        .unwrap_or_else(|| "a machine".into());
    let pid = std::process::id();
    let text = match n {
        1 => format!("{user}@{host} (pid {pid})"),
        n => format!("{user}@{host} (pid {pid}, store {n})"),
    };
    crate::text::clean(&text).into_owned()
}

/// Takes the lease for `holder` (or renews it): `Ok(None)` when it is theirs now, or the
/// other holder's name while their lease runs. With `force`, it is taken whoever holds it.
pub fn claim(db: &Db, team: i64, holder: &str, force: bool) -> db::Result<Option<String>> {
    let taken: Option<String> = db.query_opt(
        "INSERT INTO meeting_leases (scope, holder, expires_at)
         VALUES (?1, ?2, now() + make_interval(secs => ?4))
         ON CONFLICT (scope) DO UPDATE SET holder = excluded.holder,
             expires_at = excluded.expires_at
         WHERE meeting_leases.holder = excluded.holder
            OR meeting_leases.expires_at < now() OR ?3
         RETURNING holder",
        params![scope(team), holder, force, LEASE_SECONDS],
        |row| row.get(0),
    )?;
    if taken.is_some() {
        return Ok(None);
    }
    Ok(Some(other_holder(db, team, holder)?.unwrap_or_default()))
}

/// Renews this kaizen's lease; false when it is no longer its own (taken over).
pub fn renew(db: &Db, team: i64, holder: &str) -> db::Result<bool> {
    let renewed = db.execute(
        "UPDATE meeting_leases SET expires_at = now() + make_interval(secs => ?3)
         WHERE scope = ?1 AND holder = ?2",
        params![scope(team), holder, LEASE_SECONDS],
    )?;
    Ok(renewed == 1)
}

/// Gives the lease up.
pub fn release(db: &Db, team: i64, holder: &str) -> db::Result<()> {
    db.execute(
        "DELETE FROM meeting_leases WHERE scope = ?1 AND holder = ?2",
        params![scope(team), holder],
    )?;
    Ok(())
}

/// Another kaizen whose lease still runs, by name.
pub fn other_holder(db: &Db, team: i64, holder: &str) -> db::Result<Option<String>> {
    db.query_opt(
        "SELECT holder FROM meeting_leases
         WHERE scope = ?1 AND holder <> ?2 AND expires_at > now()",
        params![scope(team), holder],
        |row| row.get(0),
    )
}
