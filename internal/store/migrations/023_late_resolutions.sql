-- The board's late resolutions (LateResolutions) read work_items by
-- meeting_id IS NOT NULL. A full index on meeting_id holds one entry per
-- work item, nearly all NULL, and the planner preferred walking the
-- overdue items instead: a third of 100,000 rows, 25 ms a board. A
-- partial index holds only the resolutions, so the read is theirs alone.

DROP INDEX work_items_meeting;

CREATE INDEX work_items_meeting ON work_items (meeting_id) WHERE meeting_id IS NOT NULL;
