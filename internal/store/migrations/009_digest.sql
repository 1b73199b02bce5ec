-- The digest: one summary notification per user per day (kind 'digest',
-- entity 'user'), kept unique by notifications_once like every other
-- kind, instead of one row per item, user and day.
--
-- notifications_unread serves the unread count every page shows: it holds
-- only the unread rows, so the count reads the user's few index entries
-- whatever their history (and the store counts no further than the badge
-- shows). It also serves "mark all read".
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- notifications_read_age lets the job prune old read rows oldest first, a
-- bounded batch at a time, without scanning the unread ones.
CREATE INDEX notifications_read_age ON notifications (created_at) WHERE read_at IS NOT NULL;

-- work_items_owner_late counts a subtree's late and due-soon work for the
-- digest as index ranges per owner unit: (owner, late_from < day) and
-- (owner, late_from BETWEEN day AND day + 7).
CREATE INDEX work_items_owner_late ON work_items (owner_unit_id, late_from);

-- notifications_entity finds the notifications about one row: the
-- digest's "already told" check for reports waiting for review, and the
-- withdrawal's look-up of the reviewers who were told.
CREATE INDEX notifications_entity ON notifications (entity, entity_id, kind);
