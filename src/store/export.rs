//! The whole database as one JSON document, and back: every table's rows, in order, with
//! their ids, so a team can back up, move machines or feed other tools, and an import into
//! an empty database gives back exactly what was exported.

use crate::cycles::Cycle;
use crate::text::clean;
use chrono::{DateTime, FixedOffset};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, Transaction};
use serde_json::{Map, Number, Value as Json};

/// The export document's own format; raised only if its outer shape changes.
pub const EXPORT_FORMAT: u64 = 1;

/// Tables in an order that satisfies their foreign keys (parents first).
pub const TABLES: [&str; 17] = [
    "meetings",
    "section_runs",
    "attendees",
    "checklist_ticks",
    "panel_values",
    "meeting_findings",
    "people",
    // Before the action items that carry them out: an item's opportunity is then there when
    // the item is inserted, instead of a pending foreign key checked at the end.
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
];

/// Every table's rows (in rowid order) as one JSON document.
pub fn export(conn: &Connection, schema: u32, at: DateTime<FixedOffset>) -> rusqlite::Result<Json> {
    // One read transaction: every table as of the same moment, though another kaizen writes.
    let snapshot = conn.unchecked_transaction()?;
    let mut tables = Map::new();
    for table in TABLES {
        let mut stmt = snapshot.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
        let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let mut object = Map::new();
            for (index, column) in columns.iter().enumerate() {
                object.insert(column.clone(), json_of(row.get_ref(index)?));
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

fn json_of(value: ValueRef<'_>) -> Json {
    match value {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(n) => Json::from(n),
        // A REAL keeps a fraction mark ("3.0") so it comes back a REAL; JSON has no
        // infinity or NaN, so those are tagged ({"real": "+Inf"}), as Prometheus writes them.
        ValueRef::Real(x) => match Number::from_f64(x) {
            Some(number) => Json::Number(number),
            None => {
                serde_json::json!({ "real": crate::metrics::units::format(x, crate::metrics::units::Unit::Number) })
            }
        },
        ValueRef::Text(text) => Json::from(String::from_utf8_lossy(text).into_owned()),
        ValueRef::Blob(bytes) => Json::from(String::from_utf8_lossy(bytes).into_owned()),
    }
}

/// What an import document holds, checked before anything is written.
pub struct Import {
    tables: Map<String, Json>,
}

/// Reads and checks a document: its format, its schema against `supported`, every table
/// known, every row an object, and every value of the kind kaizen writes in its column
/// (`import_spec`), cycles among `cycles`. Says what is wrong and where.
pub fn read(text: &str, supported: u32, cycles: &[Cycle]) -> Result<Import, String> {
    let mut document: Json =
        serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let format = document.get("kaizen_export").and_then(Json::as_u64);
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
    let schema = document
        .get("schema_version")
        .and_then(Json::as_u64)
        .ok_or("\"schema_version\" is missing or not a number")?;
    if schema > u64::from(supported) {
        return Err(format!(
            "the export has database version {schema}, newer than this kaizen's {supported}: \
             upgrade kaizen to import it"
        ));
    }
    // Taken out of the document, not copied: an export is held in memory once.
    let Some(Json::Object(owned)) = document.get_mut("tables").map(Json::take) else {
        return Err("\"tables\" is missing or not an object".into());
    };
    let tables = &owned;
    for (name, rows) in tables {
        if !TABLES.contains(&name.as_str()) {
            return Err(format!(
                "tables.{}: kaizen has no such table (it knows {})",
                clean(name),
                TABLES.join(", ")
            ));
        }
        let Json::Array(rows) = rows else {
            return Err(format!("tables.{}: not a list of rows", clean(name)));
        };
        if let Some(at) = rows.iter().position(|row| !row.is_object()) {
            return Err(format!(
                "tables.{}[{at}]: a row must be an object",
                clean(name)
            ));
        }
    }
    let keys: Vec<&str> = cycles.iter().map(|c| c.key.as_str()).collect();
    super::import_check::check(tables, &keys)?;
    Ok(Import { tables: owned })
}

/// Whether every table is empty (an import goes only into an empty database).
pub fn is_empty(conn: &Connection) -> rusqlite::Result<Option<(&'static str, i64)>> {
    for table in TABLES {
        let count: i64 =
            conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
        if count > 0 {
            return Ok(Some((table, count)));
        }
    }
    Ok(None)
}

/// Inserts every row, in table order, inside the caller's transaction. Returns rows written.
pub fn write(tx: &Transaction<'_>, import: &Import) -> Result<usize, String> {
    // Rows may point at rows of later tables' ids only through declared keys; checking
    // them at commit lets a table refer to itself in any order.
    tx.pragma_update(None, "defer_foreign_keys", true)
        .map_err(|e| e.to_string())?;
    let mut written = 0;
    for table in TABLES {
        let Some(Json::Array(rows)) = import.tables.get(table) else {
            continue;
        };
        // Names go into the statement only once they are known columns of the table (the
        // table names come from `TABLES`, never from the file).
        let known = columns_of(tx, table).map_err(|e| e.to_string())?;
        for (at, row) in rows.iter().enumerate() {
            let Json::Object(row) = row else {
                continue;
            };
            if let Some(unknown) = row.keys().find(|c| !known.contains(*c)) {
                return Err(format!(
                    "tables.{table}[{at}]: \"{}\" is not a column of {table} (it has {})",
                    clean(unknown),
                    known.join(", ")
                ));
            }
            let columns: Vec<&str> = row.keys().map(String::as_str).collect();
            let values: Vec<Value> = row.values().map(value_of).collect();
            let sql = format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                columns.join(", "),
                vec!["?"; columns.len()].join(", ")
            );
            // Rows of a table share their columns: the statement is parsed once, not per row.
            tx.prepare_cached(&sql)
                .and_then(|mut insert| insert.execute(rusqlite::params_from_iter(values)))
                .map_err(|e| format!("tables.{table}[{at}]: {e}"))?;
            written += 1;
        }
    }
    Ok(written)
}

/// The columns a table has in this database.
fn columns_of(tx: &Transaction<'_>, table: &str) -> rusqlite::Result<Vec<String>> {
    let stmt = tx.prepare(&format!("SELECT * FROM {table} LIMIT 0"))?;
    Ok(stmt.column_names().map(str::to_string).collect())
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
