//! `kaizen import FILE|-`: an export restored into an empty database, all of it or nothing.

use super::emit::emit;
use crate::cycles::Cycle;
use crate::store::Store;
use std::path::Path;

/// Takes `open` rather than a store: the file is read and checked whole before the database
/// is opened, let alone written.
pub(super) fn run(
    file: &Path,
    cycles: &[Cycle],
    open: impl FnOnce() -> Result<Store, String>,
) -> Result<(), String> {
    // `-` is standard input: `kaizen --db old.db export | kaizen --db postgres://… import -`.
    let text = if file == Path::new("-") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("standard input: cannot read it: {e}"))?;
        text
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| format!("{}: cannot read it: {e}", file.display()))?
    };
    let import = crate::store::export::read(&text, crate::store::latest_version(), cycles)
        .map_err(|e| format!("{}: {e}; nothing was imported", file.display()))?;
    let mut store = open()?;
    let rows = store
        .import(&import)
        .map_err(|e| format!("{}: {e}; nothing was imported", file.display()))?;
    emit(
        &format!(
            "Imported {rows} rows from {} into {}.\n",
            file.display(),
            store.path().display()
        ),
        false,
    );
    Ok(())
}
