//! Range variables in a template's query, filled in before it is sent. `$step` (and Grafana's
//! `$__interval` and `$__rate_interval`) is how long each value covers: a chart's step in its
//! range query, the whole window in the query that gives a panel's value over the window. So
//! `rate(x[$step])` counts every event at any step, and the same query gives the week's
//! value. `$__range` (and `$window`) is always the whole window.

/// The variables kaizen fills in, longest first so `$__rate_interval` is not read as `$__r…`.
const EACH: [&str; 3] = ["$__rate_interval", "$__interval", "$step"];
const WHOLE: [&str; 2] = ["$__range", "$window"];

/// Whether the query has a range kaizen fills in (and so can be asked over any window).
pub fn has_ranges(query: &str) -> bool {
    EACH.iter().chain(&WHOLE).any(|name| query.contains(name))
}

/// The query with its ranges filled in: `each` seconds for `$step` and its aliases, `whole`
/// seconds for `$__range`. `$__rate_interval` is at least a minute, so a rate always has two
/// samples of a target scraped every 15 s or more often.
pub fn expand(query: &str, each: f64, whole: f64) -> String {
    if !query.contains('$') {
        return query.to_string();
    }
    query
        .replace("$__rate_interval", &duration(each.max(60.0)))
        .replace("$__interval", &duration(each))
        .replace("$step", &duration(each))
        .replace("$__range", &duration(whole))
        .replace("$window", &duration(whole))
}

/// Seconds as a PromQL duration in the largest unit that divides them ("7d", "90s").
pub fn duration(seconds: f64) -> String {
    let seconds = seconds.round().max(1.0) as u64;
    for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60)] {
        if seconds.is_multiple_of(size) {
            return format!("{}{unit}", seconds / size);
        }
    }
    format!("{seconds}s")
}

/// A `$` the query still has after kaizen's variables, e.g. Grafana's `$__range_s` or a
/// dashboard variable: Prometheus would refuse it, so a template is told at load.
pub fn unknown_variable(query: &str) -> Option<String> {
    let expanded = expand(query, 60.0, 60.0);
    // A `$` not followed by a name is a regex's end of line (`=~"api$"`), not a variable.
    expanded.match_indices('$').find_map(|(at, _)| {
        let name: String = expanded[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let named = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
        named.then(|| format!("${name}"))
    })
}
