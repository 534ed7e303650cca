-- The team roster and the action items meetings hand out, with what happened to each.
CREATE TABLE people (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    handle TEXT                              -- e.g. a chat handle, optional
);

CREATE TABLE action_items (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    owner_id    INTEGER NOT NULL REFERENCES people (id),
    due_on      TEXT NOT NULL,               -- YYYY-MM-DD
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    drop_reason TEXT,
    meeting_id  INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    section     TEXT,                        -- the agenda section it was created in
    created_at  TEXT NOT NULL                -- RFC 3339
);
CREATE INDEX action_items_by_status ON action_items (status, due_on);

CREATE TABLE action_history (
    item_id    INTEGER NOT NULL REFERENCES action_items (id) ON DELETE CASCADE,
    at         TEXT NOT NULL,                -- RFC 3339
    meeting_id INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    event      TEXT NOT NULL CHECK (event IN
                   ('created', 'carried', 'reassigned', 'rescheduled', 'done', 'dropped')),
    detail     TEXT
);
CREATE INDEX action_history_by_item ON action_history (item_id);
