package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"payesh"
)

// Search finds what the reader reads whose title or text holds every word
// of the query (each word a prefix of a word there), best first: one
// statement over the index, the reader's scope applied per kind in it.
func (db *DB) Search(ctx context.Context, q payesh.SearchQuery) ([]*payesh.SearchHit, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	terms, err := payesh.ParseSearch(q.Q)
	if err != nil {
		return nil, err
	}
	limit := min(q.Limit, payesh.MaxSearchLimit)
	if limit <= 0 {
		limit = payesh.DefaultSearchLimit
	}
	w := &where{}
	var from, order string
	if db.engine == SQLite {
		from = `search_fts JOIN search_entries e ON e.id = search_fts.rowid`
		w.add(`search_fts MATCH ?`, ftsQuery(terms))
		order = `search_fts.rank, e.id`
	} else {
		from = `search_entries e`
		w.add(`array_to_tsvector(string_to_array(e.folded, ' ')) @@ CAST(? AS tsquery)`, tsQuery(terms))
		// $1 is the match's query, added first.
		order = `ts_rank(array_to_tsvector(string_to_array(e.folded, ' ')), CAST($1 AS tsquery)) DESC, e.id`
	}
	var kinds []string
	var args []any
	for _, k := range searchKinds {
		if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, k.kind) {
			continue
		}
		cond, cargs := k.readable(s)
		if cond == "" {
			kinds = append(kinds, `e.kind = ?`)
			args = append(args, k.kind)
		} else {
			kinds = append(kinds, `(e.kind = ? AND `+cond+`)`)
			args = append(append(args, k.kind), cargs...)
		}
	}
	if len(kinds) == 0 {
		return []*payesh.SearchHit{}, nil
	}
	w.add("("+strings.Join(kinds, " OR ")+")", args...)
	rows, err := db.db.QueryContext(ctx, `SELECT e.kind, e.entity_id, e.title, e.snippet FROM `+from+w.String()+
		` ORDER BY `+order+` LIMIT `+strconv.Itoa(limit), w.args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.SearchHit, error) {
		var h payesh.SearchHit
		return &h, r.Scan(&h.Kind, &h.ID, &h.Title, &h.Snippet)
	})
}

// ftsQuery is the terms as an FTS5 query: every term, each a prefix; a
// word joined with a ZWNJ as its parts or written together.
func ftsQuery(terms []payesh.SearchTerm) string {
	return searchQuery(terms, func(w string) string { return `"` + w + `"*` }, " AND ", " OR ")
}

// tsQuery is the terms as a tsquery of quoted lexemes, which PostgreSQL
// takes as they are.
func tsQuery(terms []payesh.SearchTerm) string {
	return searchQuery(terms, func(w string) string { return `'` + w + `':*` }, " & ", " | ")
}

// searchQuery writes terms with an engine's spelling. A folded word holds
// letters and digits only, so no quote needs escaping.
func searchQuery(terms []payesh.SearchTerm, word func(string) string, and, or string) string {
	out := make([]string, len(terms))
	for i, t := range terms {
		parts := make([]string, len(t.Parts))
		for j, p := range t.Parts {
			parts[j] = word(p)
		}
		out[i] = "(" + strings.Join(parts, and) + ")"
		if t.Joined != "" {
			out[i] = "(" + out[i] + or + word(t.Joined) + ")"
		}
	}
	return strings.Join(out, and)
}
