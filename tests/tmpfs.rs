//! A small file system of the test's own (tmpfs): filled to the last byte, or remounted
//! read-only, to see what kaizen does when the disk refuses. Mounting needs root (as in CI);
//! elsewhere the tests that need one skip, saying so, and under CI they fail instead.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts `size` (e.g. "4m") over `folder`, made if missing; `None` where this machine
    /// does not let the tests mount one (not under CI, where that is a failure).
    pub fn mount(folder: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(folder).expect("mount point");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(folder)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but a tmpfs cannot be mounted (the tests run as root there)"
            );
            eprintln!("skipping: cannot mount a tmpfs here");
            return None;
        }
        Some(Tmpfs(folder.to_path_buf()))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Fills it to the last byte; the file to delete to free it.
    pub fn fill(&self) -> PathBuf {
        let path = self.0.join("filler");
        let mut file = std::fs::File::create(&path).expect("filler");
        let chunk = vec![0u8; 64 * 1024];
        while file.write_all(&chunk).is_ok() {}
        // The last bytes that fit, so not even a page is left.
        while file.write_all(&[0]).is_ok() {}
        path
    }

    /// Makes it read-only, as a file system mounted so.
    pub fn remount_read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .expect("mount runs");
        assert!(status.success(), "remount read-only");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}
