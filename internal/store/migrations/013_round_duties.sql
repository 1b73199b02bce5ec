-- Separation of duties in review. Whoever submitted a report, or wrote
-- part of it in that submission (its narrative, its files, the unit's
-- values of the period), does not approve or return it, nor do the
-- people of the reporting unit itself; a round may let the secretariat
-- step be taken by them all the same (a secretariat of one person).

ALTER TABLE rounds ADD COLUMN allow_self_review INTEGER NOT NULL DEFAULT 0;

-- report_authors holds, for a report's latest submission, who sent it
-- (submitter = 1) and who wrote its content since it last came back from
-- a reviewer. It is written with the submission, in its transaction, and
-- read by its key: "may this user review this report?".
CREATE TABLE report_authors (
    report_id BIGINT NOT NULL REFERENCES reports (id),
    user_id BIGINT NOT NULL,
    submitter INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (report_id, user_id)
) {{KEYED}};

-- Reports waiting for review when this runs keep their submitter, from
-- the audit trail's latest submission of each.
INSERT INTO report_authors (report_id, user_id, submitter)
    SELECT a.entity_id, a.actor_id, 1 FROM audit_events a JOIN reports p ON p.id = a.entity_id
    WHERE a.entity = 'report' AND a.action = 'submit' AND p.state = 'submitted' AND a.actor_id IS NOT NULL AND a.actor_id <> 0
        AND a.id = (SELECT MAX(b.id) FROM audit_events b WHERE b.entity = 'report' AND b.entity_id = a.entity_id AND b.action = 'submit');
