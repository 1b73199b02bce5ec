-- Open work, the home page's three lists (my open work, overdue, due this
-- month), and late work, the overdue lists, in indexes that hold nothing
-- else. Walking work_items_due_asc for
-- a province's first ten open items passed the done work first: the oldest
-- due dates are mostly done, 6,457 entries at 100,000 items, ten times as
-- many as at 10,000. Counting a unit's open work looked up every row for
-- its status. Here the walk starts at the first open item, and the count
-- reads a unit's open entries alone.
--
-- The predicate is spelled exactly as worklist.go's openWork, so that both
-- planners see the query's condition is the index's own.
CREATE INDEX work_items_open_due ON work_items (COALESCE(due_date, '9999-99-99'), id,
    owner_unit_id, late_from, status, derived_status)
    WHERE (CASE WHEN derived_status = '' OR derived_status = status OR status = 'cancelled'
    OR (status = 'delayed' AND derived_status = 'in_progress') THEN status ELSE derived_status END) NOT IN ('done', 'cancelled');
CREATE INDEX work_items_open_owner ON work_items (owner_unit_id, id, late_from, status, derived_status)
    WHERE (CASE WHEN derived_status = '' OR derived_status = status OR status = 'cancelled'
    OR (status = 'delayed' AND derived_status = 'in_progress') THEN status ELSE derived_status END) NOT IN ('done', 'cancelled');

-- Late work (late_from is NULL on closed work and on open work with no
-- due date anywhere under it), in due-date order: the overdue list walked
-- work_items_due_asc past the same done work, 6,343 entries for its first
-- fifty. The walk's overdue condition (late_from || '' < today, spelled so
-- that no index on late_from serves it: worklist.go) is strict in
-- late_from, so both planners see it implies the predicate.
CREATE INDEX work_items_late_due ON work_items (COALESCE(due_date, '9999-99-99'), id,
    owner_unit_id, late_from) WHERE late_from IS NOT NULL;
