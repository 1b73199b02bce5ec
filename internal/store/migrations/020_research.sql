-- The research register (research.go; issue 15): axes, the projects
-- under them, each project's stage moves, deliverables and their review
-- comments, and the clauses and work items they inform.

CREATE TABLE research_axes (
    id {{ID}},
    number INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    owner_unit_id BIGINT NOT NULL REFERENCES org_units (id),
    work_item_id BIGINT REFERENCES work_items (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);

CREATE TABLE research_axis_clauses (
    axis_id BIGINT NOT NULL REFERENCES research_axes (id) ON DELETE CASCADE,
    clause_id BIGINT NOT NULL REFERENCES clauses (id),
    PRIMARY KEY (axis_id, clause_id)
);
CREATE INDEX research_axis_clauses_clause ON research_axis_clauses (clause_id);

-- The institution is an org unit or a name (never both); the contract's
-- dates are ISO text as every date is, so "past its end" is a string
-- comparison on both engines.
CREATE TABLE research_projects (
    id {{ID}},
    axis_id BIGINT NOT NULL REFERENCES research_axes (id),
    title TEXT NOT NULL,
    institution_unit_id BIGINT REFERENCES org_units (id),
    institution_name TEXT NOT NULL DEFAULT '',
    investigator TEXT NOT NULL DEFAULT '',
    stage TEXT NOT NULL,
    contract_start TEXT,
    contract_end TEXT,
    budget_rials BIGINT NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);
CREATE INDEX research_projects_axis ON research_projects (axis_id, id);
CREATE INDEX research_projects_institution ON research_projects (institution_unit_id);
CREATE INDEX research_projects_late ON research_projects (contract_end, stage);

CREATE TABLE research_project_clauses (
    project_id BIGINT NOT NULL REFERENCES research_projects (id) ON DELETE CASCADE,
    clause_id BIGINT NOT NULL REFERENCES clauses (id),
    PRIMARY KEY (project_id, clause_id)
);
CREATE INDEX research_project_clauses_clause ON research_project_clauses (clause_id);

CREATE TABLE research_project_work (
    project_id BIGINT NOT NULL REFERENCES research_projects (id) ON DELETE CASCADE,
    work_item_id BIGINT NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, work_item_id)
);
CREATE INDEX research_project_work_item ON research_project_work (work_item_id);

-- Every stage a project entered, in order; from_stage is '' for the
-- stage it was created at. A record, never changed.
CREATE TABLE research_stage_moves (
    id {{ID}},
    project_id BIGINT NOT NULL REFERENCES research_projects (id),
    from_stage TEXT NOT NULL,
    to_stage TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    by_id BIGINT,
    by_name TEXT NOT NULL,
    at {{TIME}} NOT NULL
);
CREATE INDEX research_stage_moves_project ON research_stage_moves (project_id, id);

-- Deliverables, kept as evidence is: in the database, so every instance
-- serves them and a backup holds them.
CREATE TABLE research_files (
    id {{ID}},
    project_id BIGINT NOT NULL REFERENCES research_projects (id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    uploaded_by BIGINT,
    created_at {{TIME}} NOT NULL
);
CREATE INDEX research_files_project ON research_files (project_id, id);

CREATE TABLE research_file_blobs (
    file_id BIGINT PRIMARY KEY REFERENCES research_files (id) ON DELETE CASCADE,
    content {{BLOB}} NOT NULL
);

CREATE TABLE research_reviews (
    id {{ID}},
    file_id BIGINT NOT NULL REFERENCES research_files (id),
    comment TEXT NOT NULL,
    by_id BIGINT,
    by_name TEXT NOT NULL,
    at {{TIME}} NOT NULL
);
CREATE INDEX research_reviews_file ON research_reviews (file_id, id);
