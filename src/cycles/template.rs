//! Parsing one cycle template (TOML) into a [`Cycle`], refusing it with file, line and reason.

use super::panel::RawPanel;
use super::{Cadence, Category, CategoryItems, Cycle, Origin, Section};
use crate::report::parts::Part;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// Why a template was refused, and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{}{reason}", line.map(|line| format!("{line}: ")).unwrap_or_else(|| " ".into()))]
pub struct TemplateError {
    /// The file as the user knows it (a path, or `built-in weekly.toml`).
    pub file: String,
    /// 1-based line of the offending key, when the TOML points at one.
    pub line: Option<usize>,
    pub reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    name: Spanned<String>,
    #[serde(default)]
    frequency: Option<String>,
    cadence: Spanned<String>,
    duration_minutes: Spanned<u32>,
    #[serde(default)]
    duration_label: Option<String>,
    #[serde(default)]
    participants: Vec<String>,
    #[serde(default)]
    outputs: Vec<String>,
    /// For each output, the parts of the meeting record under its heading.
    #[serde(default)]
    report: std::collections::BTreeMap<String, Spanned<Vec<String>>>,
    /// The Follow-ups step before the agenda when action items are open.
    #[serde(default)]
    followups_minutes: Option<Spanned<u32>>,
    /// The section whose minutes the Follow-ups step takes.
    #[serde(default)]
    followups_from: Option<Spanned<String>>,
    #[serde(default)]
    sections: Vec<Spanned<RawSection>>,
    #[serde(default)]
    categories: RawCategories,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    #[serde(default)]
    title: Option<Spanned<String>>,
    minutes: Spanned<u32>,
    #[serde(default)]
    talking_points: Vec<String>,
    #[serde(default)]
    panels: Vec<Spanned<RawPanel>>,
    #[serde(default)]
    prioritize: bool,
    /// Scan the section's panels for what stands out.
    #[serde(default)]
    scan: bool,
    /// Review the period's incidents and the alerts that fired.
    #[serde(default)]
    incidents: bool,
    /// More queries to scan, not shown as panels.
    #[serde(default)]
    scans: Vec<Spanned<RawPanel>>,
}

/// `[categories]`: checklist items by category, the process's four or a team's own.
type RawCategories = std::collections::BTreeMap<String, Spanned<Vec<String>>>;

/// Parses and validates one template. `key` is the file stem; `file` names it in errors.
pub fn parse_template(
    key: &str,
    file: &str,
    text: &str,
    origin: Origin,
) -> Result<Cycle, TemplateError> {
    let refuse = |span: Option<Range<usize>>, reason: String| TemplateError {
        file: file.to_string(),
        line: span.map(|span| line_of(text, span.start)),
        reason,
    };
    let raw: RawTemplate =
        toml::from_str(text).map_err(|err| refuse(err.span(), plain(err.message())))?;

    let name = raw.name.get_ref().trim().to_string();
    if name.is_empty() {
        return Err(refuse(
            Some(raw.name.span()),
            "`name` is empty: give the cycle a name, e.g. name = \"Weekly\"".into(),
        ));
    }
    let cadence: Cadence = raw
        .cadence
        .get_ref()
        .parse()
        .map_err(|reason| refuse(Some(raw.cadence.span()), reason))?;
    if raw.sections.is_empty() {
        return Err(refuse(
            None,
            "the template has no agenda: add at least one [[sections]] with a title and minutes"
                .into(),
        ));
    }
    let sections = raw
        .sections
        .into_iter()
        .enumerate()
        .map(|(index, section)| section_of(index + 1, section).map_err(|(s, r)| refuse(s, r)))
        .collect::<Result<Vec<_>, _>>()?;

    // Each section is at most a day, so the sum cannot wrap; counted wide all the same.
    let total: u64 = sections.iter().map(|s| u64::from(s.minutes)).sum();
    let duration = *raw.duration_minutes.get_ref();
    if total != u64::from(duration) {
        return Err(refuse(
            Some(raw.duration_minutes.span()),
            format!(
                "the sections add up to {total} minutes but duration_minutes is {duration}: \
                 make them agree (change a section's minutes or duration_minutes)"
            ),
        ));
    }

    let followups_minutes = match raw.followups_minutes {
        Some(minutes) if *minutes.get_ref() == 0 => {
            return Err(refuse(
                Some(minutes.span()),
                "followups_minutes is 0: give the Follow-ups step at least 1 minute".into(),
            ));
        }
        Some(minutes) if *minutes.get_ref() > LONGEST_MINUTES => {
            return Err(refuse(
                Some(minutes.span()),
                format!(
                    "followups_minutes is {}: the Follow-ups step is at most a day ({LONGEST_MINUTES} minutes)",
                    minutes.get_ref()
                ),
            ));
        }
        Some(minutes) => *minutes.get_ref(),
        None => DEFAULT_FOLLOWUPS_MINUTES,
    };
    let followups_from = followups_section(raw.followups_from, &sections, followups_minutes)
        .map_err(|(s, r)| refuse(s, r))?;
    let report = report_of(&raw.outputs, raw.report, &sections).map_err(|(s, r)| refuse(s, r))?;
    Ok(Cycle {
        report,
        followups_minutes,
        followups_from,
        key: key.to_string(),
        frequency: raw.frequency.unwrap_or_else(|| cadence.to_string()),
        cadence,
        duration_label: raw
            .duration_label
            .unwrap_or_else(|| super::format_minutes(duration)),
        name,
        duration_minutes: duration,
        participants: raw.participants,
        outputs: raw.outputs,
        sections,
        categories: categories_of(raw.categories).map_err(|(s, r)| refuse(s, r))?,
        origin,
    })
}

type Refusal = (Option<Range<usize>>, String);

/// The `[report]` table in the order of `outputs`; each key must be an output.
fn report_of(
    outputs: &[String],
    raw: std::collections::BTreeMap<String, Spanned<Vec<String>>>,
    sections: &[Section],
) -> Result<Vec<(String, Vec<Part>)>, Refusal> {
    let titles: Vec<String> = sections.iter().map(|s| s.title.clone()).collect();
    if let Some((key, parts)) = raw.iter().find(|(key, _)| !outputs.contains(key)) {
        return Err((
            Some(parts.span()),
            format!(
                "[report] \"{key}\" is not one of this cycle's outputs ({}): name an output, \
                 or add it to outputs",
                outputs.join(", ")
            ),
        ));
    }
    let mut report = Vec::new();
    for output in outputs {
        let Some(parts) = raw.get(output) else {
            continue;
        };
        let parsed = parts
            .get_ref()
            .iter()
            .map(|part| Part::parse(part, &titles))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|reason| {
                (
                    Some(parts.span()),
                    format!("[report] \"{output}\": {reason}"),
                )
            })?;
        report.push((output.clone(), parsed));
    }
    Ok(report)
}

/// Minutes for the Follow-ups step when a template does not say.
pub const DEFAULT_FOLLOWUPS_MINUTES: u32 = 5;

/// The longest section (and Follow-ups step): a day. Larger numbers are typos, and kept
/// small they can never make a sum wrap round.
pub const LONGEST_MINUTES: u32 = 24 * 60;

/// The section the Follow-ups step takes its minutes from: the one `followups_from` names
/// (which must keep a minute of its own), else the one whose talking points mention
/// follow-ups, else the longest.
fn followups_section(
    named: Option<Spanned<String>>,
    sections: &[Section],
    minutes: u32,
) -> Result<usize, (Option<std::ops::Range<usize>>, String)> {
    let Some(title) = named else {
        let mentions = sections.iter().position(|s| {
            s.talking_points.iter().any(|p| {
                let p = p.to_lowercase();
                p.contains("follow-up") || p.contains("follow up")
            })
        });
        let longest = sections
            .iter()
            .enumerate()
            .max_by_key(|(index, s)| (s.minutes, std::cmp::Reverse(*index)))
            .map_or(0, |(index, _)| index);
        return Ok(mentions.unwrap_or(longest));
    };
    let span = Some(title.span());
    let wanted = title.get_ref().trim();
    let Some(index) = sections
        .iter()
        .position(|s| s.title.eq_ignore_ascii_case(wanted))
    else {
        let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
        return Err((
            span,
            format!(
                "followups_from = \"{wanted}\" names no section: use one of {}",
                titles.join(", ")
            ),
        ));
    };
    let section = &sections[index];
    if section.minutes <= minutes {
        return Err((
            span,
            format!(
                "the Follow-ups step takes {minutes} minutes from \"{}\", which has {}: set \
                 followups_minutes lower or followups_from to a longer section",
                section.title, section.minutes
            ),
        ));
    }
    Ok(index)
}

fn section_of(number: usize, section: Spanned<RawSection>) -> Result<Section, Refusal> {
    let span = section.span();
    let raw = section.into_inner();
    let title = raw
        .title
        .as_ref()
        .map(|title| title.get_ref().trim().to_string())
        .unwrap_or_default();
    if title.is_empty() {
        let span_of_title = raw.title.as_ref().map(Spanned::span);
        return Err((
            span_of_title.or(Some(span)),
            format!("section {number} has no title: add title = \"...\" to it"),
        ));
    }
    let minutes = *raw.minutes.get_ref();
    if minutes == 0 {
        return Err((
            Some(raw.minutes.span()),
            format!("section {number} \"{title}\" has 0 minutes: give it at least 1 minute"),
        ));
    }
    if minutes > LONGEST_MINUTES {
        return Err((
            Some(raw.minutes.span()),
            format!(
                "section {number} \"{title}\" has {minutes} minutes: a section is at most a \
                 day ({LONGEST_MINUTES} minutes); split it or shorten it"
            ),
        ));
    }
    let validate = |panel: Spanned<RawPanel>| {
        let span = panel.span();
        panel.into_inner().validate().map_err(|reason| {
            (
                Some(span),
                format!("section {number} \"{title}\": {reason}"),
            )
        })
    };
    let extra = raw
        .scans
        .into_iter()
        .map(validate)
        .collect::<Result<Vec<_>, _>>()?;
    let panels = raw
        .panels
        .into_iter()
        .map(validate)
        .collect::<Result<Vec<_>, _>>()?;
    let mut scan = if raw.scan { panels.clone() } else { Vec::new() };
    scan.extend(extra);
    Ok(Section {
        title,
        minutes,
        talking_points: raw.talking_points,
        panels,
        prioritize: raw.prioritize,
        scan,
        incidents: raw.incidents,
    })
}

/// The checklist: the process's four categories in its order, then a team's own by name.
/// A category is a word (`reliability`, `on_call`); an item is a line of text.
fn categories_of(raw: RawCategories) -> Result<Vec<CategoryItems>, (Option<Range<usize>>, String)> {
    let mut groups = Vec::new();
    for (key, items) in raw {
        let span = Some(items.span());
        let word = !key.is_empty()
            && key.starts_with(|c: char| c.is_ascii_lowercase())
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !word {
            return Err((
                span,
                format!(
                    "[categories] \"{}\" is not a category name: use a lowercase word, \
                     e.g. reliability or on_call",
                    crate::text::clean(&key)
                ),
            ));
        }
        let items = items.into_inner();
        if let Some(blank) = items.iter().position(|item| item.trim().is_empty()) {
            return Err((
                span,
                format!(
                    "[categories] {key}: item {} is empty: write what to check",
                    blank + 1
                ),
            ));
        }
        if !items.is_empty() {
            groups.push(CategoryItems { key, items });
        }
    }
    let order = |group: &CategoryItems| {
        Category::ALL
            .iter()
            .position(|c| c.name().eq_ignore_ascii_case(&group.key))
            .unwrap_or(Category::ALL.len())
    };
    groups.sort_by_key(|group| order(group));
    Ok(groups)
}

fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Serde names Rust types in its messages; say what a template writer needs instead.
fn plain(message: &str) -> String {
    message
        .replace("expected u32", "expected a whole number, 0 or more")
        .replace("expected a string", "expected text in quotes")
}
