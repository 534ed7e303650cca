//! Where kaizen keeps things (config, templates, data) and the config file itself.
//!
//! Read once by `main` before the terminal is taken over; errors name the file and key.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The user's config and data folders (XDG on Linux, via the `directories` crate).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
}

impl Paths {
    pub fn discover() -> Result<Paths, String> {
        let dirs = directories::ProjectDirs::from("", "", "kaizen").ok_or(
            "cannot find your home directory to keep kaizen's data: set HOME, or pass --db PATH",
        )?;
        Ok(Paths {
            config_dir: dirs.config_dir().to_path_buf(),
            data_dir: dirs.data_dir().to_path_buf(),
        })
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    /// Templates here override built-in cycles of the same file name and add new ones.
    pub fn cycles_dir(&self) -> PathBuf {
        self.config_dir.join("cycles")
    }

    pub fn default_db(&self) -> PathBuf {
        self.data_dir.join("kaizen.db")
    }
}

/// The config file. Every key is optional; unknown keys are refused so typos are caught.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The SQLite database (overridden by `--db` and `KAIZEN_DB`).
    pub database: Option<PathBuf>,
    #[serde(default)]
    pub meeting: MeetingSettings,
}

/// How the meeting runner behaves (`[meeting]` in the config file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MeetingSettings {
    /// Entering a section starts its countdown.
    pub auto_start: bool,
    /// Ring the terminal bell once when a section's time is up.
    pub bell: bool,
}

impl Default for MeetingSettings {
    fn default() -> Self {
        MeetingSettings {
            auto_start: true,
            bell: true,
        }
    }
}

/// Reads the config file; a missing file is an empty config.
pub fn load_config(path: &Path) -> Result<Config, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(err) => return Err(format!("{}: cannot read the config: {err}", path.display())),
    };
    toml::from_str(&text).map_err(|err| {
        let line = err
            .span()
            .map(|span| text[..span.start].matches('\n').count() + 1);
        match line {
            Some(line) => format!("{}:{line}: {}", path.display(), err.message()),
            None => format!("{}: {}", path.display(), err.message()),
        }
    })
}

/// The database path: `--db` or `KAIZEN_DB` first, then the config file, then the default.
pub fn database_path(cli: Option<PathBuf>, config: &Config, paths: &Paths) -> PathBuf {
    cli.or_else(|| config.database.clone())
        .unwrap_or_else(|| paths.default_db())
}
