//! A section's countdown, kept as wall-clock facts (when it started running, how much it had
//! spent before) so it survives a crash: the time left is computed, never counted down.

use chrono::{DateTime, FixedOffset};

/// One section's clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionTimer {
    /// The timebox now in force, in seconds (after minutes added or taken and rebalancing).
    pub planned_secs: i64,
    /// Time spent in earlier running stretches, in milliseconds.
    pub spent_ms: i64,
    /// When the current running stretch began; `None` while paused or not current.
    pub running_since: Option<DateTime<FixedOffset>>,
}

impl SectionTimer {
    pub fn new(planned_secs: i64) -> SectionTimer {
        SectionTimer {
            planned_secs,
            spent_ms: 0,
            running_since: None,
        }
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Milliseconds spent in the section as of `now`.
    pub fn spent_ms(&self, now: DateTime<FixedOffset>) -> i64 {
        let running = self
            .running_since
            // A clock that jumped backwards must not make time spent shrink.
            .map_or(0, |since| (now - since).num_milliseconds().max(0));
        self.spent_ms + running
    }

    /// Whole seconds spent as of `now`.
    pub fn spent_secs(&self, now: DateTime<FixedOffset>) -> i64 {
        self.spent_ms(now).div_euclid(1000)
    }

    /// Seconds left in the timebox; negative once over time.
    pub fn remaining_secs(&self, now: DateTime<FixedOffset>) -> i64 {
        self.planned_secs - self.spent_secs(now)
    }

    pub fn start(&mut self, now: DateTime<FixedOffset>) {
        if self.running_since.is_none() {
            self.running_since = Some(now);
        }
    }

    pub fn stop(&mut self, now: DateTime<FixedOffset>) {
        self.spent_ms = self.spent_ms(now);
        self.running_since = None;
    }

    /// Adds (or with a negative number takes) seconds from the timebox, never below a minute.
    pub fn adjust(&mut self, secs: i64) {
        self.planned_secs = (self.planned_secs + secs).max(60);
    }
}
