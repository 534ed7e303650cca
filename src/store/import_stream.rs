//! Walking an export document row by row as it is parsed, never holding it as a tree: an
//! import of a 20 MB export needs the text and one row in memory, not a JSON tree seven times
//! the file's size. The checks and the writing are each one walk.

use super::export::TABLES;
use crate::text::clean;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value as Json};
use std::fmt;

/// What is done with each row: `(table, index in its table, row)`.
pub type OnRow<'f> = dyn FnMut(&str, usize, &Map<String, Json>) -> Result<(), String> + 'f;

/// What the document says of itself, outside its tables.
#[derive(Debug, Default)]
pub struct Outline {
    pub format: Option<Json>,
    pub schema: Option<Json>,
    pub has_tables: bool,
}

/// Whether a problem stops the walk (writing) or is kept while the walk goes on to read the
/// document's outline (checking: a newer format or version is the better reason to give).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OnProblem {
    Stop,
    Keep,
}

/// Calls `on_row(table, index, row)` for every row of every table of `text`, in the file's
/// order. Structural problems (an unknown table, a table that is not a list, a row that is
/// not an object, the same table twice) and `on_row`'s errors are the walk's error: at once
/// with [`OnProblem::Stop`], after the walk with [`OnProblem::Keep`] (the first one). Invalid
/// JSON is always at once.
pub fn walk(
    text: &str,
    on_problem: OnProblem,
    on_row: &mut OnRow<'_>,
) -> Result<(Outline, Option<String>), String> {
    let mut walker = Walker {
        on_row,
        on_problem,
        problem: None,
        expecting: None,
        seen: Vec::new(),
        outline: Outline::default(),
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let walked = DeserializeSeed::deserialize(Document(&mut walker), &mut deserializer)
        .and_then(|()| deserializer.end());
    match walked {
        Ok(()) => Ok((walker.outline, walker.problem)),
        Err(_) if walker.problem.is_some() => Err(walker.problem.unwrap_or_default()),
        // A value that is JSON but not of the shape asked for.
        Err(err) if err.is_data() && walker.expecting.is_some() => {
            Err(walker.expecting.unwrap_or_default())
        }
        Err(err) => Err(format!("not valid JSON: {err}")),
    }
}

struct Walker<'w> {
    on_row: &'w mut OnRow<'w>,
    on_problem: OnProblem,
    problem: Option<String>,
    /// What the value being read must be, said if it is not.
    expecting: Option<String>,
    seen: Vec<String>,
    outline: Outline,
}

impl Walker<'_> {
    /// Keeps the first problem; whether the walk goes on.
    fn problem(&mut self, problem: String) -> bool {
        self.problem.get_or_insert(problem);
        self.on_problem == OnProblem::Keep
    }

    fn stopped<E: de::Error>(&self) -> E {
        E::custom("stopped")
    }
}

struct Document<'a, 'w>(&'a mut Walker<'w>);

impl<'de> DeserializeSeed<'de> for Document<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Document<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a kaizen export")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let walker = self.0;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "kaizen_export" => walker.outline.format = Some(map.next_value()?),
                "schema_version" => walker.outline.schema = Some(map.next_value()?),
                "tables" => {
                    walker.outline.has_tables = true;
                    walker.expecting = Some("\"tables\" is missing or not an object".into());
                    map.next_value_seed(Tables(&mut *walker))?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    // Any other JSON is not an export; what it holds does not matter.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

struct Tables<'a, 'w>(&'a mut Walker<'w>);

impl<'de> DeserializeSeed<'de> for Tables<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Tables<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of tables")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let walker = self.0;
        walker.expecting = None;
        while let Some(table) = map.next_key::<String>()? {
            let known = TABLES.iter().find(|known| **known == table);
            let problem = match known {
                None => Some(format!(
                    "tables.{}: kaizen has no such table (it knows {})",
                    clean(&table),
                    TABLES.join(", ")
                )),
                Some(_) if walker.seen.contains(&table) => Some(format!(
                    "tables.{}: the table is in the file twice",
                    clean(&table)
                )),
                Some(_) => None,
            };
            match (problem, known) {
                (Some(problem), _) => {
                    if !walker.problem(problem) {
                        return Err(walker.stopped());
                    }
                    map.next_value::<IgnoredAny>()?;
                }
                (None, Some(table)) => {
                    walker.seen.push(table.to_string());
                    walker.expecting = Some(format!("tables.{table}: not a list of rows"));
                    map.next_value_seed(Rows {
                        walker: &mut *walker,
                        table,
                    })?;
                }
                (None, None) => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct Rows<'a, 'w> {
    walker: &'a mut Walker<'w>,
    table: &'static str,
}

impl<'de> DeserializeSeed<'de> for Rows<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Rows<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (walker, table) = (self.walker, self.table);
        walker.expecting = None;
        let mut at = 0;
        while let Some(row) = seq.next_element::<Json>()? {
            let result = match &row {
                // Once a problem is kept, the rest is only read through.
                _ if walker.problem.is_some() => Ok(()),
                Json::Object(row) => (walker.on_row)(table, at, row),
                _ => Err(format!("tables.{table}[{at}]: a row must be an object")),
            };
            if let Err(problem) = result
                && !walker.problem(problem)
            {
                return Err(walker.stopped());
            }
            at += 1;
        }
        Ok(())
    }
}
