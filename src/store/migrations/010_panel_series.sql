-- Every series of a panel is kept with its labels, and a panel that had no data is kept as
-- such (value NULL), so reports never show a value nobody saw nor lose a series' name; a
-- panel's forecast and a section's findings are kept as the room saw them, for the report.
CREATE TABLE panel_values_by_series (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,          -- the section's place in the agenda
    section     TEXT NOT NULL,
    panel       TEXT NOT NULL,
    series      TEXT NOT NULL DEFAULT '',  -- the series' labels, {job="api"}; '' for a panel's one value
    name        TEXT NOT NULL DEFAULT '',  -- what the screen called the series (its legend)
    query       TEXT NOT NULL,             -- the PromQL, so every number can be traced
    value       REAL,                      -- NULL: no data (or not a number)
    range_start REAL NOT NULL,             -- unix seconds
    range_end   REAL NOT NULL,
    fetched_at  TEXT NOT NULL,             -- RFC 3339
    forecast    TEXT,                      -- the forecast as the panel said it, if it has one
    PRIMARY KEY (meeting_id, section, panel, series)
);
INSERT INTO panel_values_by_series
    (meeting_id, position, section, panel, series, name, query, value, range_start, range_end,
     fetched_at)
SELECT meeting_id, position, section, panel, '', '', query, value, range_start, range_end,
       fetched_at
FROM panel_values;
DROP TABLE panel_values;
ALTER TABLE panel_values_by_series RENAME TO panel_values;

-- What a section's scan listed when the section ended (those marked expected left out).
CREATE TABLE meeting_findings (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,          -- the section's place in the agenda
    rank        INTEGER NOT NULL,          -- 0 for the most significant
    section     TEXT NOT NULL,
    panel       TEXT NOT NULL,
    series      TEXT NOT NULL,             -- the series' name as listed
    query       TEXT NOT NULL,
    kind        TEXT NOT NULL,             -- outlier, shift, trend, seasonal, breach
    reason      TEXT NOT NULL,             -- the sentence the room read
    start       REAL NOT NULL,             -- unix seconds
    end         REAL NOT NULL,
    score       REAL NOT NULL,
    PRIMARY KEY (meeting_id, position, rank)
);
