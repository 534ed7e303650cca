-- Improvement opportunities with every field of the five-stage process, their dependencies,
-- and the history of their status changes.
CREATE TABLE opportunities (
    id               INTEGER PRIMARY KEY,
    title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description      TEXT NOT NULL DEFAULT '',
    category         TEXT,
    source           TEXT,
    current_state    TEXT NOT NULL DEFAULT '',
    target_state     TEXT NOT NULL DEFAULT '',
    expected_benefit TEXT NOT NULL DEFAULT '',
    impact           INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    effort           INTEGER NOT NULL CHECK (effort BETWEEN 1 AND 5),
    risk             TEXT,
    confidence       INTEGER CHECK (confidence BETWEEN 0 AND 100),
    tasks            TEXT NOT NULL DEFAULT '[]',   -- JSON: [{"text": ..., "done": ...}]
    owner            TEXT,
    start_on         TEXT,
    target_on        TEXT,
    success_criteria TEXT NOT NULL DEFAULT '',
    before_value     REAL,
    before_note      TEXT NOT NULL DEFAULT '',
    before_query     TEXT,
    before_at        TEXT,
    after_value      REAL,
    after_note       TEXT NOT NULL DEFAULT '',
    after_query      TEXT,
    after_at         TEXT,
    user_feedback    TEXT NOT NULL DEFAULT '',
    cost             TEXT NOT NULL DEFAULT '',
    what_changed     TEXT NOT NULL DEFAULT '',
    why_changed      TEXT NOT NULL DEFAULT '',
    results          TEXT NOT NULL DEFAULT '',
    lessons          TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'identified',
    drop_reason      TEXT,
    meeting_id       INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    section          TEXT,
    created_at       TEXT NOT NULL
);

CREATE TABLE opportunity_dependencies (
    opportunity_id INTEGER NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    depends_on     INTEGER NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    PRIMARY KEY (opportunity_id, depends_on)
);

CREATE TABLE opportunity_history (
    opportunity_id INTEGER NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    at             TEXT NOT NULL,
    status         TEXT NOT NULL,
    note           TEXT
);
