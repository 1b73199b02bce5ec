-- Indicators: definitions, targets, reported values and their roll-ups.
-- Periods are stored as integers that sort and compare: a granularity
-- (1 year, 2 quarter, 3 month) and a code YYYYNN (140300 for 1403,
-- 140302 for 1403Q2, 140307 for 1403-07).

CREATE TABLE indicators (
    id {{ID}},
    code TEXT NOT NULL UNIQUE,
    name_fa TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    measure TEXT NOT NULL DEFAULT '',
    direction TEXT NOT NULL,
    unit_agg TEXT NOT NULL,
    time_agg TEXT NOT NULL,
    frequency TEXT NOT NULL,
    baseline DOUBLE PRECISION,
    baseline_period TEXT NOT NULL DEFAULT '',
    on_track DOUBLE PRECISION NOT NULL,
    at_risk DOUBLE PRECISION NOT NULL,
    reporting_kinds TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);

CREATE TABLE indicator_clauses (
    indicator_id BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    clause_id BIGINT NOT NULL REFERENCES clauses (id),
    PRIMARY KEY (indicator_id, clause_id)
);
CREATE INDEX indicator_clauses_clause ON indicator_clauses (clause_id);

CREATE TABLE indicator_work (
    indicator_id BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    work_item_id BIGINT NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
    PRIMARY KEY (indicator_id, work_item_id)
);

CREATE TABLE indicator_targets (
    indicator_id BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    unit_id BIGINT NOT NULL REFERENCES org_units (id),
    gran INTEGER NOT NULL,
    period INTEGER NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (indicator_id, unit_id, gran, period)
);

CREATE TABLE indicator_values (
    id {{ID}},
    indicator_id BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    unit_id BIGINT NOT NULL REFERENCES org_units (id),
    gran INTEGER NOT NULL,
    period INTEGER NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'draft',
    author_id BIGINT,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at {{TIME}} NOT NULL,
    UNIQUE (indicator_id, unit_id, gran, period)
);
CREATE INDEX indicator_values_period ON indicator_values (indicator_id, gran, period);

-- indicator_rollups holds, for every unit with data below it and every
-- period level, the aggregate the dashboards read: sum and count over the
-- subtree's units in a base period, and value, the rule's result. Writes
-- keep it current in the same transaction, so it is never stale.
CREATE TABLE indicator_rollups (
    indicator_id BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    unit_id BIGINT NOT NULL REFERENCES org_units (id),
    gran INTEGER NOT NULL,
    period INTEGER NOT NULL,
    sum DOUBLE PRECISION NOT NULL,
    cnt INTEGER NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (indicator_id, unit_id, gran, period)
);
CREATE INDEX indicator_rollups_period ON indicator_rollups (indicator_id, gran, period, unit_id);
