//! `kaizen export`: the whole database as one JSON document, printed or written to a file.

use super::emit::emit;
use crate::runtime;
use crate::store::Store;
use std::path::PathBuf;

pub(super) fn run(store: &Store, output: Option<PathBuf>) -> Result<(), String> {
    let text = store
        .export_json(runtime::now().wall)
        .map_err(|e| e.to_string())?;
    match output {
        Some(path) => {
            crate::report::file::write_file(&path, &text)?;
            emit(&format!("Wrote {}\n", path.display()), false);
        }
        None => emit(&text, true),
    }
    Ok(())
}
