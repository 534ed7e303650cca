//! A meeting being held: its sections' timers, which one is current, attendance, and the
//! projections the facilitator steers by (elapsed, projected end, ahead or behind).

pub mod timer;

use crate::cycles::Cycle;
use crate::cycles::panel::Panel;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use timer::SectionTimer;

/// One agenda section as it runs in this meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionRun {
    pub title: String,
    pub talking_points: Vec<String>,
    /// The metric panels the template gives this section (not stored: they come from it).
    pub panels: Vec<Panel>,
    /// The room triages opportunities here (from the template, not stored).
    pub prioritize: bool,
    /// The queries scanned for anomalies here (from the template, not stored).
    pub scan: Vec<Panel>,
    /// The period's incidents are reviewed here (from the template, not stored).
    pub incidents: bool,
    /// The template's timebox, kept beside any change so the original plan stays visible.
    pub original_secs: i64,
    pub timer: SectionTimer,
    /// Entered at least once: its actual time counts instead of its plan.
    pub visited: bool,
    pub notes: String,
    /// The bell has rung for this section (it rings once, at zero).
    pub bell_rung: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attendee {
    pub name: String,
    pub present: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Meeting {
    /// The database's id, known once the meeting is stored.
    pub id: Option<i64>,
    pub cycle_key: String,
    pub cycle_name: String,
    pub held_on: NaiveDate,
    pub started_at: DateTime<FixedOffset>,
    pub ended_at: Option<DateTime<FixedOffset>>,
    pub sections: Vec<SectionRun>,
    pub current: usize,
    pub attendees: Vec<Attendee>,
    pub rating: Option<u8>,
    /// Who ran it (for the report).
    pub facilitator: Option<String>,
    /// The improvement checklist items it ticked: (category, item).
    pub ticked: std::collections::BTreeSet<(String, String)>,
}

/// What a section's notes hold at most (and any text field an import may bring): pages of
/// text, yet small enough that drawing and saving them never holds the screen.
pub const NOTES_LIMIT: usize = 64 * 1024;

/// The title of the step that reviews open action items before the agenda.
pub const FOLLOW_UPS: &str = "Follow-ups";

/// Why the remaining sections could not be rebalanced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RebalanceRefusal {
    OnTime,
    NothingLeft,
}

impl Meeting {
    /// A new meeting of `cycle`, not yet in any section; with `followups`, it opens with the
    /// Follow-ups step (its minutes taken from the section that covers follow-ups, so the
    /// meeting keeps the cycle's length).
    /// Attendance lists the team roster: the cycle's participants ("Operations team") say
    /// who is invited, and are groups, not people to tick.
    pub fn new(
        cycle: &Cycle,
        now: DateTime<FixedOffset>,
        followups: bool,
        roster: &[String],
    ) -> Meeting {
        // The agenda's sections follow the Follow-ups step in the template's order.
        let mut agenda = cycle.sections.iter();
        let sections = cycle
            .steps(followups)
            .into_iter()
            .map(|step| {
                let secs = i64::from(step.minutes) * 60;
                let section = if step.followups { None } else { agenda.next() };
                SectionRun {
                    title: step.title.to_string(),
                    talking_points: match section {
                        Some(section) => section.talking_points.clone(),
                        None => vec![
                            "Every open action item from earlier meetings: done, carried over, \
                             reassigned, rescheduled or dropped"
                                .to_string(),
                        ],
                    },
                    panels: section.map(|s| s.panels.clone()).unwrap_or_default(),
                    prioritize: section.is_some_and(|s| s.prioritize),
                    scan: section.map(|s| s.scan.clone()).unwrap_or_default(),
                    incidents: section.is_some_and(|s| s.incidents),
                    original_secs: secs,
                    timer: SectionTimer::new(secs),
                    visited: false,
                    notes: String::new(),
                    bell_rung: false,
                }
            })
            .collect();
        Meeting {
            id: None,
            cycle_key: cycle.key.clone(),
            cycle_name: cycle.name.clone(),
            held_on: now.date_naive(),
            started_at: now,
            ended_at: None,
            sections,
            current: 0,
            attendees: roster
                .iter()
                .map(|name| Attendee {
                    name: name.clone(),
                    present: true,
                })
                .collect(),
            rating: None,
            facilitator: None,
            ticked: Default::default(),
        }
    }

    /// Whether the current section is the Follow-ups step.
    pub fn in_followups(&self) -> bool {
        self.current == 0 && self.sections.first().is_some_and(|s| s.title == FOLLOW_UPS)
    }

    pub fn current_run(&self) -> &SectionRun {
        &self.sections[self.current.min(self.sections.len().saturating_sub(1))]
    }

    fn current_run_mut(&mut self) -> &mut SectionRun {
        let index = self.current.min(self.sections.len().saturating_sub(1));
        &mut self.sections[index]
    }

    pub fn is_paused(&self) -> bool {
        !self.current_run().timer.is_running()
    }

    /// The whole meeting's time budget: the template's plan.
    pub fn budget_secs(&self) -> i64 {
        self.sections.iter().map(|s| s.original_secs).sum()
    }

    /// Time spent in sections so far (pauses do not count).
    pub fn elapsed_secs(&self, now: DateTime<FixedOffset>) -> i64 {
        self.sections.iter().map(|s| s.timer.spent_secs(now)).sum()
    }

    /// How long the meeting will take if every section still to come keeps its timebox:
    /// sections left behind took what they took; the current one, and every one not entered
    /// yet (after it, or jumped over to come back to), take at least their timebox.
    pub fn projected_secs(&self, now: DateTime<FixedOffset>) -> i64 {
        self.sections
            .iter()
            .enumerate()
            .map(|(index, run)| {
                let spent = run.timer.spent_secs(now);
                if self.ended_at.is_some() || (index < self.current && run.visited) {
                    spent
                } else {
                    spent.max(run.timer.planned_secs)
                }
            })
            .sum()
    }

    /// The sections still to come: not entered yet, after the current one or jumped over.
    fn still_to_come(&self) -> Vec<usize> {
        (0..self.sections.len())
            .filter(|&index| index != self.current && !self.sections[index].visited)
            .collect()
    }

    /// Seconds behind the budget (negative when ahead).
    pub fn behind_secs(&self, now: DateTime<FixedOffset>) -> i64 {
        self.projected_secs(now) - self.budget_secs()
    }

    /// When the meeting will end at this pace.
    pub fn projected_end(&self, now: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        now + Duration::seconds(self.projected_secs(now) - self.elapsed_secs(now))
    }

    /// Leaves the current section (keeping its time) and enters `index`, starting its
    /// clock when `auto_start` is on. Returns the sections whose timers changed.
    pub fn go_to(
        &mut self,
        index: usize,
        now: DateTime<FixedOffset>,
        auto_start: bool,
    ) -> Vec<usize> {
        let index = index.min(self.sections.len().saturating_sub(1));
        let previous = self.current;
        self.current_run_mut().timer.stop(now);
        self.current = index;
        let run = self.current_run_mut();
        run.visited = true;
        if auto_start {
            run.timer.start(now);
        }
        // A section entered already past its timebox must not ring late.
        if run.timer.remaining_secs(now) <= 0 {
            run.bell_rung = true;
        }
        if previous == index {
            vec![index]
        } else {
            vec![previous, index]
        }
    }

    pub fn toggle_pause(&mut self, now: DateTime<FixedOffset>) {
        let timer = &mut self.current_run_mut().timer;
        if timer.is_running() {
            timer.stop(now);
        } else {
            timer.start(now);
        }
    }

    /// Adds or takes seconds from the current section's timebox.
    pub fn adjust_current(&mut self, secs: i64) {
        self.current_run_mut().timer.adjust(secs);
    }

    /// True once, when the current running section reaches zero: the caller rings the bell.
    pub fn bell_due(&mut self, now: DateTime<FixedOffset>) -> bool {
        let run = self.current_run_mut();
        let due = !run.bell_rung && run.timer.is_running() && run.timer.remaining_secs(now) <= 0;
        if due {
            run.bell_rung = true;
        }
        due
    }

    /// Shrinks the sections still to come in proportion so the meeting ends on budget.
    /// Returns the sections changed and whether the budget could be met.
    pub fn rebalance(
        &mut self,
        now: DateTime<FixedOffset>,
    ) -> Result<(Vec<usize>, bool), RebalanceRefusal> {
        let behind = self.behind_secs(now);
        if behind <= 0 {
            return Err(RebalanceRefusal::OnTime);
        }
        let later = self.still_to_come();
        if later.is_empty() {
            return Err(RebalanceRefusal::NothingLeft);
        }
        let plans: Vec<i64> = later
            .iter()
            .map(|&i| self.sections[i].timer.planned_secs)
            .collect();
        // Whole minutes, rounded so the sections give back at least what is behind.
        let available_minutes = (plans.iter().sum::<i64>() - behind).div_euclid(60);
        let minutes = share_minutes(&plans, available_minutes);
        let fits = minutes.iter().sum::<i64>() <= available_minutes;
        for (&index, minutes) in later.iter().zip(minutes) {
            self.sections[index].timer.planned_secs = minutes * 60;
        }
        Ok((later, fits))
    }

    pub fn set_current_notes(&mut self, notes: String) {
        self.current_run_mut().notes = notes;
    }

    /// After loading from the store: talking points come from the cycle's template (they are
    /// not stored), and sections already past zero do not ring again.
    pub fn prepare_resumed(&mut self, cycle: Option<&Cycle>, now: DateTime<FixedOffset>) {
        let offset = usize::from(self.sections.first().is_some_and(|s| s.title == FOLLOW_UPS));
        for (index, run) in self.sections.iter_mut().enumerate() {
            let template = index
                .checked_sub(offset)
                .and_then(|index| cycle.and_then(|c| c.sections.get(index)));
            if let Some(section) = template.filter(|s| s.title == run.title) {
                run.talking_points = section.talking_points.clone();
                run.panels = section.panels.clone();
                run.prioritize = section.prioritize;
                run.scan = section.scan.clone();
                run.incidents = section.incidents;
            }
            run.bell_rung = run.visited && run.timer.remaining_secs(now) <= 0;
        }
    }

    /// Ends the meeting: the current clock stops where it is.
    pub fn end(&mut self, now: DateTime<FixedOffset>) {
        self.current_run_mut().timer.stop(now);
        self.ended_at = Some(now);
    }
}

/// Splits `total` whole minutes across sections in proportion to their plans (largest
/// remainder first), giving each at least one minute.
fn share_minutes(plans: &[i64], total: i64) -> Vec<i64> {
    let sum: i64 = plans.iter().sum::<i64>().max(1);
    let total = total.max(0);
    let exact: Vec<(i64, i64)> = plans
        .iter()
        .map(|plan| ((plan * total) / sum, (plan * total) % sum))
        .collect();
    let mut minutes: Vec<i64> = exact.iter().map(|(whole, _)| *whole).collect();
    let mut leftover = total - minutes.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..plans.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(exact[i].1));
    for &i in order.iter().cycle().take(plans.len() * 2) {
        if leftover <= 0 {
            break;
        }
        minutes[i] += 1;
        leftover -= 1;
    }
    minutes.iter().map(|m| (*m).max(1)).collect()
}

/// What panels showed at one earlier meeting: (section title, panel title) to value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PreviousMeeting {
    pub held_on: chrono::NaiveDate,
    /// By section, panel and series (its labels; empty for a panel's one value).
    pub values: std::collections::HashMap<(String, String, String), f64>,
}

/// Each cycle's latest ended meeting with panel values, by cycle key.
pub type PreviousValues = std::collections::HashMap<String, PreviousMeeting>;
