//! Why the store could not do what was asked: each error names the file and what to do, and
//! says whether trying again later can help.

use super::db::DbError;
use std::path::{Path, PathBuf};

/// Why the store could not do what was asked. Each names the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{}: not a SQLite database; kaizen will not touch it. Point --db or KAIZEN_DB at a \
         kaizen database, or at a new file name",
        .0.display()
    )]
    NotADatabase(PathBuf),
    #[error(
        "{}: written by a newer kaizen (schema version {found}; this kaizen knows up to \
         {supported}). It was left untouched: upgrade kaizen to open it",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path}: {err}", path = .0.display(), err = .1)]
    Io(PathBuf, std::io::Error),
    #[error("{path}: {err}", path = .0.display(), err = .1)]
    Database(PathBuf, super::db::DbError),
    /// The folder the database should be in does not exist.
    #[error(
        "{}: its folder does not exist; create it first or choose another path",
        .0.display()
    )]
    NoFolder(PathBuf),
    /// The file, or the folder SQLite keeps its journal in beside it, cannot be written:
    /// refused at open, before anything could be typed into a meeting that cannot be saved.
    #[error(
        "{}: {what} is read-only, so nothing could be saved. {fix}, or point --db (or \
         KAIZEN_DB) at a copy in a folder you can write",
        path.display()
    )]
    ReadOnly {
        path: PathBuf,
        /// "the file", "its folder" or "the file system".
        what: &'static str,
        /// The command that makes it writable.
        fix: String,
    },
    /// Another kaizen is running a meeting on this database.
    #[error(
        "another kaizen is running a meeting on {}; finish or leave it there first",
        .0.display()
    )]
    MeetingElsewhere(PathBuf),
    /// Another kaizen runs a meeting on this PostgreSQL store, and its lease still runs.
    #[error(
        "{0} is running a meeting on this database: watch it, or take it over (T) if they \
         have left it"
    )]
    MeetingHeld(String),
    /// An action item's owner is not in the team roster.
    #[error(
        "\"{0}\" is not in the team roster: add them (--add-owner on the command line) or \
         pick someone who is"
    )]
    UnknownPerson(String),
    /// Someone cannot be removed (they own action items) or renamed (not found).
    #[error(
        "{0} still owns open action items: hand them over first (h), or they are not in the \
         roster"
    )]
    PersonBusy(String),
    /// SQLite's own check found the file damaged: what it said first.
    #[error(
        "{path}: the database is damaged ({what}); what kaizen reads from it may be \
         incomplete. Keep a copy of the file, then restore a backup or recover it with \
         `sqlite3 FILE .recover`",
        path = .0.display(),
        what = .1
    )]
    Damaged(PathBuf, String),
    /// The file kaizen opened was deleted while it ran.
    #[error(
        "the database file was deleted while kaizen ran: what is saved now goes nowhere \
         anyone can open. Restore it from a backup, or quit (q) and start again ({})",
        .0.display()
    )]
    Deleted(PathBuf),
    /// A change names a row made on screen whose own save failed for good.
    #[error("it changes something whose own save failed, so it could not be saved either")]
    NeverStored,
    /// Another file was put at the path kaizen opened.
    #[error(
        "another file was put in place of the database while kaizen ran: kaizen keeps saving \
         to the one it opened. Quit (q) and start again to use the new one ({})",
        .0.display()
    )]
    Replaced(PathBuf),
}

impl StoreError {
    /// Whether trying again later can succeed: the database is locked or busy, the disk is
    /// full, an I/O error (a disk that filled, a file system that hiccupped), or the
    /// PostgreSQL server is out of reach for now.
    pub fn may_pass(&self) -> bool {
        use rusqlite::ErrorCode;
        match self {
            StoreError::Io(..) => true,
            // The server restarted, the network dropped: the connection comes back.
            StoreError::Database(_, DbError::Postgres(err)) => super::db::connection_lost(err),
            StoreError::Database(_, DbError::Sqlite(rusqlite::Error::SqliteFailure(err, _))) => {
                matches!(
                    err.code,
                    ErrorCode::DatabaseBusy
                        | ErrorCode::DatabaseLocked
                        | ErrorCode::DiskFull
                        | ErrorCode::SystemIoFailure
                        | ErrorCode::CannotOpen
                )
            }
            _ => false,
        }
    }
}

/// A failed statement as a store error naming the database.
pub(super) fn db_err(path: &Path) -> impl Fn(DbError) -> StoreError + use<> {
    let path = path.to_path_buf();
    move |err| StoreError::Database(path.clone(), err)
}

/// The same for what only SQLite does (pragmas, its file checks).
pub(super) fn sqlite_err(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + use<> {
    let path = path.to_path_buf();
    move |err| StoreError::Database(path.clone(), DbError::Sqlite(err))
}
