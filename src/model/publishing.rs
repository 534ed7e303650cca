//! Publishing from the app: an ended meeting is queued for the config's targets, published
//! once its summary closes (the rating is in the report), `P` publishes a meeting on demand
//! (its summary, or the history), and what failed before is tried again, waiting longer after
//! each failure. What
//! each target did is said; nothing here waits for the network.

use super::{Model, Screen};
use crate::change::Change;
use crate::effect::Effect;
use crate::publish::run::{Ask, Published};

/// How often queued publications are looked at again (each waits longer after each failed
/// try: see `store::publications::due`).
const EVERY_SECS: i64 = 20;

impl Model {
    /// At a meeting's end: its publication queued, when the config publishes on end.
    pub(super) fn queue_publication(&self, meeting: i64) -> Vec<Effect> {
        if self.publish_targets.is_empty() || !self.publish_on_end || self.demo {
            return Vec::new();
        }
        vec![Effect::Persist(Change::QueuePublications {
            meeting,
            targets: self.publish_targets.iter().map(|t| t.key()).collect(),
        })]
    }

    /// `P`: this meeting to every target now.
    pub(super) fn publish_meeting(&mut self, meeting: i64) -> Vec<Effect> {
        if self.demo {
            self.say("The demo publishes nothing");
            return Vec::new();
        }
        if self.publish_targets.is_empty() {
            self.say(
                "Nothing to publish to: add [publish.git], [publish.webhook] or [publish.email] \
                 to the config file (README: Publishing)",
            );
            return Vec::new();
        }
        self.say("Publishing…");
        vec![Effect::Publish(Ask::Meeting(meeting))]
    }

    /// What waits to be published, now (a summary closed) or every minute; a meeting whose
    /// summary is on screen waits for it to close.
    pub(super) fn publish_due(&mut self, now_or_later: bool) -> Vec<Effect> {
        if self.publish_targets.is_empty() || self.demo {
            return Vec::new();
        }
        let due = now_or_later
            || self
                .publish_checked_at
                .is_none_or(|at| (self.now - at).num_seconds() >= EVERY_SECS);
        if !due {
            return Vec::new();
        }
        self.publish_checked_at = Some(self.now);
        let hold = match self.screen {
            Screen::Summary => self.meeting().and_then(|m| m.id),
            _ => None,
        };
        vec![Effect::Publish(Ask::Due { hold })]
    }

    /// `T` in the action list: the item to the tracker.
    pub(super) fn push_to_tracker(&mut self, item: Option<i64>) -> Vec<Effect> {
        if self.tracker == super::Tracking::Off {
            self.say(
                "No tracker: add [tracker] with kind, project and token_env to the config file \
                 (README: Action items to the tracker)",
            );
            return Vec::new();
        }
        match item.filter(|id| *id > 0) {
            Some(id) => {
                self.say("Pushing…");
                vec![Effect::PushAction(id)]
            }
            None => {
                self.say("Nothing to push: choose a saved item");
                Vec::new()
            }
        }
    }

    /// Items done because their issues were closed: said, and the list read again.
    pub(super) fn tracker_synced(&mut self, result: Result<Vec<String>, String>) -> Vec<Effect> {
        match result {
            Ok(closed) if closed.is_empty() => Vec::new(),
            Ok(closed) => {
                self.say(format!(
                    "Done in the tracker, so done here: {}",
                    closed.join(" · ")
                ));
                vec![Effect::LoadActions]
            }
            Err(why) => {
                self.say(format!("Could not read the tracker: {why}"));
                Vec::new()
            }
        }
    }

    /// What each target did, in one line: the failures first (they are kept and tried again).
    pub(super) fn published(&mut self, result: Result<Published, String>) -> Vec<Effect> {
        let published = match result {
            Ok(published) => published,
            Err(why) => {
                self.say(format!("Could not publish: {why}"));
                return Vec::new();
            }
        };
        for meeting in published {
            let (title, outcomes) = (meeting.title, meeting.outcomes);
            let failed: Vec<String> = outcomes
                .iter()
                .filter_map(|o| {
                    o.result
                        .as_ref()
                        .err()
                        .map(|why| format!("{}: {why}", o.target))
                })
                .collect();
            let done: Vec<String> = outcomes
                .iter()
                .filter(|o| o.result.is_ok())
                .map(|o| o.target.to_string())
                .collect();
            let text = match (failed.is_empty(), done.is_empty()) {
                (true, _) => format!("{title} published to {}", done.join(", ")),
                (false, true) => format!(
                    "{title} NOT PUBLISHED (tried again soon): {}",
                    failed.join(" · ")
                ),
                (false, false) => format!(
                    "{title} published to {}; NOT to {} (tried again soon)",
                    done.join(", "),
                    failed.join(" · ")
                ),
            };
            self.say(text);
        }
        Vec::new()
    }
}
