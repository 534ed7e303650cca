-- Who ran the meeting, for its report (the config's [meeting] facilitator, or the login name).
ALTER TABLE meetings ADD COLUMN facilitator TEXT;
