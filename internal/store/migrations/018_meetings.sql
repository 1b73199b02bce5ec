-- Bodies, their meetings, agendas and minutes, and the resolutions the
-- meetings make (issue 14).
--
-- A resolution is a work item of kind 'resolution' that names its meeting
-- and agenda item in two nullable columns on work_items rather than in a
-- link table: a resolution belongs to exactly one meeting, so a column is
-- the relation's honest shape, and the closure rate and the board's
-- grouping read it with no join. Work that no meeting made leaves both NULL.

CREATE TABLE bodies (
    id {{ID}},
    code TEXT NOT NULL UNIQUE,
    name_fa TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    unit_id BIGINT REFERENCES org_units (id),
    note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);

-- A member is a user or a person named as text (user_id NULL).
CREATE TABLE body_members (
    id {{ID}},
    body_id BIGINT NOT NULL REFERENCES bodies (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id),
    name TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT ''
);
CREATE INDEX body_members_body ON body_members (body_id, id);

-- held_on is optional: the sources name sessions they do not date.
CREATE TABLE meetings (
    id {{ID}},
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    number TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    held_on TEXT,
    start_time TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    minutes TEXT NOT NULL DEFAULT '',
    created_by BIGINT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);
CREATE INDEX meetings_body ON meetings (body_id, id);

-- The chair, the secretary, attendees and absentees: users or guests.
CREATE TABLE meeting_people (
    id {{ID}},
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    name TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_people_meeting ON meeting_people (meeting_id, id);

CREATE TABLE agenda_items (
    id {{ID}},
    meeting_id BIGINT NOT NULL REFERENCES meetings (id),
    ordinal INTEGER NOT NULL,
    title TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    reviews_earlier INTEGER NOT NULL DEFAULT 0,
    created_at {{TIME}} NOT NULL
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, ordinal);

CREATE TABLE agenda_item_clauses (
    agenda_item_id BIGINT NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    clause_id BIGINT NOT NULL REFERENCES clauses (id),
    PRIMARY KEY (agenda_item_id, clause_id)
);
CREATE INDEX agenda_item_clauses_clause ON agenda_item_clauses (clause_id);

ALTER TABLE work_items ADD COLUMN meeting_id BIGINT REFERENCES meetings (id);
ALTER TABLE work_items ADD COLUMN agenda_item_id BIGINT REFERENCES agenda_items (id);
CREATE INDEX work_items_meeting ON work_items (meeting_id);

-- Files kept with a meeting, as a report's evidence is kept: in the
-- database, so every instance serves them and a backup holds them.
CREATE TABLE meeting_files (
    id {{ID}},
    meeting_id BIGINT NOT NULL REFERENCES meetings (id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by BIGINT,
    created_at {{TIME}} NOT NULL
);
CREATE INDEX meeting_files_meeting ON meeting_files (meeting_id, kind, id);

CREATE TABLE meeting_file_blobs (
    file_id BIGINT PRIMARY KEY REFERENCES meeting_files (id) ON DELETE CASCADE,
    content {{BLOB}} NOT NULL
);

-- Requests to close a resolution, with evidence, and the secretariat's
-- decisions. One pending request per resolution at a time: the partial
-- unique index decides it in the database, whoever inserts first.
CREATE TABLE resolution_closures (
    id {{ID}},
    work_item_id BIGINT NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    evidence_ref TEXT NOT NULL DEFAULT '',
    file_id BIGINT REFERENCES meeting_files (id),
    note TEXT NOT NULL DEFAULT '',
    requested_by BIGINT,
    requester_name TEXT NOT NULL,
    requested_at {{TIME}} NOT NULL,
    decided_by BIGINT,
    decider_name TEXT NOT NULL DEFAULT '',
    decided_at {{TIME}},
    reason TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX resolution_closures_item ON resolution_closures (work_item_id, id);
CREATE UNIQUE INDEX resolution_closures_pending ON resolution_closures (work_item_id) WHERE state = 'pending';
