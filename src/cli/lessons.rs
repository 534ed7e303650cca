//! `kaizen lessons [TEXT] [--category C] [--json]`: the lessons library searched, newest
//! first, each with where it was learned and what it says.

use crate::lessons::{Lesson, search};
use crate::store::Store;

pub(super) fn run(
    store: &Store,
    text: &str,
    category: Option<&str>,
    json: bool,
) -> Result<String, String> {
    if let Some(category) = category
        && !crate::cycles::Category::ALL
            .iter()
            .any(|c| c.name().eq_ignore_ascii_case(category))
    {
        return Err(format!(
            "--category {category}: use performance, cost, quality or security"
        ));
    }
    let all = store.lessons().map_err(|err| err.to_string())?;
    let text = Some(text.trim()).filter(|t| !t.is_empty());
    let found = search(&all, text, category);
    if json {
        return serde_json::to_string_pretty(&found)
            .map(|json| json + "\n")
            .map_err(|err| err.to_string());
    }
    if found.is_empty() {
        return Ok(match (text, all.is_empty()) {
            (_, true) => "No lessons yet: an opportunity validated or documented with what \
                          changed or its lessons, or an incident with its contributing factors, \
                          becomes one.\n"
                .to_string(),
            (Some(text), false) => {
                format!("No lesson mentions \"{text}\" ({} in all).\n", all.len())
            }
            (None, false) => format!("No lesson in that category ({} in all).\n", all.len()),
        });
    }
    Ok(found.iter().map(|lesson| shown(lesson)).collect())
}

/// "2026-11-12  opportunity 14  Cache the wind data  (performance)", then its parts.
fn shown(lesson: &Lesson) -> String {
    let category = lesson
        .category
        .as_ref()
        .map(|c| format!("  ({c})"))
        .unwrap_or_default();
    let mut out = format!(
        "{}  {}  {}{category}\n",
        lesson.on,
        lesson.reference(),
        lesson.title
    );
    for (heading, text) in &lesson.parts {
        out.push_str(&format!(
            "    {heading}: {}\n",
            text.replace('\n', "\n      ")
        ));
    }
    out.push('\n');
    out
}

/// `kaizen lessons --publish`: the library to the docs repository.
pub(super) fn publish(
    store: &Store,
    config: &crate::config::Config,
) -> Result<std::process::ExitCode, String> {
    let targets =
        crate::publish::Targets::from_config(&config.publish, |name| std::env::var(name).ok())?;
    let git = targets.git.ok_or(
        "no docs repository: add [publish.git] with repo and lessons = \"lessons\" to the \
         config file (README: Publishing)",
    )?;
    let lessons = store.lessons().map_err(|err| err.to_string())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("cannot start the async runtime: {err}"))?;
    let today = crate::runtime::now().wall.date_naive();
    let done = runtime.block_on(crate::publish::git::publish_library(&git, &lessons, today))?;
    tracing::info!(lessons = lessons.len(), done = %done, "lessons library published");
    super::emit::emit(&format!("Lessons library: {done}\n"), false);
    Ok(std::process::ExitCode::SUCCESS)
}
