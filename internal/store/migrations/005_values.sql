-- Numbers leadership can trust. Indicators gain bounds and the ratio
-- definition (numerator over denominator, times scale). A value is either
-- one that adds up (own = 0) or a unit's own official figure for its
-- subtree (own = 1), kept apart from the sum of its units.
--
-- Roll-ups gain a layer: 0 the approved values of the subtree's units,
-- 1 their submitted values (base periods only; the provisional basis adds
-- them on read), 2 and 3 the unit's own figure, approved and submitted.
-- Drafts and returned values are in none. The table is rebuilt from the
-- values after this migration (migrate.go).

ALTER TABLE indicators ADD COLUMN min_value DOUBLE PRECISION;
ALTER TABLE indicators ADD COLUMN max_value DOUBLE PRECISION;
ALTER TABLE indicators ADD COLUMN numerator_id BIGINT REFERENCES indicators (id);
ALTER TABLE indicators ADD COLUMN denominator_id BIGINT REFERENCES indicators (id);
ALTER TABLE indicators ADD COLUMN scale DOUBLE PRECISION NOT NULL DEFAULT 0;
CREATE INDEX indicators_numerator ON indicators (numerator_id);
CREATE INDEX indicators_denominator ON indicators (denominator_id);

ALTER TABLE indicator_values ADD COLUMN own INTEGER NOT NULL DEFAULT 0;
CREATE INDEX indicator_values_unit_period ON indicator_values (unit_id, gran, period);

DROP TABLE indicator_rollups;
CREATE TABLE indicator_rollups (
    indicator_id BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    unit_id BIGINT NOT NULL REFERENCES org_units (id),
    layer INTEGER NOT NULL,
    gran INTEGER NOT NULL,
    period INTEGER NOT NULL,
    sum DOUBLE PRECISION NOT NULL,
    cnt INTEGER NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (indicator_id, unit_id, layer, gran, period)
);
CREATE INDEX indicator_rollups_period ON indicator_rollups (indicator_id, layer, gran, period, unit_id);
