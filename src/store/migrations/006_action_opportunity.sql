-- An action item can carry out an improvement opportunity (a quick win made an action).
ALTER TABLE action_items
    ADD COLUMN opportunity_id INTEGER REFERENCES opportunities (id) ON DELETE SET NULL;
