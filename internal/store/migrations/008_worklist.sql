-- Work lists that walk an index instead of scanning and sorting the table.
--
-- A sort key is an expression both engines index and match alike, so no
-- writer has to keep a copy of it: a missing due date sorts last in both
-- directions, through '9999-99-99' ascending (after every date) and ''
-- descending (before every date, so last when walked backwards); id breaks
-- ties in the same direction. NOT NULL columns sort on themselves. The
-- store's ORDER BY spells each expression exactly as here (worklist.go).
--
-- A list of many matches (a root user's, the overdue third of all work)
-- walks its sort key's index and stops after one page; the filters it
-- checks on the way (owner, overdue, shown status) are in the index
-- entries, so the walk reads no table rows but the page's.
CREATE INDEX work_items_due_asc ON work_items (COALESCE(due_date, '9999-99-99'), id,
    owner_unit_id, late_from, status, derived_status);
CREATE INDEX work_items_due_desc ON work_items (COALESCE(due_date, ''), id,
    owner_unit_id, late_from, status, derived_status);
CREATE INDEX work_items_id_walk ON work_items (id, owner_unit_id, late_from, status, derived_status);
CREATE INDEX work_items_title ON work_items (title, id);
CREATE INDEX work_items_progress ON work_items (progress, id);
CREATE INDEX work_items_updated ON work_items (updated_at, id);

-- The overdue filter reads ids from this index alone (late_from < today),
-- so choosing a page costs no table lookups; so does a unit's list.
DROP INDEX work_items_late;
CREATE INDEX work_items_late ON work_items (late_from, id);
DROP INDEX work_items_owner;
CREATE INDEX work_items_owner ON work_items (owner_unit_id, id);

-- A unit's partnerships: units of a subtree to their items, index only.
DROP INDEX work_item_partners_unit;
CREATE INDEX work_item_partners_unit ON work_item_partners (unit_id, work_item_id);

-- Subtrees are ranges of org_units.path (path >= '/1/10/' AND path <
-- '/1/100'). On PostgreSQL the column is made COLLATE "C" by the Go step
-- of this migration (worklist_migrate.go), so that the range means byte
-- order as on SQLite, whatever the database's locale, and its index
-- serves it.
