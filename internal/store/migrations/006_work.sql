-- Work items: status derived from children, lateness that reaches parents,
-- and a baseline (due dates, weights) the secretariat owns.
--
-- derived_status is what the children say of an item ('' without children
-- that count); risk_from the earliest due date of its open descendants;
-- late_from the day after which the item is overdue: its own due date, or
-- risk_from without one, NULL once closed. The store keeps all three in the
-- same transaction that rolls progress up (payesh.Derive), so the overdue
-- filter, the board and lists read one indexed column.
ALTER TABLE work_items ADD COLUMN derived_status TEXT NOT NULL DEFAULT '';
ALTER TABLE work_items ADD COLUMN risk_from TEXT;
ALTER TABLE work_items ADD COLUMN late_from TEXT;
ALTER TABLE work_items ADD COLUMN original_due_date TEXT;
ALTER TABLE work_items ADD COLUMN replans INTEGER NOT NULL DEFAULT 0;

UPDATE work_items SET original_due_date = due_date;

-- Existing trees: an open descendant reached through open items only.
WITH RECURSIVE open_under (ancestor, id) AS (
    SELECT parent_id, id FROM work_items
    WHERE parent_id IS NOT NULL AND status NOT IN ('done', 'cancelled')
    UNION ALL
    SELECT o.ancestor, w.id FROM open_under o JOIN work_items w ON w.parent_id = o.id
    WHERE w.status NOT IN ('done', 'cancelled')
)
UPDATE work_items SET risk_from = (
    SELECT MIN(d.due_date) FROM open_under o JOIN work_items d ON d.id = o.id
    WHERE o.ancestor = work_items.id);

UPDATE work_items SET late_from = CASE
    WHEN status IN ('done', 'cancelled') THEN NULL
    ELSE COALESCE(due_date, risk_from) END;

UPDATE work_items SET derived_status = CASE
    WHEN NOT EXISTS (SELECT 1 FROM work_items c WHERE c.parent_id = work_items.id AND c.status <> 'cancelled') THEN ''
    WHEN NOT EXISTS (SELECT 1 FROM work_items c WHERE c.parent_id = work_items.id AND c.status NOT IN ('done', 'cancelled')) THEN 'done'
    WHEN EXISTS (SELECT 1 FROM work_items c WHERE c.parent_id = work_items.id AND c.status <> 'cancelled'
        AND (c.status IN ('in_progress', 'delayed', 'done') OR c.progress > 0)) THEN 'in_progress'
    WHEN EXISTS (SELECT 1 FROM work_items c WHERE c.parent_id = work_items.id AND c.status = 'not_reported') THEN 'not_reported'
    ELSE 'not_started' END;

CREATE INDEX work_items_late ON work_items (late_from);

-- work_changes are reporters' requests to re-plan an item: a new due date
-- (change_due; due_date NULL clears it) and/or a new weight (NULL: none),
-- with the values they would replace. A request is decided once; an item
-- has at most one pending request (work_changes_pending), a newer one
-- supersedes it.
CREATE TABLE work_changes (
    id {{ID}},
    work_item_id BIGINT NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    change_due INTEGER NOT NULL DEFAULT 0,
    due_date TEXT,
    old_due_date TEXT,
    weight DOUBLE PRECISION,
    old_weight DOUBLE PRECISION NOT NULL,
    reason TEXT NOT NULL,
    requested_by BIGINT,
    requester_name TEXT NOT NULL,
    requested_at {{TIME}} NOT NULL,
    decided_by BIGINT,
    decider_name TEXT NOT NULL DEFAULT '',
    decided_at {{TIME}},
    decision_note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX work_changes_item ON work_changes (work_item_id, id);
CREATE INDEX work_changes_state ON work_changes (state, id);
CREATE UNIQUE INDEX work_changes_pending ON work_changes (work_item_id) WHERE state = 'pending';
