-- Meetings held and the run of each agenda section within them.
CREATE TABLE meetings (
    id          INTEGER PRIMARY KEY,
    cycle       TEXT NOT NULL,            -- the cycle template's key, e.g. 'weekly'
    held_on     TEXT NOT NULL,            -- local calendar date, YYYY-MM-DD
    started_at  TEXT NOT NULL,            -- RFC 3339 wall-clock instant
    ended_at    TEXT,                     -- NULL while the meeting runs
    rating      INTEGER CHECK (rating BETWEEN 1 AND 10)
);
CREATE INDEX meetings_by_cycle ON meetings (cycle, held_on);

CREATE TABLE section_runs (
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,     -- 0-based order in the agenda
    title           TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes > 0),
    spent_ms        INTEGER NOT NULL DEFAULT 0,
    running_since   TEXT,                 -- RFC 3339 instant while its timer runs
    notes           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, position)
);
