-- The improvement checklist items a meeting ticked: by category (as the template names it)
-- and item text, so a report reads as the meeting left it even if the template changes.
CREATE TABLE checklist_ticks (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    category    TEXT NOT NULL,
    item        TEXT NOT NULL,
    PRIMARY KEY (meeting_id, category, item)
);
