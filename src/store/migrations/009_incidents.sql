-- Incidents for the Incident Review: what happened, blamelessly, and what was learned.
CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    severity    TEXT NOT NULL DEFAULT '',
    service     TEXT,
    started_at  TEXT NOT NULL,            -- RFC 3339
    ended_at    TEXT,                     -- NULL while it goes on
    detected_at TEXT,
    summary     TEXT NOT NULL DEFAULT '',
    impact      TEXT NOT NULL DEFAULT '',
    factors     TEXT NOT NULL DEFAULT '[]', -- contributing factors, a JSON list of text
    went_well   TEXT NOT NULL DEFAULT '',
    alert       TEXT,                     -- the alert episode it came from, if any
    created_at  TEXT NOT NULL
);
CREATE INDEX incidents_by_start ON incidents (started_at);

-- Marked moments: detected, diagnosed, mitigated, resolved, other.
CREATE TABLE incident_timeline (
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('detected', 'diagnosed', 'mitigated', 'resolved', 'other')),
    note        TEXT NOT NULL DEFAULT ''
);

-- Prevention measures: each an action item or an opportunity.
CREATE TABLE incident_measures (
    incident_id    INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    action_item_id INTEGER REFERENCES action_items (id) ON DELETE CASCADE,
    opportunity_id INTEGER REFERENCES opportunities (id) ON DELETE CASCADE,
    CHECK ((action_item_id IS NULL) != (opportunity_id IS NULL))
);

-- Alert episodes the room dismissed as not incidents.
CREATE TABLE dismissed_alerts (
    fingerprint TEXT NOT NULL,
    start       REAL NOT NULL,
    PRIMARY KEY (fingerprint, start)
);
