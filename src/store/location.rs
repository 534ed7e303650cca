//! Where the store lives: a SQLite file (the default), memory (the demo and tests), or a
//! PostgreSQL database that several facilitators share. Whatever opened the store can open
//! it again there: publishing and the tracker work on connections of their own.

use super::{Store, StoreError};
use std::path::{Path, PathBuf};

#[derive(Clone)]
pub enum Location {
    File(PathBuf),
    Memory,
    Postgres(Box<Server>),
}

/// A PostgreSQL database: its URL (never with a password), the password read from the
/// environment or a file, and the CA that signed the server's certificate, if not a public
/// one.
#[derive(Clone)]
pub struct Server {
    pub url: String,
    password: Option<String>,
    ca: Option<Vec<rustls::pki_types::CertificateDer<'static>>>,
}

impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::File(path) => write!(f, "File({})", path.display()),
            Location::Memory => f.write_str("Memory"),
            Location::Postgres(server) => write!(f, "Postgres({}, <password hidden>)", server.url),
        }
    }
}

/// Whether the text `--db`, `KAIZEN_DB` or `database` gave names a PostgreSQL database.
pub fn is_postgres(text: &Path) -> bool {
    let text = text.to_string_lossy();
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

impl Location {
    /// A PostgreSQL URL, checked: no password in it (`what` names where the URL came from,
    /// for the message).
    pub fn postgres(
        url: &str,
        password: Option<String>,
        ca: Option<Vec<rustls::pki_types::CertificateDer<'static>>>,
        what: &str,
    ) -> Result<Location, String> {
        use std::str::FromStr;
        let config = tokio_postgres::Config::from_str(url)
            .map_err(|err| format!("{what} is not a PostgreSQL URL: {err}"))?;
        if config.get_password().is_some() {
            return Err(format!(
                "{what} holds a password: take it out of the URL and give it in \
                 KAIZEN_DB_PASSWORD (or database_password_env / database_password_file in the \
                 config)"
            ));
        }
        if config.get_user().is_none() {
            return Err(format!(
                "{what} names no user: write it as postgres://USER@host/database"
            ));
        }
        Ok(Location::Postgres(Box::new(Server {
            url: url.to_string(),
            password,
            ca,
        })))
    }

    /// Opens (and migrates) the store here.
    pub fn open(&self) -> Result<Store, StoreError> {
        match self {
            Location::File(path) => Store::open(path),
            Location::Memory => Store::open_in_memory(),
            Location::Postgres(server) => Store::open_postgres(
                &server.url,
                server.password.as_deref(),
                server.ca.as_deref(),
            ),
        }
    }

    /// Calls `changed` whenever any kaizen changes the store (PostgreSQL's NOTIFY), from a
    /// thread of its own with a connection of its own, connecting again after a drop. False
    /// where there is no such notice (SQLite): a watcher polls there.
    pub fn listen(&self, changed: impl Fn() + Send + 'static) -> bool {
        let Location::Postgres(server) = self else {
            return false;
        };
        let Ok(connect) = super::open::connector(
            &server.url,
            server.password.as_deref(),
            server.ca.as_deref(),
        ) else {
            return false;
        };
        std::thread::spawn(move || {
            loop {
                if let Ok(mut client) = connect()
                    && client.batch_execute("LISTEN kaizen_changes").is_ok()
                {
                    // Whatever changed while not listening is read again now.
                    changed();
                    let mut notices = client.notifications();
                    let mut waiting = notices.blocking_iter();
                    use postgres::fallible_iterator::FallibleIterator;
                    while let Ok(Some(_)) = waiting.next() {
                        changed();
                    }
                }
                std::thread::sleep(std::time::Duration::from_secs(1));
            }
        });
        true
    }

    /// How the screen and messages name it: the file's path, or the URL (no password).
    pub fn shown(&self) -> String {
        match self {
            Location::File(path) => path.display().to_string(),
            Location::Memory => ":memory:".into(),
            Location::Postgres(server) => {
                use std::str::FromStr;
                tokio_postgres::Config::from_str(&server.url)
                    .map(|config| crate::sql::client::shown(&config))
                    .unwrap_or_else(|_| "the PostgreSQL database".into())
            }
        }
    }

    /// The file, when it is one (what only a file has: a folder beside it, a quick check).
    pub fn file(&self) -> Option<&Path> {
        match self {
            Location::File(path) => Some(path),
            _ => None,
        }
    }
}
