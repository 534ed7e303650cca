//! Pushing an action item and syncing pushed ones, as `kaizen actions push|sync` do it: the
//! store read and written here (its calls are quick and local), the tracker asked over the
//! network.

use super::Tracker;
use crate::actions::Status;
use crate::store::Store;
use crate::store::tracker_issues::TrackerIssue;
use chrono::{DateTime, FixedOffset};

/// Pushes item `id` as an issue; its issue if it was pushed before (never twice).
pub async fn push(
    store: &Store,
    tracker: &Tracker,
    id: i64,
    now: DateTime<FixedOffset>,
) -> Result<(TrackerIssue, bool), String> {
    let fail = |err: crate::store::StoreError| err.to_string();
    if let Some(issue) = store.tracker_issue(id).map_err(fail)? {
        return Ok((issue, false));
    }
    let item = store
        .action(id)
        .map_err(fail)?
        .ok_or_else(|| format!("there is no action item {id}: `kaizen actions` lists them"))?;
    if item.status != Status::Open {
        return Err(format!(
            "action item {id} is {}: only open items are pushed",
            item.status.as_str()
        ));
    }
    let handle_of_owner = store
        .roster()
        .map_err(fail)?
        .into_iter()
        .find(|person| person.name == item.owner)
        .and_then(|person| person.handle)
        .map(|handle| handle.trim_start_matches('@').to_string());
    let created = tracker.create(&item, handle_of_owner.as_deref()).await?;
    let issue = TrackerIssue {
        item_id: id,
        tracker: tracker.kind.key().into(),
        project: tracker.project.clone(),
        number: created.number,
        url: created.url,
        state: "open".into(),
        synced_at: now,
    };
    store.save_tracker_issue(&issue).map_err(fail)?;
    tracing::info!(item = id, issue = %issue.reference(), "action item pushed");
    Ok((issue, true))
}

/// What a sync found of one pushed item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synced {
    pub issue: TrackerIssue,
    pub title: String,
    /// Closed there, so done here now; or still open; or why it could not be read.
    pub result: Result<bool, String>,
}

/// Reads back every pushed item still open here: a closed issue is a done item, its history
/// saying where. One that cannot be read is said and left as it is.
pub async fn sync(
    store: &mut Store,
    tracker: &Tracker,
    now: DateTime<FixedOffset>,
) -> Result<Vec<Synced>, String> {
    let fail = |err: crate::store::StoreError| err.to_string();
    let mut synced = Vec::new();
    for issue in store.open_tracker_issues().map_err(fail)? {
        // An issue of another tracker (the config changed) is left alone.
        if issue.tracker != tracker.kind.key() || issue.project != tracker.project {
            continue;
        }
        let title = store
            .action(issue.item_id)
            .map_err(fail)?
            .map(|item| item.title)
            .unwrap_or_default();
        let result = match tracker.closed(issue.number).await {
            Ok(true) => store.close_from_tracker(&issue, now).map_err(fail),
            Ok(false) => {
                let seen = TrackerIssue {
                    synced_at: now,
                    ..issue.clone()
                };
                store.save_tracker_issue(&seen).map_err(fail)?;
                Ok(false)
            }
            Err(why) => Err(why),
        };
        synced.push(Synced {
            issue,
            title,
            result,
        });
    }
    Ok(synced)
}
