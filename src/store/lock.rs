//! Which kaizen runs the meeting: an OS file lock beside the database, held while this
//! process runs a meeting. The OS releases it when the process dies, even by SIGKILL, so a
//! crashed meeting can be resumed at once while a live one cannot be run twice.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

pub struct MeetingLock {
    path: PathBuf,
    held: Option<File>,
}

impl MeetingLock {
    pub fn beside(database: &Path) -> MeetingLock {
        let mut name = database.as_os_str().to_owned();
        name.push(".lock");
        MeetingLock {
            path: PathBuf::from(name),
            held: None,
        }
    }

    /// Takes the lock; `Ok(false)` when another process holds it.
    pub fn claim(&mut self) -> io::Result<bool> {
        if self.held.is_some() {
            return Ok(true);
        }
        let file = self.open()?;
        match file.try_lock() {
            Ok(()) => {
                self.held = Some(file);
                Ok(true)
            }
            Err(TryLockError::WouldBlock) => Ok(false),
            Err(TryLockError::Error(err)) => Err(err),
        }
    }

    pub fn release(&mut self) {
        // Dropping the file releases the lock.
        self.held = None;
    }

    /// Whether another process holds the lock right now.
    pub fn held_elsewhere(&self) -> io::Result<bool> {
        if self.held.is_some() {
            return Ok(false);
        }
        let file = self.open()?;
        match file.try_lock() {
            Ok(()) => Ok(false),
            Err(TryLockError::WouldBlock) => Ok(true),
            Err(TryLockError::Error(err)) => Err(err),
        }
    }

    fn open(&self) -> io::Result<File> {
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&self.path)
    }
}
