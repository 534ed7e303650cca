-- An email address for someone on the roster (optional): a published meeting's report is
-- mailed to the people on its attendance list who have one.
ALTER TABLE people ADD COLUMN email TEXT;
