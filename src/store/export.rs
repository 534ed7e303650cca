//! The whole database as one JSON document, and back: every table's rows, in order, with
//! their ids, so a team can back up, move machines or feed other tools, and an import into
//! an empty database gives back exactly what was exported.

use super::db::{self, Db, Dialect};
use super::import_stream::{OnProblem, walk};
use crate::cycles::Cycle;
use crate::text::clean;
use chrono::{DateTime, FixedOffset};
use rusqlite::types::Value;
use serde_json::{Map, Number, Value as Json};

/// The export document's own format; raised only if its outer shape changes.
pub const EXPORT_FORMAT: u64 = 1;

/// The column that keeps a PostgreSQL table's insertion order (SQLite's own rowid).
pub const ROW_ORDER: &str = "rowid";

/// Every table an export holds, parents before the tables that point at them.
pub const TABLES: [&str; 20] = [
    "teams",
    "meetings",
    "section_runs",
    "attendees",
    "checklist_ticks",
    "panel_values",
    "meeting_findings",
    "people",
    "opportunities",
    "opportunity_dependencies",
    "opportunity_history",
    "action_items",
    "action_history",
    "expected_findings",
    "incidents",
    "incident_timeline",
    "incident_measures",
    "dismissed_alerts",
    "publications",
    "tracker_issues",
];

/// Every table's rows (in rowid order) as one JSON document.
pub fn export(db: &Db, schema: u32, at: DateTime<FixedOffset>) -> db::Result<Json> {
    // One read transaction: every table as of the same moment, though another kaizen writes.
    let snapshot = db.read_transaction()?;
    let mut tables = Map::new();
    for table in TABLES {
        let (columns, rows) =
            snapshot.query_table(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
        let mut out = Vec::new();
        for row in rows {
            let mut object = Map::new();
            for (column, value) in columns.iter().zip(row) {
                // PostgreSQL's tables keep their insertion order in a column of their own,
                // as SQLite's rowid, which is not data.
                if column != ROW_ORDER {
                    object.insert(column.clone(), json_of(value));
                }
            }
            out.push(Json::Object(object));
        }
        tables.insert(table.to_string(), Json::Array(out));
    }
    let mut document = Map::new();
    document.insert("kaizen_export".into(), Json::from(EXPORT_FORMAT));
    document.insert("schema_version".into(), Json::from(schema));
    document.insert("exported_at".into(), Json::from(at.to_rfc3339()));
    document.insert("tables".into(), Json::Object(tables));
    Ok(Json::Object(document))
}

fn json_of(value: Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Integer(n) => Json::from(n),
        // A REAL keeps a fraction mark ("3.0") so it comes back a REAL; JSON has no
        // infinity or NaN, so those are tagged ({"real": "+Inf"}), as Prometheus writes them.
        Value::Real(x) => match Number::from_f64(x) {
            Some(number) => Json::Number(number),
            None => {
                serde_json::json!({ "real": crate::metrics::units::format(x, crate::metrics::units::Unit::Number) })
            }
        },
        Value::Text(text) => Json::from(text),
        Value::Blob(bytes) => Json::from(String::from_utf8_lossy(&bytes).into_owned()),
    }
}

/// An import document, checked whole before anything is written: the text, walked again
/// row by row to write it (see `import_stream`).
pub struct Import<'a> {
    text: &'a str,
}

/// Reads and checks a document: its format, its schema against `supported`, every table
/// known, every row an object, and every value of the kind kaizen writes in its column
/// (`import_spec`), cycles among `cycles`. Says what is wrong and where.
pub fn read<'a>(text: &'a str, supported: u32, cycles: &[Cycle]) -> Result<Import<'a>, String> {
    let keys: Vec<&str> = cycles.iter().map(|c| c.key.as_str()).collect();
    let mut positions = super::import_check::Positions::default();
    let mut check = |table: &str, at: usize, row: &Map<String, Json>| {
        super::import_check::check_row(table, at, row, &keys)?;
        if let Some(table) = TABLES.iter().find(|t| **t == table) {
            positions.note(table, at, row);
        }
        Ok(())
    };
    let (outline, problem) = walk(text, OnProblem::Keep, &mut check)?;
    // The document's own fields first: a newer kaizen's rows are not this one's to judge.
    let format = outline.format.as_ref().and_then(Json::as_u64);
    match format {
        None => return Err("this is not a kaizen export (no \"kaizen_export\" field)".into()),
        Some(f) if f > EXPORT_FORMAT => {
            return Err(format!(
                "export format {f} comes from a newer kaizen (this one reads format \
                 {EXPORT_FORMAT}): upgrade kaizen to import it"
            ));
        }
        Some(_) => {}
    }
    let schema = outline
        .schema
        .as_ref()
        .and_then(Json::as_u64)
        .ok_or("\"schema_version\" is missing or not a number")?;
    if schema > u64::from(supported) {
        return Err(format!(
            "the export has database version {schema}, newer than this kaizen's {supported}: \
             upgrade kaizen to import it"
        ));
    }
    if !outline.has_tables {
        return Err("\"tables\" is missing or not an object".into());
    }
    if let Some(problem) = problem {
        return Err(problem);
    }
    positions.check()?;
    Ok(Import { text })
}

/// Whether every table is empty (an import goes only into an empty database).
pub fn is_empty(db: &Db) -> db::Result<Option<(&'static str, i64)>> {
    for table in TABLES {
        // Every database has the default team: it is not data.
        let count: i64 = db.query_row(
            &match table {
                "teams" => {
                    "SELECT COUNT(*) FROM teams WHERE NOT (id = 1 AND name = 'default')".into()
                }
                table => format!("SELECT COUNT(*) FROM {table}"),
            },
            &[],
            |r| r.get(0),
        )?;
        if count > 0 {
            return Ok(Some((table, count)));
        }
    }
    Ok(None)
}

/// Inserts every row, in the file's order, inside the caller's transaction. Returns rows
/// written.
pub fn write(tx: &Db, import: &Import<'_>) -> Result<usize, String> {
    // Rows may point at rows of later tables' ids only through declared keys; checking
    // them at commit lets rows come in any order.
    let defer = match tx.dialect() {
        Dialect::Sqlite => "PRAGMA defer_foreign_keys = ON",
        Dialect::Postgres => "SET CONSTRAINTS ALL DEFERRED",
    };
    tx.execute_batch(defer).map_err(|e| e.to_string())?;
    // The file's teams replace the default one; a file from before teams keeps it.
    tx.execute_batch("DELETE FROM teams")
        .map_err(|e| e.to_string())?;
    let mut written = 0;
    let mut known: Option<(String, Vec<String>)> = None;
    let mut insert = |table: &str, at: usize, row: &Map<String, Json>| {
        // Names go into the statement only once they are known columns of the table (the
        // table names come from `TABLES`, never from the file).
        if known.as_ref().is_none_or(|(name, _)| name != table) {
            let columns = columns_of(tx, table).map_err(|e| e.to_string())?;
            known = Some((table.to_string(), columns));
        }
        let columns_known = known
            .as_ref()
            .map(|(_, columns)| columns.as_slice())
            .unwrap_or_default();
        if let Some(unknown) = row.keys().find(|c| !columns_known.contains(*c)) {
            return Err(format!(
                "tables.{table}[{at}]: \"{}\" is not a column of {table} (it has {})",
                clean(unknown),
                columns_known.join(", ")
            ));
        }
        let columns: Vec<&str> = row.keys().map(String::as_str).collect();
        let values: Vec<Value> = row.values().map(value_of).collect();
        // Column names quoted ("end" is a keyword to PostgreSQL); each a known column.
        let names: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
        let marks: Vec<String> = (1..=columns.len()).map(|n| format!("?{n}")).collect();
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            marks.join(", ")
        );
        let params: Vec<&dyn rusqlite::ToSql> =
            values.iter().map(|v| v as &dyn rusqlite::ToSql).collect();
        // Rows of a table share their columns: the statement is parsed once, not per row.
        tx.execute(&sql, &params)
            .map_err(|e| format!("tables.{table}[{at}]: {e}"))?;
        written += 1;
        Ok(())
    };
    walk(import.text, OnProblem::Stop, &mut insert)?;
    tx.execute_batch(
        "INSERT INTO teams (id, name) SELECT 1, 'default' WHERE NOT EXISTS (SELECT 1 FROM teams)",
    )
    .map_err(|e| e.to_string())?;
    if tx.dialect() == Dialect::Postgres {
        // Ids came from the file: new rows are numbered after them.
        for table in TABLES {
            let columns = columns_of(tx, table).map_err(|e| e.to_string())?;
            if !columns.iter().any(|c| c == "id") {
                continue;
            }
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table} \
                 HAVING max(id) IS NOT NULL"
            );
            tx.execute_batch(&sql).map_err(|e| e.to_string())?;
        }
    }
    Ok(written)
}

/// The columns a table has in this database (its data: not the row order kept beside it).
fn columns_of(tx: &Db, table: &str) -> db::Result<Vec<String>> {
    let (columns, _) = tx.query_table(&format!("SELECT * FROM {table} LIMIT 0"))?;
    Ok(columns.into_iter().filter(|c| c != ROW_ORDER).collect())
}

fn value_of(json: &Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or(f64::NAN)),
        },
        Json::String(s) => Value::Text(s.clone()),
        Json::Object(tagged) => match tagged.get("real").and_then(Json::as_str) {
            Some("+Inf") => Value::Real(f64::INFINITY),
            Some("-Inf") => Value::Real(f64::NEG_INFINITY),
            Some("NaN") => Value::Real(f64::NAN),
            _ => Value::Text(Json::Object(tagged.clone()).to_string()),
        },
        other => Value::Text(other.to_string()),
    }
}
