-- What each metric panel showed when its section ended, to compare with the next meeting.
CREATE TABLE panel_values (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,          -- the section's place in the agenda
    section     TEXT NOT NULL,
    panel       TEXT NOT NULL,
    query       TEXT NOT NULL,             -- the PromQL, so every number can be traced
    value       REAL,                      -- NULL when the value was NaN
    range_start REAL NOT NULL,             -- unix seconds
    range_end   REAL NOT NULL,
    fetched_at  TEXT NOT NULL,             -- RFC 3339
    PRIMARY KEY (meeting_id, section, panel)
);
