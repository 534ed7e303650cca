-- Teams: a store may hold several, each with its own roster, meetings, action items,
-- opportunities and incidents (and the alerts and findings it set aside). A store of one
-- team has only the first, "default", and never names it.
CREATE TABLE teams (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)
);
INSERT INTO teams (id, name) VALUES (1, 'default');

ALTER TABLE meetings ADD COLUMN team_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE action_items ADD COLUMN team_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE opportunities ADD COLUMN team_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE incidents ADD COLUMN team_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX meetings_by_team ON meetings (team_id, cycle, held_on);
CREATE INDEX action_items_by_team ON action_items (team_id, status, due_on);
CREATE INDEX opportunities_by_team ON opportunities (team_id);
CREATE INDEX incidents_by_team ON incidents (team_id, started_at);

-- A name is unique within its team: two teams may each have an Ana. SQLite cannot change a
-- column's constraint, so the table is made again (ids kept; the items pointing at them
-- are checked when the migration commits).
PRAGMA defer_foreign_keys = ON;
CREATE TABLE people_by_team (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
    handle  TEXT,
    left_at TEXT,
    email   TEXT,
    team_id INTEGER NOT NULL DEFAULT 1,
    UNIQUE (team_id, name)
);
INSERT INTO people_by_team (id, name, handle, left_at, email)
    SELECT id, name, handle, left_at, email FROM people ORDER BY id;
DROP TABLE people;
ALTER TABLE people_by_team RENAME TO people;

-- What a team dismissed or marked expected is its own.
CREATE TABLE dismissed_by_team (
    fingerprint TEXT NOT NULL,
    start       REAL NOT NULL,
    team_id     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (team_id, fingerprint, start)
);
INSERT INTO dismissed_by_team (fingerprint, start) SELECT fingerprint, start FROM dismissed_alerts;
DROP TABLE dismissed_alerts;
ALTER TABLE dismissed_by_team RENAME TO dismissed_alerts;

CREATE TABLE expected_by_team (
    series_key TEXT NOT NULL,
    kind       TEXT NOT NULL,
    start      REAL NOT NULL,
    end        REAL NOT NULL,
    marked_at  TEXT NOT NULL,
    team_id    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (team_id, series_key, kind, start)
);
INSERT INTO expected_by_team (series_key, kind, start, end, marked_at)
    SELECT series_key, kind, start, end, marked_at FROM expected_findings ORDER BY rowid;
DROP TABLE expected_findings;
ALTER TABLE expected_by_team RENAME TO expected_findings;
