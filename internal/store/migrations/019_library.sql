-- The document library (library.go) and the search index (search.go).
--
-- A document's state: the documents made so far are issued texts, read by
-- everyone, so they start approved.
ALTER TABLE documents ADD COLUMN state TEXT NOT NULL DEFAULT 'approved';

-- Versions of a document's file, numbered per document; the content is
-- kept in the database, as evidence is, so every instance serves it and
-- a backup holds it.
CREATE TABLE document_files (
    id {{ID}},
    document_id BIGINT NOT NULL REFERENCES documents (id),
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    uploaded_by BIGINT,
    created_at {{TIME}} NOT NULL,
    UNIQUE (document_id, number)
);

CREATE TABLE document_file_blobs (
    file_id BIGINT PRIMARY KEY REFERENCES document_files (id) ON DELETE CASCADE,
    content {{BLOB}} NOT NULL
);

-- Who a document was sent to, when, under which letter: a record, never
-- changed.
CREATE TABLE document_sendings (
    id {{ID}},
    document_id BIGINT NOT NULL REFERENCES documents (id),
    recipient TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    letter_no TEXT NOT NULL DEFAULT '',
    file_id BIGINT REFERENCES document_files (id),
    note TEXT NOT NULL DEFAULT '',
    created_by BIGINT,
    created_at {{TIME}} NOT NULL
);
CREATE INDEX document_sendings_document ON document_sendings (document_id, sent_on);

-- A document, or one article of it (article_id), tied to a clause of
-- another document. article_key is article_id or 0, so that the unique
-- key holds for whole-document links too (NULLs never collide).
CREATE TABLE clause_links (
    id {{ID}},
    document_id BIGINT NOT NULL REFERENCES documents (id),
    article_id BIGINT REFERENCES clauses (id),
    article_key BIGINT NOT NULL,
    clause_id BIGINT NOT NULL REFERENCES clauses (id),
    note TEXT NOT NULL DEFAULT '',
    created_by BIGINT,
    created_at {{TIME}} NOT NULL,
    UNIQUE (document_id, article_key, clause_id)
);
CREATE INDEX clause_links_clause ON clause_links (clause_id);
CREATE INDEX clause_links_article ON clause_links (article_id);

-- The search index: one row per thing found, its words folded in Go
-- (payesh.FoldSearch) and kept current by every write in its own
-- transaction (search_index.go). The engine's own index over folded —
-- FTS5 on SQLite, GIN on PostgreSQL — is made after this file, in Go
-- (setUpSearch), since its DDL is each engine's own.
CREATE TABLE search_entries (
    id {{ID}},
    kind TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    snippet TEXT NOT NULL DEFAULT '',
    folded TEXT NOT NULL,
    UNIQUE (kind, entity_id)
);
