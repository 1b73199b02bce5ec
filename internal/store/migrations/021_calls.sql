-- Calls for papers (issue 15, scope 2): a call with its numbered axes,
-- the papers submitted to it, their reviews and the decision on each, and
-- the external reviewers' single-purpose links.
--
-- milestone_id names the work item — the special issue of the journal —
-- whose progress follows the accepted papers (calls.go). One call feeds
-- one milestone (the unique index), so the milestone's progress has one
-- source; deleting the work item unlinks it rather than failing.
CREATE TABLE calls (
    id {{ID}},
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    owner_unit_id BIGINT NOT NULL REFERENCES org_units (id),
    deadline TEXT,
    planned_papers INTEGER NOT NULL DEFAULT 0,
    milestone_id BIGINT REFERENCES work_items (id) ON DELETE SET NULL,
    created_by BIGINT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);
CREATE UNIQUE INDEX calls_milestone ON calls (milestone_id);

-- Axes are numbered 1…n per call; a title is optional, since the sources
-- give the count of the axes and not their titles.
CREATE TABLE call_axes (
    call_id BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (call_id, number)
);

-- A paper submitted to a call: the secretariat records those received by
-- mail. decision is '' while undecided, else accept, revise or reject.
CREATE TABLE call_submissions (
    id {{ID}},
    call_id BIGINT NOT NULL REFERENCES calls (id),
    axis INTEGER NOT NULL,
    title TEXT NOT NULL,
    authors TEXT NOT NULL,
    institution TEXT NOT NULL DEFAULT '',
    received_on TEXT,
    decision TEXT NOT NULL DEFAULT '',
    decision_note TEXT NOT NULL DEFAULT '',
    decided_by BIGINT,
    decider_name TEXT NOT NULL DEFAULT '',
    decided_at {{TIME}},
    created_by BIGINT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);
CREATE INDEX call_submissions_call ON call_submissions (call_id, axis, id);
CREATE INDEX call_submissions_decision ON call_submissions (call_id, decision);

-- A paper's files, kept as a report's evidence is: in the database. The
-- newest is the paper's file.
CREATE TABLE call_files (
    id {{ID}},
    submission_id BIGINT NOT NULL REFERENCES call_submissions (id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by BIGINT,
    created_at {{TIME}} NOT NULL
);
CREATE INDEX call_files_submission ON call_files (submission_id, id);

CREATE TABLE call_file_blobs (
    file_id BIGINT PRIMARY KEY REFERENCES call_files (id) ON DELETE CASCADE,
    content {{BLOB}} NOT NULL
);

-- A reviewer, usually from outside the organization, reached by a link
-- whose secret only the SHA-256 of is kept (as API tokens are). The link
-- ends at expires_at or when revoked.
CREATE TABLE call_reviewers (
    id {{ID}},
    call_id BIGINT NOT NULL REFERENCES calls (id),
    name TEXT NOT NULL,
    affiliation TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    link_hash TEXT NOT NULL UNIQUE,
    expires_at {{TIME}} NOT NULL,
    revoked_at {{TIME}},
    created_by BIGINT,
    created_at {{TIME}} NOT NULL
);
CREATE INDEX call_reviewers_call ON call_reviewers (call_id, id);

-- Which submissions a reviewer's link reaches.
CREATE TABLE call_assignments (
    reviewer_id BIGINT NOT NULL REFERENCES call_reviewers (id) ON DELETE CASCADE,
    submission_id BIGINT NOT NULL REFERENCES call_submissions (id),
    created_at {{TIME}} NOT NULL,
    PRIMARY KEY (reviewer_id, submission_id)
);
CREATE INDEX call_assignments_submission ON call_assignments (submission_id);

-- One review per reviewer and submission; posting again replaces it
-- until the paper is decided.
CREATE TABLE call_reviews (
    id {{ID}},
    submission_id BIGINT NOT NULL REFERENCES call_submissions (id),
    reviewer_id BIGINT NOT NULL REFERENCES call_reviewers (id),
    score INTEGER NOT NULL,
    verdict TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL,
    UNIQUE (submission_id, reviewer_id)
);
CREATE INDEX call_reviews_reviewer ON call_reviews (reviewer_id);
