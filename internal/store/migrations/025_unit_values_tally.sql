-- A unit's values by period, now with the indicator and the review
-- state in each entry: a values grid shown one axis at a time counts
-- every axis's saved and returned cells (TallyValues) from this index
-- alone, for any reader's scope, where each of a unit's year of values
-- was a row read. The reads it served before are the same ranges.
DROP INDEX indicator_values_unit_period;
CREATE INDEX indicator_values_unit_period ON indicator_values (unit_id, gran, period, indicator_id, state);
