-- Follow-up: what each user is told, and the reminders the secretariat
-- sends from its board.

CREATE TABLE reminders (
    id {{ID}},
    unit_id BIGINT NOT NULL REFERENCES org_units (id),
    note TEXT NOT NULL DEFAULT '',
    sender_id BIGINT,
    sender_name TEXT NOT NULL,
    notified INTEGER NOT NULL DEFAULT 0,
    created_at {{TIME}} NOT NULL
);
CREATE INDEX reminders_unit ON reminders (unit_id, created_at);

-- notifications: day is the Tehran date the notification belongs to.
-- emailed_at is set when a job instance claims the row for an email, so of
-- two instances only one sends it.
CREATE TABLE notifications (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    day TEXT NOT NULL,
    message TEXT NOT NULL,
    args TEXT NOT NULL DEFAULT '{}',
    created_at {{TIME}} NOT NULL,
    read_at {{TIME}},
    emailed_at {{TIME}}
);
-- notifications_once is what makes the digest safe on many app instances:
-- a user hears of an item once a day, whoever inserts first, and the others'
-- INSERT … ON CONFLICT DO NOTHING inserts nothing. Reminders are left out:
-- each one the secretariat sends is news.
CREATE UNIQUE INDEX notifications_once ON notifications (user_id, kind, entity, entity_id, day)
    WHERE kind <> 'reminder';
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_day ON notifications (day);
CREATE INDEX notifications_unemailed ON notifications (created_at) WHERE emailed_at IS NULL AND read_at IS NULL;
