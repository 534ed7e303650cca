//! The lessons library as pages for the docs repository: one Markdown page per lesson and an
//! index linking them, newest first. The pages are written whole each time, so a lesson
//! retitled or gone takes its old page with it.

use crate::lessons::{Lesson, Origin};
use crate::report::markdown::inline;
use chrono::NaiveDate;

/// The index's file name in the library's folder.
pub const INDEX: &str = "index.md";

/// Every page: (file name in the folder, Markdown), the index first.
pub fn pages(lessons: &[Lesson], written_on: NaiveDate) -> Vec<(String, String)> {
    let mut pages = vec![(INDEX.to_string(), index(lessons, written_on))];
    pages.extend(lessons.iter().map(|l| (page_name(l), page(l))));
    pages
}

/// "opportunity-3-high-storage-costs.md": its origin first, so the name stays unique and a
/// new title only changes the end.
pub fn page_name(lesson: &Lesson) -> String {
    let (kind, id) = match lesson.origin {
        Origin::Opportunity(id) => ("opportunity", id),
        Origin::Incident(id) => ("incident", id),
    };
    let mut slug = String::new();
    for c in lesson.title.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => slug.push(c),
            _ if !slug.ends_with('-') && !slug.is_empty() => slug.push('-'),
            _ => {}
        }
        if slug.len() >= 48 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    match slug.is_empty() {
        true => format!("{kind}-{id}.md"),
        false => format!("{kind}-{id}-{slug}.md"),
    }
}

/// Whether a file in the folder is one of the library's pages (and may be replaced).
pub fn is_page(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix("opportunity-")
        .or_else(|| name.strip_prefix("incident-"))
    else {
        return false;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && name.ends_with(".md")
}

fn index(lessons: &[Lesson], written_on: NaiveDate) -> String {
    let mut out = format!(
        "# Lessons library\n\n_{} {}, newest first: what the team learned from its improvements \
         and its incidents. Written by kaizen on {written_on}; edits here are replaced the next \
         time._\n\n",
        lessons.len(),
        if lessons.len() == 1 {
            "lesson"
        } else {
            "lessons"
        }
    );
    if lessons.is_empty() {
        out.push_str("_No lessons yet._\n");
        return out;
    }
    out.push_str("| Learned | Lesson | From | Category |\n|---|---|---|---|\n");
    for lesson in lessons {
        out.push_str(&format!(
            "| {} | [{}]({}) | {} | {} |\n",
            lesson.on,
            inline(&lesson.title),
            page_name(lesson),
            lesson.reference(),
            lesson.category.as_deref().map(inline).unwrap_or_default()
        ));
    }
    out
}

fn page(lesson: &Lesson) -> String {
    let category = lesson
        .category
        .as_deref()
        .map(|c| format!(" · {}", inline(c)))
        .unwrap_or_default();
    let mut out = format!(
        "# {}\n\n_{} · {}{category}_\n\n",
        inline(&lesson.title),
        lesson.reference(),
        lesson.on
    );
    for (heading, text) in &lesson.parts {
        out.push_str(&format!("## {heading}\n\n"));
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            out.push_str(&format!("{}\n\n", inline(line.trim())));
        }
    }
    out.push_str(&format!("[All lessons]({INDEX})\n"));
    out
}
