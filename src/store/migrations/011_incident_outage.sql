-- Only outages count as downtime: an incident of errors or slowness is an incident, not
-- minutes down. Incidents kept before this counted as downtime, and still do.
ALTER TABLE incidents ADD COLUMN outage INTEGER NOT NULL DEFAULT 1 CHECK (outage IN (0, 1));
