-- The core of Payesh: the org tree, policy documents and their clauses, work
-- items with partners, clause links and history, users with tokens and
-- sessions, and the audit trail. Paths are materialized ("/1/4/17/") so a
-- subtree is one LIKE on an index.

CREATE TABLE org_units (
    id {{ID}},
    parent_id BIGINT REFERENCES org_units (id),
    kind TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name_fa TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL,
    depth INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);
CREATE INDEX org_units_parent ON org_units (parent_id);
CREATE INDEX org_units_path ON org_units (path);

CREATE TABLE documents (
    id {{ID}},
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    title_fa TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    issued_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);

CREATE TABLE clauses (
    id {{ID}},
    document_id BIGINT NOT NULL REFERENCES documents (id),
    parent_id BIGINT REFERENCES clauses (id),
    number TEXT NOT NULL,
    ordinal INTEGER NOT NULL DEFAULT 0,
    title_fa TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL,
    depth INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);
CREATE INDEX clauses_document ON clauses (document_id, path);
CREATE INDEX clauses_parent ON clauses (parent_id);

CREATE TABLE users (
    id {{ID}},
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    unit_id BIGINT NOT NULL REFERENCES org_units (id),
    role TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    password_hash TEXT NOT NULL,
    last_login_at {{TIME}},
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);
CREATE INDEX users_unit ON users (unit_id);

CREATE TABLE work_items (
    id {{ID}},
    kind TEXT NOT NULL,
    parent_id BIGINT REFERENCES work_items (id),
    code TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    owner_unit_id BIGINT NOT NULL REFERENCES org_units (id),
    start_date TEXT,
    due_date TEXT,
    done_date TEXT,
    status TEXT NOT NULL,
    weight DOUBLE PRECISION NOT NULL DEFAULT 1,
    progress DOUBLE PRECISION NOT NULL DEFAULT 0,
    path TEXT NOT NULL,
    depth INTEGER NOT NULL,
    created_by BIGINT REFERENCES users (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);
CREATE INDEX work_items_parent ON work_items (parent_id);
CREATE INDEX work_items_owner ON work_items (owner_unit_id);
CREATE INDEX work_items_due ON work_items (due_date);
CREATE INDEX work_items_path ON work_items (path);

CREATE TABLE work_item_partners (
    work_item_id BIGINT NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
    unit_id BIGINT NOT NULL REFERENCES org_units (id),
    PRIMARY KEY (work_item_id, unit_id)
);
CREATE INDEX work_item_partners_unit ON work_item_partners (unit_id);

CREATE TABLE work_item_clauses (
    work_item_id BIGINT NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
    clause_id BIGINT NOT NULL REFERENCES clauses (id),
    PRIMARY KEY (work_item_id, clause_id)
);
CREATE INDEX work_item_clauses_clause ON work_item_clauses (clause_id);

-- progress_updates is append-only: the store never updates or deletes a row
-- except when its work item is deleted (and the audit trail keeps that).
CREATE TABLE progress_updates (
    id {{ID}},
    work_item_id BIGINT NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
    author_id BIGINT,
    author_name TEXT NOT NULL,
    created_at {{TIME}} NOT NULL,
    progress DOUBLE PRECISION,
    status TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX progress_updates_item ON progress_updates (work_item_id, id);

CREATE TABLE api_tokens (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at {{TIME}} NOT NULL,
    expires_at {{TIME}},
    last_used_at {{TIME}}
);

CREATE TABLE sessions (
    hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at {{TIME}} NOT NULL,
    expires_at {{TIME}} NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- audit_events has no foreign keys: the trail outlives what it describes.
CREATE TABLE audit_events (
    id {{ID}},
    at {{TIME}} NOT NULL,
    actor_id BIGINT,
    actor_name TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_events_entity ON audit_events (entity, entity_id);
CREATE INDEX audit_events_actor ON audit_events (actor_id);
