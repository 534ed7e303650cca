-- On a cycle's first meeting there is no earlier meeting to compare with, so each panel is
-- compared with Prometheus's value one period back: kept with the value, and when that was,
-- so the report says what the change is against.
ALTER TABLE panel_values ADD COLUMN before REAL;
ALTER TABLE panel_values ADD COLUMN before_at REAL;
