//! Units and how numbers read: 0.0931 s is "93.1 ms", 0.9995 as a ratio is "99.95%".

use serde::Deserialize;

/// What a panel's numbers measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Seconds,
    /// Already in percent (0-100).
    Percent,
    /// A fraction (0-1), shown as percent.
    Ratio,
    Bytes,
    RequestsPerSecond,
    Currency,
    #[default]
    Number,
}

/// The unit a query's result is in, read from Prometheus's naming conventions (base units in
/// metric names): a quantile of `*_seconds_bucket` is seconds, a gauge `*_bytes` is bytes.
/// Anything it cannot be sure of (a rate of a counter, a count) is a plain number.
pub fn unit_of_query(query: &str) -> Unit {
    // The metrics it reads, from the parsed query (a label value like {job="x_seconds"}
    // names nothing); a query that does not parse is a plain number.
    let Ok(metrics) = super::names::metric_names(query) else {
        return Unit::Number;
    };
    let words: Vec<&str> = query
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    let counted = words.contains(&"count")
        || metrics
            .iter()
            .any(|m| m.ends_with("_total") || m.ends_with("_count"));
    let quantile = words.contains(&"histogram_quantile");
    let of = |suffix: &str| {
        metrics.iter().any(|m| {
            (quantile && m.ends_with(&format!("{suffix}_bucket")))
                || (!counted && m.ends_with(suffix))
        })
    };
    if of("_seconds") {
        Unit::Seconds
    } else if of("_bytes") {
        Unit::Bytes
    } else {
        Unit::Number
    }
}

/// A value with its unit, e.g. "93.1 ms"; NaN and infinities are labelled, not hidden.
pub fn format(value: f64, unit: Unit) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    match unit {
        Unit::Seconds => seconds(value),
        Unit::Percent => percent(value),
        Unit::Ratio => percent(value * 100.0),
        Unit::Bytes => scaled(
            value,
            1024.0,
            &["B", "KiB", "MiB", "GiB", "TiB", "PiB"],
            " ",
        ),
        Unit::RequestsPerSecond => format!("{} req/s", si(value)),
        Unit::Currency => currency(value),
        Unit::Number => si(value),
    }
}

/// A change between two values, signed: "+12.0 ms", "-0.05 pp".
pub fn format_delta(delta: f64, unit: Unit) -> String {
    let sign = if delta > 0.0 {
        "+"
    } else if delta < 0.0 {
        "-"
    } else {
        "±"
    };
    // Percentages change by percentage points, which is not a percent change.
    let points = match unit {
        Unit::Ratio => Some(delta.abs() * 100.0),
        Unit::Percent => Some(delta.abs()),
        _ => None,
    };
    match points {
        // Hundredths of a point are as fine as a percentage is shown.
        Some(points) if points < 0.005 => "±0.00 pp".into(),
        Some(points) if points < 10.0 => format!("{sign}{points:.2} pp"),
        Some(points) => format!("{sign}{} pp", sig3(points)),
        None => {
            let text = format(delta.abs(), unit);
            // A change too small to show is no change: "±0.00 req/s", never "-0.00 req/s".
            let shown = text.chars().any(|c| c.is_ascii_digit() && c != '0');
            let sign = if shown { sign } else { "±" };
            format!("{sign}{text}")
        }
    }
}

/// A change written in the scale of the value beside it: "98.2 ms  +0.35 ms", not
/// "+351 µs", so the two read as one number and its change.
pub fn format_delta_beside(delta: f64, unit: Unit, value: f64) -> String {
    if unit != Unit::Seconds || !value.is_finite() || value == 0.0 {
        return format_delta(delta, unit);
    }
    let (factor, name) = time_scale(value.abs());
    // In the value's scale a change too small to show is 0.00, not 1.00e-4.
    let change = delta.abs() / factor;
    let decimals = match change {
        c if c >= 100.0 => 0,
        c if c >= 10.0 => 1,
        _ => 2,
    };
    let text = format!("{change:.decimals$}");
    let shown = text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = match delta {
        d if d > 0.0 && shown => "+",
        d if d < 0.0 && shown => "-",
        _ => "±",
    };
    format!("{sign}{text} {name}")
}

/// The unit a duration of `magnitude` seconds reads in, as `seconds` writes it.
fn time_scale(magnitude: f64) -> (f64, &'static str) {
    match magnitude {
        m if m < 1e-3 => (1e-6, "µs"),
        m if m < 1.0 => (1e-3, "ms"),
        m if m < 60.0 => (1.0, "s"),
        m if m < 3600.0 => (60.0, "min"),
        m if m < 86400.0 => (3600.0, "h"),
        _ => (86400.0, "d"),
    }
}

/// From here up, numbers read in scientific notation ("1.00e308"), so a runaway value can
/// never print hundreds of digits over a table.
const SCIENTIFIC_FROM: f64 = 1e6;

/// Three significant digits, without trailing noise: 93.1, 4.20, 1234 -> "1234"; huge and
/// tiny (but not zero) values in scientific notation: "1.00e308", "4.20e-7".
fn sig3(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= SCIENTIFIC_FROM || (magnitude > 0.0 && magnitude < 1e-3) {
        return format!("{value:.2e}");
    }
    let decimals = if magnitude >= 100.0 || magnitude == 0.0 {
        0
    } else if magnitude >= 10.0 {
        1
    } else {
        2
    };
    format!("{value:.decimals$}")
}

fn seconds(value: f64) -> String {
    if value == 0.0 {
        return "0 s".into();
    }
    let (factor, name) = time_scale(value.abs());
    format!("{} {name}", sig3(value / factor))
}

fn percent(value: f64) -> String {
    if value.abs() >= SCIENTIFIC_FROM {
        return format!("{value:.2e}%");
    }
    // Near 100% the interesting digits are the last ones: 99.95%, not 100%.
    let decimals = match value.abs() {
        m if (99.0..100.0).contains(&m) => 2,
        m if m < 10.0 => 2,
        _ => 1,
    };
    format!("{value:.decimals$}%")
}

fn si(value: f64) -> String {
    if value.abs() >= 1e18 {
        return sig3(value);
    }
    // Counts read as counts: 3 targets, not 3.00.
    if value.fract() == 0.0 && value.abs() < 1000.0 {
        return format!("{value:.0}");
    }
    scaled(value, 1000.0, &["", "k", "M", "G", "T", "P"], "")
}

fn scaled(value: f64, base: f64, names: &[&str], gap: &str) -> String {
    // Past the largest prefix, scientific notation in the base unit.
    if value.abs() >= base.powi(names.len() as i32 + 1) {
        return format!("{}{gap}{}", sig3(value), names[0])
            .trim_end()
            .to_string();
    }
    let mut scaled = value;
    let mut index = 0;
    while scaled.abs() >= base && index + 1 < names.len() {
        scaled /= base;
        index += 1;
    }
    format!("{}{gap}{}", sig3(scaled), names[index])
        .trim_end()
        .to_string()
}

fn currency(value: f64) -> String {
    let sign = if value < 0.0 { "-" } else { "" };
    let whole = value.abs();
    if whole >= 10_000.0 {
        format!("{sign}${}", si(whole))
    } else {
        format!("{sign}${whole:.2}")
    }
}
