-- Roll-up storage at national size (20 M values): on SQLite the table
-- kept its rows and, beside them, its primary key as an index of the same
-- columns, and a second index by period that no query needed once every
-- read names its units (the key's order serves a province list as one
-- range per unit). The table is now stored in its key's order on SQLite
-- and the period index is gone: about 2 GB less at national size.

CREATE TABLE indicator_rollups_keyed (
    indicator_id BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    unit_id BIGINT NOT NULL REFERENCES org_units (id),
    layer INTEGER NOT NULL,
    gran INTEGER NOT NULL,
    period INTEGER NOT NULL,
    sum DOUBLE PRECISION NOT NULL,
    cnt INTEGER NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (indicator_id, unit_id, layer, gran, period)
) {{KEYED}};
INSERT INTO indicator_rollups_keyed (indicator_id, unit_id, layer, gran, period, sum, cnt, value)
    SELECT indicator_id, unit_id, layer, gran, period, sum, cnt, value FROM indicator_rollups;
DROP TABLE indicator_rollups;
ALTER TABLE indicator_rollups_keyed RENAME TO indicator_rollups;
