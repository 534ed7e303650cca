//! A panel's Grafana thresholds as a kaizen goal: green at the base and warmer colours above
//! is "lower is better"; red at the base and green above is "higher is better". Any other
//! scale (blue, a single colour, green in the middle) is not a goal.

use serde_json::Value as Json;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Goal {
    pub better: &'static str,
    pub amber: f64,
    pub red: f64,
}

#[derive(Clone, Copy, PartialEq)]
enum Tone {
    Good,
    Warn,
    Bad,
    Other,
}

fn tone(color: &str) -> Tone {
    let color = color.to_ascii_lowercase();
    if color.contains("green") {
        Tone::Good
    } else if color.contains("red") {
        Tone::Bad
    } else if color.contains("orange") || color.contains("yellow") {
        Tone::Warn
    } else {
        Tone::Other
    }
}

/// The threshold steps: the base colour, then each (value, colour) upwards.
fn steps(panel: &Json) -> Vec<(Option<f64>, Tone)> {
    panel
        .pointer("/fieldConfig/defaults/thresholds/steps")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .map(|step| {
            let value = step.get("value").and_then(Json::as_f64);
            let color = step.get("color").and_then(Json::as_str).unwrap_or("");
            (value, tone(color))
        })
        .collect()
}

/// Whether the panel has thresholds beyond its base colour.
pub fn has_steps(panel: &Json) -> bool {
    steps(panel).len() > 1
}

/// The goal the thresholds say, in the panel's kaizen unit (values times `scale`).
pub fn goal_of(panel: &Json, scale: f64) -> Option<Goal> {
    let steps = steps(panel);
    let (base, rest) = steps.split_first()?;
    let first = |wanted: Tone| {
        rest.iter()
            .find(|(_, tone)| *tone == wanted)
            .and_then(|(value, _)| *value)
            .map(|v| v * scale)
    };
    match base.1 {
        // Green, then amber and red above: past each line is worse.
        Tone::Good
            if rest
                .iter()
                .all(|(_, t)| matches!(t, Tone::Warn | Tone::Bad)) =>
        {
            let red = first(Tone::Bad).or(first(Tone::Warn))?;
            let amber = first(Tone::Warn).unwrap_or(red);
            Some(Goal {
                better: "lower",
                amber,
                red,
            })
        }
        // Red below, green above: under each line is worse.
        Tone::Bad | Tone::Warn if rest.last().is_some_and(|(_, t)| *t == Tone::Good) => {
            let amber = first(Tone::Good)?;
            let red = match base.1 {
                Tone::Bad => first(Tone::Warn).unwrap_or(amber),
                _ => amber,
            };
            Some(Goal {
                better: "higher",
                amber,
                red,
            })
        }
        _ => None,
    }
}
