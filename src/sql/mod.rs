//! SQL panels: a panel with `source = "NAME"` runs its query on the PostgreSQL database of
//! the config's `[sources.NAME]`, read-only and with a statement timeout, off the screen's
//! loop. Its rows become series as a Prometheus answer would (`table`), so stat, chart and
//! table panels, goals, history, comparison, forecast and the anomaly scan work on them alike.

pub mod client;
pub mod numeric;
pub mod settings;
pub mod table;

pub use client::SqlConnection;
pub use settings::SourceConfig;

use crate::cycles::Cycle;
use std::collections::BTreeMap;

/// The connections the config names, by name.
pub type Sources = BTreeMap<String, SqlConnection>;

/// Every panel's source is one the config has: a template naming another is refused before
/// the terminal is taken over, with the file, the panel and the fix.
pub fn check_panels(cycles: &[Cycle], sources: &Sources) -> Result<(), String> {
    for cycle in cycles {
        for section in &cycle.sections {
            let panels = section.panels.iter().chain(&section.scan);
            for panel in panels {
                let Some(name) = &panel.source else { continue };
                if !sources.contains_key(name) {
                    return Err(format!(
                        "{} ({}): panel \"{}\" says source = \"{name}\", but the config has no \
                         [sources.{name}]: add it with url = \"postgres://user@host/db\" \
                         (README: SQL panels), or remove the panel",
                        cycle.key, cycle.origin, panel.title
                    ));
                }
            }
        }
    }
    Ok(())
}
