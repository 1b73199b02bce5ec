package store

import (
	"database/sql"
	"fmt"
	"strings"

	"payesh"
)

// The search index (payesh.FoldSearch): search_entries holds, for every
// thing search finds, its title, the start of its text and its words
// folded in Go. Every write that changes what an entity's entry holds
// calls tx.reindex for it in its own transaction, so the index is never
// behind what it describes. The engine's own index serves the match:
// on SQLite an FTS5 table over search_entries, kept by triggers, on
// PostgreSQL a GIN index over the folded words as they are (no parser of
// the engine's in between), so both engines match the same words.

// searchKind is one kind of thing the index holds: one source query and
// one read rule. A new kind adds an entry to searchKinds
// and calls tx.reindex(kind, id) where it writes one.
type searchKind struct {
	kind string
	// source selects id, title, shown text and further indexed text
	// (codes, English titles) of the kind, from alias x; reindex adds
	// "WHERE x.id = $1".
	source string
	// readable is the condition on e.entity_id that keeps what the reader
	// reads, with its "?" arguments; "" when the reader reads them all.
	readable func(s scope) (string, []any)
}

var searchKinds = []searchKind{
	{
		kind:   payesh.SearchWork,
		source: `SELECT x.id, x.title, x.description, x.code FROM work_items x`,
		readable: func(s scope) (string, []any) {
			switch {
			case s.Everything():
				return "", nil
			case s.Nothing():
				return "1 = 0", nil
			}
			filter, _, args := s.workScope()
			return `e.entity_id IN (SELECT w.id FROM work_items w WHERE ` + filter + `)`, args
		},
	},
	{
		kind:     payesh.SearchDocument,
		source:   `SELECT x.id, x.title_fa, x.note, x.code || ' ' || x.title_en || ' ' || x.issuer FROM documents x`,
		readable: readableDocuments(`SELECT d.id FROM documents d`),
	},
	{
		kind: payesh.SearchMeeting,
		source: `SELECT x.id, x.title, x.minutes, x.number || ' ' || x.place || ' ' ||
			(SELECT b.name_fa || ' ' || b.name_en FROM bodies b WHERE b.id = x.body_id) FROM meetings x`,
		readable: readableMeetings,
	},
	{
		kind:     payesh.SearchClause,
		source:   `SELECT x.id, x.title_fa, x.text, x.number || ' ' || x.title_en || ' ' || x.note FROM clauses x`,
		readable: readableDocuments(`SELECT c.id FROM clauses c JOIN documents d ON d.id = c.document_id`),
	},
}

// readableMeetings keeps the meetings the reader reads, the rule of
// readsMeeting in SQL: its body's unit is one whose work the reader reads,
// or it made a resolution the reader reads.
func readableMeetings(s scope) (string, []any) {
	switch {
	case s.Everything():
		return "", nil
	case s.Nothing():
		return "1 = 0", nil
	}
	lo, hi := subtreeRange(s.Root)
	bodies, args := `b.unit_id IN (`+subtreeUnits+`)`, []any{lo, hi}
	if s.Reach == payesh.ReachProvince && len(s.ix.nationalIDs) > 0 {
		bodies += ` OR b.unit_id IN ` + inList(len(s.ix.nationalIDs))
		args = append(args, anySlice(s.ix.nationalIDs)...)
	}
	work, _, wargs := s.workScope()
	return `(e.entity_id IN (SELECT m.id FROM meetings m JOIN bodies b ON b.id = m.body_id WHERE ` + bodies + `)
		OR e.entity_id IN (SELECT w.meeting_id FROM work_items w WHERE w.meeting_id IS NOT NULL AND ` + work + `))`,
		append(args, wargs...)
}

// readableDocuments keeps, for readers who read no drafts, the ids ids
// selects from documents d that are not drafts (payesh.ReadsDocument).
func readableDocuments(ids string) func(s scope) (string, []any) {
	return func(s scope) (string, []any) {
		if s.ReadsDocument(payesh.DocDraft) {
			return "", nil
		}
		return `e.entity_id IN (` + ids + ` WHERE d.state <> ?)`, []any{string(payesh.DocDraft)}
	}
}

func searchKindOf(kind string) *searchKind {
	for i := range searchKinds {
		if searchKinds[i].kind == kind {
			return &searchKinds[i]
		}
	}
	panic("store: no search kind " + kind)
}

// maxSnippet bounds the text an entry shows under its title.
const maxSnippet = 240

// searchRow is one entry as written.
type searchRow struct {
	id                     int64
	title, snippet, folded string
}

func newSearchRow(id int64, title, text, extra string) searchRow {
	return searchRow{id: id, title: title, snippet: snippetOf(text),
		folded: payesh.FoldSearch(title + " " + text + " " + extra)}
}

// snippetOf is the start of a text, on one line, cut at a word.
func snippetOf(text string) string {
	s := strings.Join(strings.Fields(text), " ")
	r := []rune(s)
	if len(r) <= maxSnippet {
		return s
	}
	cut := string(r[:maxSnippet])
	if i := strings.LastIndexByte(cut, ' '); i > maxSnippet/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// reindex makes the entry of one entity what it holds now, or removes it
// when the entity is gone.
func (tx *Tx) reindex(kind string, id int64) error {
	k := searchKindOf(kind)
	var title, text, extra sql.NullString
	err := tx.QueryRowContext(tx.ctx, k.source+` WHERE x.id = $1`, id).Scan(new(int64), &title, &text, &extra)
	if err == sql.ErrNoRows {
		_, err := tx.ExecContext(tx.ctx, `DELETE FROM search_entries WHERE kind = $1 AND entity_id = $2`, kind, id)
		return err
	}
	if err != nil {
		return fmt.Errorf("search index %s %d: %w", kind, id, err)
	}
	row := newSearchRow(id, title.String, text.String, extra.String)
	res, err := tx.ExecContext(tx.ctx, `UPDATE search_entries SET title = $1, snippet = $2, folded = $3
		WHERE kind = $4 AND entity_id = $5`, row.title, row.snippet, row.folded, kind, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	_, err = tx.ExecContext(tx.ctx, `INSERT INTO search_entries (kind, entity_id, title, snippet, folded)
		VALUES ($1, $2, $3, $4, $5)`, kind, id, row.title, row.snippet, row.folded)
	return err
}

// indexMany adds the entries of many new entities of one kind at once,
// for writes that insert thousands (LoadWorkItems).
func (tx *Tx) indexMany(kind string, rows []searchRow) error {
	return tx.insertMany(`INSERT INTO search_entries (kind, entity_id, title, snippet, folded) VALUES `, "",
		5, len(rows), func(i int) []any {
			r := rows[i]
			return []any{kind, r.id, r.title, r.snippet, r.folded}
		})
}

// rebuildSearch fills the index from every entity of every kind; the
// migration that made the index runs it over the data already there.
func (tx *Tx) rebuildSearch() error {
	if _, err := tx.ExecContext(tx.ctx, `DELETE FROM search_entries`); err != nil {
		return err
	}
	for _, k := range searchKinds {
		rows, err := tx.QueryContext(tx.ctx, k.source+` ORDER BY x.id`)
		if err != nil {
			return err
		}
		all, err := scanAll(rows, func(r *sql.Rows) (searchRow, error) {
			var id int64
			var title, text, extra sql.NullString
			err := r.Scan(&id, &title, &text, &extra)
			return newSearchRow(id, title.String, text.String, extra.String), err
		})
		if err != nil {
			return err
		}
		if err := tx.indexMany(k.kind, all); err != nil {
			return err
		}
	}
	return nil
}

// searchDDL is each engine's own index over search_entries.folded.
var searchDDL = map[string][]string{
	// An external-content FTS5 table reads its text from search_entries
	// and is kept by triggers, so whatever writes search_entries — a
	// write, a rebuild, a copy or restore into SQLite — keeps it. The
	// folded text is words of letters and digits between single spaces,
	// which unicode61 splits where Go did.
	SQLite: {
		`CREATE VIRTUAL TABLE search_fts USING fts5(folded, content='search_entries', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`,
		`CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
			INSERT INTO search_fts (rowid, folded) VALUES (new.id, new.folded); END`,
		`CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
			INSERT INTO search_fts (search_fts, rowid, folded) VALUES ('delete', old.id, old.folded); END`,
		`CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN
			INSERT INTO search_fts (search_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
			INSERT INTO search_fts (rowid, folded) VALUES (new.id, new.folded); END`,
	},
	// The words go into the tsvector as Go folded them, not through a
	// text search configuration's parser, and the query's lexemes are
	// quoted: the engine matches exactly the words SQLite matches.
	Postgres: {
		`CREATE INDEX search_entries_words ON search_entries USING GIN (` + pgSearchVector + `)`,
	},
}

// pgSearchVector is the indexed expression; the query repeats it exactly.
const pgSearchVector = `array_to_tsvector(string_to_array(folded, ' '))`

// searchTables are the tables SQLite's FTS5 keeps for the index: a copy
// carries search_entries, and the triggers rebuild them in the target.
var searchTables = []string{"search_fts", "search_fts_data", "search_fts_idx", "search_fts_docsize", "search_fts_config"}

func init() {
	for _, t := range searchTables {
		copySkips[t] = true
	}
}

// setUpSearch runs after 019_library.sql: the engine's index, then the
// entries of what the database holds already.
func (tx *Tx) setUpSearch() error {
	for _, stmt := range searchDDL[tx.db.engine] {
		if _, err := tx.ExecContext(tx.ctx, stmt); err != nil {
			return fmt.Errorf("%w\n%s", err, stmt)
		}
	}
	return tx.rebuildSearch()
}

func init() {
	afterMigration["migrations/019_library.sql"] = (*Tx).setUpSearch
}
