-- An action item pushed to the team's tracker (GitHub or GitLab issues): which issue it is,
-- and its state when last seen, so a sync can close the item when the issue is closed.
CREATE TABLE tracker_issues (
    item_id    INTEGER PRIMARY KEY REFERENCES action_items (id) ON DELETE CASCADE,
    tracker    TEXT NOT NULL CHECK (tracker IN ('github', 'gitlab')),
    project    TEXT NOT NULL,
    number     INTEGER NOT NULL,
    url        TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('open', 'closed')),
    synced_at  TEXT NOT NULL
);
