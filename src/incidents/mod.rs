//! Incidents for the monthly Incident Review: what happened, told blamelessly (contributing
//! factors, never a culprit), its timeline and durations, and the prevention measures that
//! leave the room owned and dated (each an action item or an opportunity).

pub mod episodes;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// A marked moment of an incident's timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Moment {
    Detected,
    Diagnosed,
    Mitigated,
    Resolved,
    Other,
}

impl Moment {
    pub fn name(self) -> &'static str {
        match self {
            Moment::Detected => "detected",
            Moment::Diagnosed => "diagnosed",
            Moment::Mitigated => "mitigated",
            Moment::Resolved => "resolved",
            Moment::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Moment> {
        crate::opportunities::parse_name(text.trim())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineEntry {
    pub at: DateTime<FixedOffset>,
    pub moment: Moment,
    pub note: String,
}

/// A prevention measure: an action item or an opportunity, by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Action(i64),
    Opportunity(i64),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Incident {
    pub id: i64,
    pub title: String,
    pub severity: String,
    pub service: Option<String>,
    pub started_at: DateTime<FixedOffset>,
    pub ended_at: Option<DateTime<FixedOffset>>,
    pub detected_at: Option<DateTime<FixedOffset>>,
    pub summary: String,
    pub impact: String,
    /// Contributing factors: more than one is the usual case.
    pub factors: Vec<String>,
    pub went_well: String,
    pub timeline: Vec<TimelineEntry>,
    pub measures: Vec<Measure>,
    /// The alert episode it was accepted from ("HighErrorRate{job=api}").
    pub alert: Option<String>,
    /// Whether something was down: only outages count as downtime.
    pub outage: bool,
    pub created_at: DateTime<FixedOffset>,
}

impl Incident {
    /// A new incident with what is known at once.
    pub fn new(
        title: &str,
        started_at: DateTime<FixedOffset>,
        created_at: DateTime<FixedOffset>,
    ) -> Incident {
        Incident {
            id: 0,
            title: title.trim().to_string(),
            severity: String::new(),
            service: None,
            started_at,
            ended_at: None,
            detected_at: None,
            summary: String::new(),
            impact: String::new(),
            factors: Vec::new(),
            went_well: String::new(),
            timeline: Vec::new(),
            measures: Vec::new(),
            alert: None,
            outage: true,
            created_at,
        }
    }

    /// An incident from an alert episode: its name, severity, service and times filled in.
    /// `ongoing`: the alert still fires, so the incident has no end yet.
    pub fn from_episode(
        episode: &episodes::Episode,
        ongoing: bool,
        created_at: DateTime<FixedOffset>,
    ) -> Option<Incident> {
        let offset = *created_at.offset();
        let at = |t: f64| DateTime::from_timestamp(t as i64, 0).map(|d| d.with_timezone(&offset));
        // The problem began when the alert became active; it was detected when it fired.
        let began = episode.active_since.unwrap_or(episode.start);
        let mut incident = Incident::new(&episode.alertname, at(began)?, created_at);
        incident.ended_at = if ongoing { None } else { at(episode.end) };
        incident.detected_at = at(episode.start);
        incident.outage = episode.outage();
        incident.severity = episode.severity.clone().unwrap_or_default();
        incident.service = episode.service().map(str::to_string);
        incident.alert = Some(episode.fingerprint());
        Some(incident)
    }

    /// How long it lasted as of `at`: its length once ended by then, else how long it had
    /// been going on (never taken for a length: a stuck alert is not hours of downtime).
    pub fn lasted(&self, at: DateTime<FixedOffset>) -> Lasted {
        match self.ended_at {
            Some(end) if end <= at => Lasted::Ended(minutes_between(self.started_at, end)),
            _ => Lasted::Ongoing(minutes_between(self.started_at, at)),
        }
    }

    /// Time to detect: to the detected time, or the first "detected" moment.
    pub fn minutes_to_detect(&self) -> Option<i64> {
        let detected = self.detected_at.or_else(|| {
            self.timeline
                .iter()
                .find(|entry| entry.moment == Moment::Detected)
                .map(|entry| entry.at)
        })?;
        Some((detected - self.started_at).num_minutes().max(0))
    }

    /// Time to resolve: to its end.
    pub fn minutes_to_resolve(&self) -> Option<i64> {
        Some((self.ended_at? - self.started_at).num_minutes().max(0))
    }

    /// What is wrong with it for saving, if anything.
    pub fn problem(&self) -> Option<String> {
        if self.title.trim().is_empty() {
            return Some("title: it cannot be empty: what happened, in a few words".into());
        }
        let before_start = |what: &str, at: DateTime<FixedOffset>| {
            (at < self.started_at).then(|| {
                format!(
                    "{what} {} is before the start {}: fix one of them",
                    at.format("%-d %b %H:%M"),
                    self.started_at.format("%-d %b %H:%M")
                )
            })
        };
        self.ended_at
            .and_then(|end| before_start("end", end))
            .or_else(|| self.detected_at.and_then(|at| before_start("detected", at)))
    }
}

/// How long an incident lasted, as of a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lasted {
    /// It had ended: its length in minutes.
    Ended(i64),
    /// It was still going on, for this many minutes so far.
    Ongoing(i64),
}

impl Lasted {
    /// "42 min", "2 h 05 min", or "still going (3 h 10 min so far)".
    pub fn text(self) -> String {
        match self {
            Lasted::Ended(minutes) => minutes_text(minutes),
            Lasted::Ongoing(minutes) => format!("still going ({} so far)", minutes_text(minutes)),
        }
    }

    /// The same, short enough for a table column: "42 min", "going, 3 d 4 h".
    pub fn short(self) -> String {
        match self {
            Lasted::Ended(minutes) => minutes_text(minutes),
            Lasted::Ongoing(minutes) => format!("going, {}", minutes_text(minutes)),
        }
    }

    /// Its length, once it ended.
    pub fn minutes(self) -> Option<i64> {
        match self {
            Lasted::Ended(minutes) => Some(minutes),
            Lasted::Ongoing(_) => None,
        }
    }
}

/// "42 min", "2 h 05 min", "3 d 4 h" (from two days on, days and hours read better).
pub fn minutes_text(minutes: i64) -> String {
    match minutes {
        m if m < 60 => format!("{m} min"),
        m if m < 48 * 60 => format!("{} h {:02} min", m / 60, m % 60),
        m => format!("{} d {} h", m / (24 * 60), m % (24 * 60) / 60),
    }
}

fn minutes_between(from: DateTime<FixedOffset>, to: DateTime<FixedOffset>) -> i64 {
    (to - from).num_minutes().max(0)
}

/// What the incidents that started in `from..to` add up to, as of `to`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub count: usize,
    /// Minutes down, of the outages that had ended (an error-rate incident is not downtime).
    pub down_minutes: i64,
    /// Incidents still going on at `to` (their time is not counted as down: not known yet).
    pub ongoing: usize,
}

/// The count and downtime of `incidents` that started in `from..to`.
pub fn totals(
    incidents: &[Incident],
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
) -> Totals {
    let mut totals = Totals::default();
    for incident in incidents
        .iter()
        .filter(|i| i.started_at >= from && i.started_at < to)
    {
        totals.count += 1;
        match incident.lasted(to) {
            Lasted::Ended(minutes) if incident.outage => totals.down_minutes += minutes,
            Lasted::Ended(_) => {}
            Lasted::Ongoing(_) => totals.ongoing += 1,
        }
    }
    totals
}
