-- Someone who leaves the roster keeps their name on the items they finished or dropped:
-- they are marked as left instead of deleted, and come back if added again.
ALTER TABLE people ADD COLUMN left_at TEXT;
