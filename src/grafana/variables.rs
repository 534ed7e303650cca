//! A dashboard's template variables filled in: the value the user gives (`--var job=api`),
//! else the dashboard's current value, else every value (`.*`) for a regex match. Grafana's
//! own range variables (`$__rate_interval`, `$__interval`, `$__range`) are kaizen's too and
//! stay as they are.

use crate::text::clean;
use serde_json::Value as Json;
use std::collections::BTreeMap;

pub struct Variables {
    values: BTreeMap<String, String>,
    described: Vec<String>,
}

impl Variables {
    pub fn of(dashboard: &Json, given: &BTreeMap<String, String>) -> Variables {
        let mut values = BTreeMap::new();
        let mut described = Vec::new();
        let list = dashboard
            .pointer("/templating/list")
            .and_then(Json::as_array)
            .into_iter()
            .flatten();
        for variable in list {
            let Some(name) = variable.get("name").and_then(Json::as_str) else {
                continue;
            };
            // A data source variable names where queries go, not part of them.
            if variable.get("type").and_then(Json::as_str) == Some("datasource") {
                continue;
            }
            let current = current_value(variable);
            let (value, from) = match (given.get(name), current) {
                (Some(value), _) => (value.clone(), "given"),
                (None, Some(value)) => (value, "its current value in the dashboard"),
                (None, None) => (".*".to_string(), "every value: give --var to choose one"),
            };
            described.push(format!("${} = {} ({from})", clean(name), clean(&value)));
            values.insert(name.to_string(), value);
        }
        for (name, value) in given {
            if !values.contains_key(name) {
                described.push(format!("${} = {} (given)", clean(name), clean(value)));
                values.insert(name.clone(), value.clone());
            }
        }
        Variables { values, described }
    }

    pub fn described(&self) -> Vec<String> {
        self.described.clone()
    }

    /// The query with every dashboard variable (`$x`, `${x}`, `${x:regex}`, `[[x]]`) put in;
    /// a variable the dashboard does not define is an error naming it.
    pub fn fill(&self, query: &str) -> Result<String, String> {
        let mut out = String::with_capacity(query.len());
        let mut rest = query;
        while let Some(at) = rest.find(['$', '[']) {
            out.push_str(&rest[..at]);
            let tail = &rest[at..];
            match reference(tail) {
                Some((name, length)) if !name.starts_with("__") => {
                    let Some(value) = self.values.get(name) else {
                        return Err(format!(
                            "its query uses ${}, which the dashboard does not define: give \
                             --var {}=VALUE",
                            clean(name),
                            clean(name)
                        ));
                    };
                    out.push_str(value);
                    rest = &tail[length..];
                }
                _ => {
                    let c = tail.chars().next().unwrap_or('$');
                    out.push(c);
                    rest = &tail[c.len_utf8()..];
                }
            }
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// A variable's current value when it is one concrete value (not "All", not several).
fn current_value(variable: &Json) -> Option<String> {
    let value = variable.pointer("/current/value")?;
    let value = match value {
        Json::String(text) => text.clone(),
        Json::Array(items) if items.len() == 1 => items[0].as_str()?.to_string(),
        _ => return None,
    };
    (!value.is_empty() && value != "$__all").then_some(value)
}

/// The variable a reference at the start of `text` names, and the reference's length.
fn reference(text: &str) -> Option<(&str, usize)> {
    let word = |s: &str| {
        s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(s.len())
    };
    if let Some(inner) = text.strip_prefix("${") {
        let close = inner.find('}')?;
        let name = inner[..close].split(':').next()?;
        return (!name.is_empty()).then_some((name, close + 3));
    }
    if let Some(inner) = text.strip_prefix("[[") {
        let close = inner.find("]]")?;
        let name = inner[..close].split(':').next()?;
        return (word(name) == name.len() && !name.is_empty()).then_some((name, close + 4));
    }
    let inner = text.strip_prefix('$')?;
    let length = word(inner);
    let name = &inner[..length];
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        .then_some((name, length + 1))
}
