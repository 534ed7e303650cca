-- Where each meeting was published (a docs repository, a chat webhook, email): one row per
-- meeting and target, queued when the meeting ends and updated by every attempt. A row not
-- done is tried again after a wait that grows with its attempts; a done one is never sent
-- again unless asked. Exported with the rest, so a restored database knows what was sent.
CREATE TABLE publications (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    target      TEXT NOT NULL CHECK (target IN ('git', 'webhook', 'email')),
    done        INTEGER NOT NULL DEFAULT 0,
    detail      TEXT NOT NULL DEFAULT '',
    attempts    INTEGER NOT NULL DEFAULT 0,
    tried_at    TEXT,
    PRIMARY KEY (meeting_id, target)
);
