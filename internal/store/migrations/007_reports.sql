-- What a round requires of its reports before they can be sent: all
-- three parts of the narrative, at least one evidence file, every value
-- the unit owes for the period. What is not required is only pointed
-- out, and sent when the unit confirms.
ALTER TABLE rounds ADD COLUMN require_narrative INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rounds ADD COLUMN require_evidence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rounds ADD COLUMN require_values INTEGER NOT NULL DEFAULT 0;

-- Late closures are found by the work of a round's units closed within
-- its period.
CREATE INDEX work_items_done_on ON work_items (done_date);
