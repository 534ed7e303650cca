-- What the meeting runner needs to resume a meeting exactly where it was.
ALTER TABLE meetings ADD COLUMN cycle_name TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN current_position INTEGER NOT NULL DEFAULT 0;

-- planned_minutes stays the template's plan; planned_seconds is the timebox in force.
ALTER TABLE section_runs ADD COLUMN planned_seconds INTEGER NOT NULL DEFAULT 0;
UPDATE section_runs SET planned_seconds = planned_minutes * 60;
ALTER TABLE section_runs ADD COLUMN visited INTEGER NOT NULL DEFAULT 0;

CREATE TABLE attendees (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    present    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (meeting_id, position)
);
