-- Read scope (payesh.ReadScope).
--
-- A progress update names the unit its author spoke for, as it was when
-- the update was posted: the owner's, or a partner unit's when a partner
-- reports on shared work (payesh.User.CanReportOn). Earlier updates take
-- their author's unit as it is now, the best record there is.
ALTER TABLE progress_updates ADD COLUMN author_unit_id BIGINT;
UPDATE progress_updates SET author_unit_id = (SELECT u.unit_id FROM users u WHERE u.id = progress_updates.author_id)
    WHERE author_id IS NOT NULL;

-- A partner reads the indicators linked to the work it reads: from its
-- few items to their indicators, by this index (the key starts with the
-- indicator). Deleting an item finds its links by it too.
CREATE INDEX indicator_work_item ON indicator_work (work_item_id, indicator_id);
