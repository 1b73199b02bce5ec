-- Scheduled jobs that must run once per slot however many instances run
-- them (serve --backup-every): an instance runs a slot only if it is the
-- one that inserts the slot's row (job_slot.go). slot is the slot's start,
-- UTC, as RFC 3339 text, the same on both engines. finished_at and ok stay
-- NULL while the run goes on, and for good if its instance died.

CREATE TABLE job_slots (
    job TEXT NOT NULL,
    slot TEXT NOT NULL,
    instance TEXT NOT NULL,
    started_at {{TIME}} NOT NULL,
    finished_at {{TIME}},
    ok INTEGER,
    detail TEXT,
    PRIMARY KEY (job, slot)
) {{KEYED}};
