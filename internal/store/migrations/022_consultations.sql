-- Consultations (consultation.go): the secretariat asks units and experts
-- for their opinion on clauses, or on a draft document, in one or two
-- rounds (issue 15).

-- round is the current round; the rounds' deadlines are in
-- consultation_rounds. document_id is the draft document consulted on.
CREATE TABLE consultations (
    id {{ID}},
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    document_id BIGINT REFERENCES documents (id),
    state TEXT NOT NULL,
    round INTEGER NOT NULL DEFAULT 1,
    created_by BIGINT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);

CREATE TABLE consultation_rounds (
    consultation_id BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    deadline TEXT NOT NULL,
    opened_at {{TIME}} NOT NULL,
    PRIMARY KEY (consultation_id, number)
);

-- The clauses asked about, in the order asked. None, with a document:
-- the document as a whole.
CREATE TABLE consultation_clauses (
    consultation_id BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    clause_id BIGINT NOT NULL REFERENCES clauses (id),
    ordinal INTEGER NOT NULL,
    PRIMARY KEY (consultation_id, clause_id)
);
CREATE INDEX consultation_clauses_clause ON consultation_clauses (clause_id);

-- A unit (unit_id) or an expert (user_id), never both; each once.
-- unit_key and user_key are the id or 0, so the unique keys hold
-- (NULLs never collide).
CREATE TABLE consultation_invitees (
    id {{ID}},
    consultation_id BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    unit_id BIGINT REFERENCES org_units (id),
    user_id BIGINT REFERENCES users (id),
    unit_key BIGINT NOT NULL,
    user_key BIGINT NOT NULL,
    UNIQUE (consultation_id, unit_key, user_key)
);
CREATE INDEX consultation_invitees_unit ON consultation_invitees (unit_id);
CREATE INDEX consultation_invitees_user ON consultation_invitees (user_id);

-- One response per invitee and round: the unique key decides it in the
-- database, whoever of a unit's users saves first.
CREATE TABLE consultation_responses (
    id {{ID}},
    consultation_id BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    invitee_id BIGINT NOT NULL REFERENCES consultation_invitees (id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    state TEXT NOT NULL,
    updated_by BIGINT,
    updated_by_name TEXT NOT NULL DEFAULT '',
    submitted_at {{TIME}},
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL,
    UNIQUE (invitee_id, round)
);
CREATE INDEX consultation_responses_round ON consultation_responses (consultation_id, round);

-- One answer per response and item; clause_key is the clause's id, 0 for
-- the document as a whole.
CREATE TABLE consultation_answers (
    response_id BIGINT NOT NULL REFERENCES consultation_responses (id) ON DELETE CASCADE,
    clause_key BIGINT NOT NULL,
    clause_id BIGINT REFERENCES clauses (id),
    agreement INTEGER NOT NULL DEFAULT 0,
    comment TEXT NOT NULL DEFAULT '',
    proposal TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (response_id, clause_key)
);

-- Reminders of a round's non-respondents, and whom each reached.
CREATE TABLE consultation_reminders (
    id {{ID}},
    consultation_id BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    notified INTEGER NOT NULL,
    sender_id BIGINT,
    sender_name TEXT NOT NULL DEFAULT '',
    created_at {{TIME}} NOT NULL
);
CREATE INDEX consultation_reminders_consultation ON consultation_reminders (consultation_id, id);

CREATE TABLE consultation_reminded (
    reminder_id BIGINT NOT NULL REFERENCES consultation_reminders (id) ON DELETE CASCADE,
    invitee_id BIGINT NOT NULL REFERENCES consultation_invitees (id) ON DELETE CASCADE,
    PRIMARY KEY (reminder_id, invitee_id)
);
CREATE INDEX consultation_reminded_invitee ON consultation_reminded (invitee_id);

-- Where a consolidated opinion was sent — of one clause, or of the whole
-- consultation (clause_id NULL) — with the file sent, kept in the
-- database as evidence is: a record, never changed.
CREATE TABLE consultation_sendings (
    id {{ID}},
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    clause_id BIGINT REFERENCES clauses (id),
    recipient TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    letter_no TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    file_content_type TEXT NOT NULL DEFAULT '',
    file_size BIGINT NOT NULL DEFAULT 0,
    file_sha256 TEXT NOT NULL DEFAULT '',
    created_by BIGINT,
    created_at {{TIME}} NOT NULL
);
CREATE INDEX consultation_sendings_consultation ON consultation_sendings (consultation_id, sent_on);
CREATE INDEX consultation_sendings_clause ON consultation_sendings (clause_id);

CREATE TABLE consultation_sending_blobs (
    sending_id BIGINT PRIMARY KEY REFERENCES consultation_sendings (id) ON DELETE CASCADE,
    content {{BLOB}} NOT NULL
);
