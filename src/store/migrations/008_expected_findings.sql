-- Findings the room marked as expected: not raised again for the same series and stretch.
CREATE TABLE expected_findings (
    series_key TEXT NOT NULL,              -- the query and the series' name
    kind       TEXT NOT NULL,              -- outlier, level shift, ...
    start      REAL NOT NULL,              -- unix seconds
    end        REAL NOT NULL,
    marked_at  TEXT NOT NULL,              -- RFC 3339
    PRIMARY KEY (series_key, kind, start)
);
