-- Reporting rounds, the units' progress reports, review comments and
-- evidence files. Evidence content is kept in the database so that every
-- app instance serves the same files and a backup holds them all.

CREATE TABLE rounds (
    id {{ID}},
    title TEXT NOT NULL,
    period TEXT NOT NULL,
    deadline TEXT NOT NULL,
    chain TEXT NOT NULL,
    closed INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);

CREATE TABLE reports (
    id {{ID}},
    round_id BIGINT NOT NULL REFERENCES rounds (id),
    unit_id BIGINT NOT NULL REFERENCES org_units (id),
    state TEXT NOT NULL,
    level INTEGER NOT NULL DEFAULT 0,
    achievements TEXT NOT NULL DEFAULT '',
    obstacles TEXT NOT NULL DEFAULT '',
    requests TEXT NOT NULL DEFAULT '',
    submitted_at {{TIME}},
    approved_at {{TIME}},
    version INTEGER NOT NULL DEFAULT 1,
    updated_at {{TIME}} NOT NULL,
    UNIQUE (round_id, unit_id)
);
CREATE INDEX reports_unit ON reports (unit_id);
CREATE INDEX reports_state ON reports (state);

-- review_comments is append-only: a returned report keeps every remark.
CREATE TABLE review_comments (
    id {{ID}},
    report_id BIGINT NOT NULL REFERENCES reports (id),
    level INTEGER NOT NULL,
    action TEXT NOT NULL,
    item TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    author_id BIGINT,
    author_name TEXT NOT NULL,
    created_at {{TIME}} NOT NULL
);
CREATE INDEX review_comments_report ON review_comments (report_id, id);

CREATE TABLE evidence (
    id {{ID}},
    report_id BIGINT NOT NULL REFERENCES reports (id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by BIGINT,
    created_at {{TIME}} NOT NULL
);
CREATE INDEX evidence_report ON evidence (report_id);

CREATE TABLE evidence_blobs (
    evidence_id BIGINT PRIMARY KEY REFERENCES evidence (id) ON DELETE CASCADE,
    content {{BLOB}} NOT NULL
);
