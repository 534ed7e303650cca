//! Grafana's unit ids as kaizen's units: a unit kaizen has comes over as it is; one that is a
//! multiple of a kaizen unit (ms, KiB) comes over with the query scaled to it.

use serde_json::Value as Json;

/// The panel's unit as kaizen's, the factor its values are multiplied by to be in it, and a
/// note when the unit changed on the way in.
pub fn of_panel(panel: &Json) -> (&'static str, f64, Option<String>) {
    let unit = panel
        .pointer("/fieldConfig/defaults/unit")
        .or_else(|| panel.pointer("/yaxes/0/format"))
        .or_else(|| panel.get("format"))
        .and_then(Json::as_str)
        .unwrap_or("");
    let (kaizen, scale) = match unit {
        "percentunit" => ("ratio", 1.0),
        "percent" => ("percent", 1.0),
        "s" | "dtdurations" => ("seconds", 1.0),
        "ms" => ("seconds", 1e-3),
        "µs" | "us" => ("seconds", 1e-6),
        "ns" => ("seconds", 1e-9),
        "m" => ("seconds", 60.0),
        "h" => ("seconds", 3600.0),
        "d" => ("seconds", 86_400.0),
        "bytes" | "decbytes" => ("bytes", 1.0),
        "bits" | "decbits" => ("bytes", 0.125),
        "kbytes" => ("bytes", 1024.0),
        "mbytes" => ("bytes", 1024.0 * 1024.0),
        "gbytes" => ("bytes", 1024.0 * 1024.0 * 1024.0),
        "deckbytes" => ("bytes", 1e3),
        "decmbytes" => ("bytes", 1e6),
        "decgbytes" => ("bytes", 1e9),
        "reqps" | "rps" => ("requests_per_second", 1.0),
        "currencyUSD" | "currencyEUR" | "currencyGBP" => ("currency", 1.0),
        "" | "short" | "none" | "locale" | "sishort" => ("number", 1.0),
        _ => ("number", 1.0),
    };
    let note = match (unit, scale) {
        ("" | "short" | "none" | "locale" | "sishort", _) => None,
        (_, s) if s != 1.0 => Some(format!(
            "unit {} shown in {kaizen}: the query is multiplied by {}",
            crate::text::clean(unit),
            factor(s)
        )),
        (_, _) if kaizen == "number" => Some(format!(
            "unit {} has no kaizen counterpart: shown as a plain number",
            crate::text::clean(unit)
        )),
        _ => None,
    };
    (kaizen, scale, note)
}

/// The query with its values multiplied by `scale` (unchanged when it is 1).
pub fn scaled(query: &str, scale: f64) -> String {
    if scale == 1.0 {
        query.to_string()
    } else if scale < 1.0 {
        format!("({query}) / {}", factor(1.0 / scale))
    } else {
        format!("({query}) * {}", factor(scale))
    }
}

/// A factor as a short number ("1000", "0.125").
pub fn factor(value: f64) -> String {
    let rounded = (value * 1e9).round() / 1e9;
    format!("{rounded}")
}
