-- A work list sorted by shown status walks this index as the due-date
-- sorts walk theirs (008_worklist.sql): the key is spelled exactly as
-- worklist.go's shownStatus, so that no writer keeps a copy of it, and the
-- filters a walk checks (owner, overdue) are in the entries.
CREATE INDEX work_items_status_sort ON work_items ((CASE WHEN derived_status = '' OR derived_status = status OR status = 'cancelled'
    OR (status = 'delayed' AND derived_status = 'in_progress') THEN status ELSE derived_status END), id,
    owner_unit_id, late_from);
