-- An index for every foreign key that is looked up or checked: without one, each lookup
-- (an opportunity's history, an item's meeting, a cascade on delete, the import's foreign-key
-- checks) scans the whole table, and years of history make every such path quadratic.
CREATE INDEX IF NOT EXISTS action_items_by_owner ON action_items (owner_id);
CREATE INDEX IF NOT EXISTS action_items_by_meeting ON action_items (meeting_id);
CREATE INDEX IF NOT EXISTS action_items_by_opportunity ON action_items (opportunity_id);
CREATE INDEX IF NOT EXISTS action_history_by_meeting ON action_history (meeting_id);
CREATE INDEX IF NOT EXISTS opportunities_by_meeting ON opportunities (meeting_id);
CREATE INDEX IF NOT EXISTS opportunity_dependencies_by_target
    ON opportunity_dependencies (depends_on);
CREATE INDEX IF NOT EXISTS opportunity_history_by_opportunity
    ON opportunity_history (opportunity_id);
CREATE INDEX IF NOT EXISTS incident_timeline_by_incident ON incident_timeline (incident_id);
CREATE INDEX IF NOT EXISTS incident_measures_by_incident ON incident_measures (incident_id);
CREATE INDEX IF NOT EXISTS incident_measures_by_action ON incident_measures (action_item_id);
CREATE INDEX IF NOT EXISTS incident_measures_by_opportunity ON incident_measures (opportunity_id);
