//! What goes under each of a cycle's output headings: its template's `[report]` table names,
//! for each output, the parts of the meeting record shown there ("metrics", "actions", ...).

use std::fmt;

/// One part of a meeting's record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Every metric value not shown elsewhere, by section.
    Metrics,
    /// The metric values of one section.
    SectionMetrics(String),
    /// The notes of one section, quoted again under this heading.
    SectionNotes(String),
    /// Opportunities raised or moved on in the meeting, by quadrant.
    Opportunities,
    /// Every opportunity still being worked on, by quadrant: the improvement plan.
    Plan,
    /// What the sections' scans listed as standing out.
    Findings,
    /// Money: this meeting's cost panels and the period's cost trends.
    Costs,
    /// Action items made and decided in the meeting.
    Actions,
    /// Every item open when the meeting ended, by owner.
    Assignments,
    /// What validated opportunities achieved, and their lessons.
    Lessons,
    /// What the shorter reviews of the period found and did.
    Rollup,
    /// The incidents of the period: when, how long, how found, what prevents them.
    Incidents,
    /// The cycle's stat panels across its last 13 meetings: the scorecard.
    Scorecard,
}

/// The parts a `[report]` entry may name, for the message when one is not understood.
pub const NAMES: &str = "metrics, metrics:SECTION, notes:SECTION, opportunities, plan, \
                         findings, costs, actions, assignments, lessons, rollup, incidents, \
                         scorecard";

impl Part {
    /// Every part, each with the heading it gets when no output names it.
    pub fn defaults() -> Vec<(String, Part)> {
        vec![
            ("Metrics".into(), Part::Metrics),
            ("Opportunities".into(), Part::Opportunities),
            ("Action items".into(), Part::Actions),
            ("Follow-up assignments".into(), Part::Assignments),
        ]
    }

    /// Reads "metrics", "notes:Strategic Planning"; sections must be among `sections`.
    pub fn parse(text: &str, sections: &[String]) -> Result<Part, String> {
        let section = |name: &str| {
            let name = name.trim();
            sections
                .iter()
                .find(|s| s.eq_ignore_ascii_case(name))
                .cloned()
                .ok_or_else(|| {
                    format!(
                        "\"{text}\" names no section of this cycle: use one of {}",
                        sections.join(", ")
                    )
                })
        };
        match text.trim().split_once(':') {
            Some(("metrics", name)) => section(name).map(Part::SectionMetrics),
            Some(("notes", name)) => section(name).map(Part::SectionNotes),
            Some(_) => Err(format!(
                "\"{text}\" is not a report part: use one of {NAMES}"
            )),
            None => match text.trim() {
                "metrics" => Ok(Part::Metrics),
                "opportunities" => Ok(Part::Opportunities),
                "plan" => Ok(Part::Plan),
                "findings" => Ok(Part::Findings),
                "costs" => Ok(Part::Costs),
                "actions" => Ok(Part::Actions),
                "assignments" => Ok(Part::Assignments),
                "lessons" => Ok(Part::Lessons),
                "rollup" => Ok(Part::Rollup),
                "incidents" => Ok(Part::Incidents),
                "scorecard" => Ok(Part::Scorecard),
                _ => Err(format!(
                    "\"{text}\" is not a report part: use one of {NAMES}"
                )),
            },
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Part::Metrics => write!(f, "metrics"),
            Part::SectionMetrics(section) => write!(f, "metrics:{section}"),
            Part::SectionNotes(section) => write!(f, "notes:{section}"),
            Part::Opportunities => write!(f, "opportunities"),
            Part::Plan => write!(f, "plan"),
            Part::Findings => write!(f, "findings"),
            Part::Costs => write!(f, "costs"),
            Part::Actions => write!(f, "actions"),
            Part::Assignments => write!(f, "assignments"),
            Part::Lessons => write!(f, "lessons"),
            Part::Rollup => write!(f, "rollup"),
            Part::Incidents => write!(f, "incidents"),
            Part::Scorecard => write!(f, "scorecard"),
        }
    }
}

impl serde::Serialize for Part {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
