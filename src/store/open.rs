//! Opening a database file: refusing what is not kaizen's, is newer, or cannot be written,
//! migrating it, and noticing later that the file was deleted or replaced.

use super::db::Db;
use super::lock::MeetingLock;
use super::{Store, StoreError, latest_version, migrate, sqlite_err};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

fn check_connection(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let found: Vec<String> = conn
        .prepare("PRAGMA quick_check(5)")
        .and_then(|mut stmt| {
            stmt.query_map([], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .map_err(sqlite_err(path))?;
    if found == ["ok"] {
        return Ok(());
    }
    let what: Vec<String> = found
        .iter()
        .flat_map(|text| text.lines())
        .filter(|line| !line.starts_with("***"))
        .take(3)
        .map(|line| crate::text::clean(line).into_owned())
        .collect();
    Err(StoreError::Damaged(path.to_path_buf(), what.join("; ")))
}

impl Store {
    /// Opens (creating if absent) the database at `path` and migrates it to this version.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        refuse_foreign_file(path)?;
        refuse_read_only(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sqlite_err(path))?;
        // SQLite opens a file it may not write read-only, without a word: say so now.
        if conn
            .is_readonly(rusqlite::MAIN_DB)
            .map_err(sqlite_err(path))?
        {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
                what: "the file",
                fix: "Make it writable".into(),
            });
        }
        let mut store = Store::prepare(conn, path.to_path_buf())?;
        store.lock = Some(MeetingLock::beside(path));
        store.location = super::Location::File(path.to_path_buf());
        Ok(store)
    }

    /// SQLite's quick check of the whole file (every page accounted for, every row readable):
    /// a damaged page can make a list come back empty without any error, so reads that
    /// people rely on check first. It reads the whole file (about 40 ms for 18 MB here).
    pub fn check(&self) -> Result<(), StoreError> {
        match self.db.sqlite() {
            Some(conn) => check_connection(conn, &self.path),
            None => Ok(()),
        }
    }

    /// The same check on its own read-only connection, for a thread that must not hold the
    /// store (the app checks in the background while the first frame is drawn).
    pub fn check_file(path: &Path) -> Result<(), StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sqlite_err(path))?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(sqlite_err(path))?;
        check_connection(&conn, path)
    }

    /// A private database in memory (the demo, and tests).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(sqlite_err(&path))?;
        Store::prepare(conn, path)
    }

    fn prepare(conn: Connection, path: PathBuf) -> Result<Store, StoreError> {
        // Another kaizen may hold the file for a moment (both starting at once): wait for it.
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(sqlite_err(&path))?;
        // Read the version before any write: a newer database must be left exactly as it is.
        let found: u32 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|err| match err {
                rusqlite::Error::SqliteFailure(e, _)
                    if e.code == rusqlite::ErrorCode::NotADatabase =>
                {
                    StoreError::NotADatabase(path.clone())
                }
                other => sqlite_err(&path)(other),
            })?;
        let supported = latest_version();
        if found > supported {
            return Err(StoreError::TooNew {
                path,
                found,
                supported,
            });
        }
        let fail = sqlite_err(&path);
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(&fail)?;
        // WAL + FULL: a commit survives a killed process and a power cut; meetings write little.
        enable_wal(&conn).map_err(&fail)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(&fail)?;
        let db = Db::Sqlite(conn);
        migrate::migrate(&db).map_err(super::db_err(&path))?;
        let identity = file_identity(&path);
        Ok(Store {
            db,
            path,
            identity,
            lock: None,
            location: super::Location::Memory,
            holder: String::new(),
            team: 1,
            team_name: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where it is, to open it again.
    pub fn location(&self) -> &super::Location {
        &self.location
    }

    /// How long a write waits for another process's lock before it fails as busy. The app
    /// waits briefly and retries later, so a locked database never holds the screen.
    pub fn set_busy_wait(&self, wait: Duration) -> Result<(), StoreError> {
        match self.db.sqlite() {
            Some(conn) => conn.busy_timeout(wait).map_err(sqlite_err(&self.path)),
            None => Ok(()),
        }
    }

    /// Whether the file kaizen opened is still the one at its path: another program (or a
    /// person) may delete or replace it while kaizen runs, and every later save would be lost.
    pub fn still_there(&self) -> Result<(), StoreError> {
        let Some(opened) = self.identity else {
            return Ok(()); // in memory
        };
        match file_identity(&self.path) {
            Some(now) if now == opened => Ok(()),
            Some(_) => Err(StoreError::Replaced(self.path.clone())),
            None => Err(StoreError::Deleted(self.path.clone())),
        }
    }
}

/// Switches to WAL. SQLite answers "locked" at once, without waiting, when two connections
/// switch a brand-new file at the same moment, so this waits and tries again a few times.
fn enable_wal(conn: &Connection) -> rusqlite::Result<()> {
    let mut attempts = 0;
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && attempts < 100 =>
            {
                attempts += 1;
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

/// Refuses an existing non-empty file that does not start with SQLite's header, before
/// SQLite gets a chance to write anything into it.
fn refuse_foreign_file(path: &Path) -> Result<(), StoreError> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(StoreError::Io(path.to_path_buf(), err)),
    };
    let mut header = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut header)
        .map_err(|err| StoreError::Io(path.to_path_buf(), err))?;
    if header.is_empty() || header.as_slice() == SQLITE_HEADER {
        Ok(())
    } else {
        Err(StoreError::NotADatabase(path.to_path_buf()))
    }
}

/// Refuses a database that could be read but not saved to: the file, or the folder SQLite
/// writes its journal (`-wal`, `-shm`) into, or the whole file system, read-only. Found
/// out at the first save, it would cost the meeting typed into the screen since.
fn refuse_read_only(path: &Path) -> Result<(), StoreError> {
    use nix::errno::Errno;
    use nix::unistd::{AccessFlags, access};
    let folder = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) if !parent.is_dir() => return Err(StoreError::NoFolder(path.to_path_buf())),
        Some(parent) => parent.to_path_buf(),
        None => PathBuf::from("."),
    };
    let read_only = |what: &'static str, fix: String| StoreError::ReadOnly {
        path: path.to_path_buf(),
        what,
        fix,
    };
    let quoted = |p: &Path| crate::text::clean(&p.display().to_string()).into_owned();
    let writable = |p: &Path| match access(p, AccessFlags::W_OK) {
        Ok(()) => Ok(true),
        Err(Errno::EROFS) => Err(read_only(
            "the file system",
            "Remount it read-write".to_string(),
        )),
        Err(Errno::ENOENT) => Ok(true),
        Err(_) => Ok(false),
    };
    if !writable(&folder)? {
        return Err(read_only(
            "its folder",
            format!("Make the folder writable (chmod u+w '{}')", quoted(&folder)),
        ));
    }
    if path.exists() && !writable(path)? {
        return Err(read_only(
            "the file",
            format!("Make it writable (chmod u+w '{}')", quoted(path)),
        ));
    }
    Ok(())
}

/// A file's device and inode number, or `None` when there is no such file.
fn file_identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    if path.as_os_str() == ":memory:" {
        return None;
    }
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

impl Store {
    /// Opens the kaizen store in a PostgreSQL database (`postgres://user@host:port/db`, the
    /// password given apart, never in the URL) and migrates it to this version. TLS is used
    /// unless the URL says `sslmode=disable`, with the system's roots or `ca` (PEM).
    pub fn open_postgres(
        url: &str,
        password: Option<&str>,
        ca: Option<&[rustls::pki_types::CertificateDer<'static>]>,
    ) -> Result<Store, StoreError> {
        use std::str::FromStr;
        let refused = |err: postgres::Error| {
            StoreError::Database(
                PathBuf::from("postgres://"),
                super::db::DbError::Postgres(err),
            )
        };
        let shown = PathBuf::from(crate::sql::client::shown(
            &tokio_postgres::Config::from_str(url).map_err(refused)?,
        ));
        let fail = |err: postgres::Error| {
            StoreError::Database(shown.clone(), super::db::DbError::Postgres(err))
        };
        let connect = connector(url, password, ca).map_err(|why| match why {
            Connector::Refused(err) => fail(err),
            Connector::Tls(why) => StoreError::Io(shown.clone(), std::io::Error::other(why)),
        })?;
        let db = Db::Postgres(Box::new(
            super::db::Pg::new(connect).map_err(super::db_err(&shown))?,
        ));
        let found = migrate::user_version(&db).map_err(super::db_err(&shown))?;
        let supported = latest_version();
        if found > supported {
            return Err(StoreError::TooNew {
                path: shown,
                found,
                supported,
            });
        }
        migrate::migrate(&db).map_err(super::db_err(&shown))?;
        let location = super::Location::postgres(
            url,
            password.map(str::to_string),
            ca.map(<[_]>::to_vec),
            "the database URL",
        )
        .map_err(|why| StoreError::Io(shown.clone(), std::io::Error::other(why)))?;
        Ok(Store {
            db,
            path: shown,
            identity: None,
            lock: None,
            location,
            holder: super::lease::holder_name(),
            team: 1,
            team_name: None,
        })
    }
}

/// Why a connection to PostgreSQL cannot even be tried.
pub(super) enum Connector {
    Refused(postgres::Error),
    Tls(String),
}

/// Connects to PostgreSQL, again each time it is called.
pub(super) type Connect = Box<dyn Fn() -> Result<postgres::Client, postgres::Error> + Send>;

/// How to connect to the database at `url`: the password apart, TLS unless
/// `sslmode=disable`, and a server that is gone found out in seconds.
pub(super) fn connector(
    url: &str,
    password: Option<&str>,
    ca: Option<&[rustls::pki_types::CertificateDer<'static>]>,
) -> Result<Connect, Connector> {
    use std::str::FromStr;
    let mut config = postgres::Config::from_str(url).map_err(Connector::Refused)?;
    if let Some(password) = password {
        config.password(password);
    }
    config.application_name("kaizen");
    // A server that is gone is found out in seconds, not after TCP's quarter of an hour:
    // the changes meanwhile wait in order in the store worker.
    config.connect_timeout(Duration::from_secs(5));
    config.keepalives(true);
    config.keepalives_idle(Duration::from_secs(10));
    config.tcp_user_timeout(Duration::from_secs(15));
    Ok(
        if config.get_ssl_mode() == postgres::config::SslMode::Disable {
            Box::new(move || config.connect(postgres::NoTls))
        } else {
            let tls = crate::sql::client::tls_connector(ca).map_err(Connector::Tls)?;
            Box::new(move || config.connect(tls.clone()))
        },
    )
}
