package store

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	"payesh"
)

// clauseColumns include the number of work items linked to the clause or
// any clause under it, so the policy tree shows unanswered clauses at once.
const clauseColumns = `c.id, c.document_id, c.parent_id, c.number, c.ordinal, c.title_fa, c.title_en,
	c.text, c.note, c.path, c.depth, c.version, c.created_at, c.updated_at,
	(SELECT COUNT(DISTINCT l.work_item_id) FROM work_item_clauses l JOIN clauses s ON s.id = l.clause_id
	 WHERE s.path LIKE c.path || '%')`

func scanClause(r interface{ Scan(...any) error }) (*payesh.Clause, error) {
	var c payesh.Clause
	var parent sql.NullInt64
	err := r.Scan(&c.ID, &c.DocumentID, &parent, &c.Number, &c.Ordinal, &c.TitleFA, &c.TitleEN,
		&c.Text, &c.Note, &c.Path, &c.Depth, &c.Version, &c.CreatedAt, &c.UpdatedAt, &c.WorkCount)
	if parent.Valid {
		c.ParentID = &parent.Int64
	}
	return &c, err
}

func findClause(ctx context.Context, q queryer, id int64) (*payesh.Clause, error) {
	c, err := scanClause(q.QueryRowContext(ctx, `SELECT `+clauseColumns+` FROM clauses c WHERE c.id = $1`, id))
	return c, notFoundIfNoRows(err, "clause")
}

// FindClauseByID returns one clause.
func (db *DB) FindClauseByID(ctx context.Context, id int64) (*payesh.Clause, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	return findClause(ctx, db.db, id)
}

// FindClauses returns a document's clauses depth first, siblings by ordinal
// then number, the order in which the document reads.
func (db *DB) FindClauses(ctx context.Context, documentID int64) ([]*payesh.Clause, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	if _, err := findDocument(ctx, db.db, documentID); err != nil {
		return nil, err
	}
	v, err := db.cached(ctx, cacheKey{"clauses", documentID}, func() (any, error) { return db.loadClauseTree(ctx, documentID) })
	if err != nil {
		return nil, err
	}
	shared := v.([]*payesh.Clause)
	out := make([]*payesh.Clause, len(shared))
	for n, c := range shared {
		cp := *c
		out[n] = &cp
	}
	return out, nil
}

// loadClauseTree reads a document's clauses in tree order with their
// counts of linked work.
func (db *DB) loadClauseTree(ctx context.Context, documentID int64) ([]*payesh.Clause, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+clauseTreeColumns+` FROM clauses c WHERE c.document_id = $1`, documentID)
	if err != nil {
		return nil, err
	}
	all, err := scanAll(rows, func(r *sql.Rows) (*payesh.Clause, error) { return scanClause(r) })
	if err != nil {
		return nil, err
	}
	if err := db.countClauseWork(ctx, documentID, all); err != nil {
		return nil, err
	}
	return treeOrder(all), nil
}

// clauseTreeColumns are clauseColumns without the per-clause count, which
// for a whole tree countClauseWork makes in one read of the links: the
// subquery per clause read every link under it, once per clause.
const clauseTreeColumns = `c.id, c.document_id, c.parent_id, c.number, c.ordinal, c.title_fa, c.title_en,
	c.text, c.note, c.path, c.depth, c.version, c.created_at, c.updated_at, 0`

// countClauseWork sets each clause's WorkCount: the work items linked to
// it or to a clause under it, each once. The links are read in item order,
// and each item adds one to every clause its links reach, ancestors
// included.
func (db *DB) countClauseWork(ctx context.Context, documentID int64, clauses []*payesh.Clause) error {
	byID := make(map[int64]*payesh.Clause, len(clauses))
	for _, c := range clauses {
		byID[c.ID] = c
	}
	rows, err := db.db.QueryContext(ctx, `SELECT l.work_item_id, l.clause_id FROM work_item_clauses l
		JOIN clauses c ON c.id = l.clause_id WHERE c.document_id = $1 ORDER BY l.work_item_id`, documentID)
	if err != nil {
		return err
	}
	defer rows.Close()
	var item int64 = -1
	reached := map[int64]bool{}
	flush := func() {
		for id := range reached {
			byID[id].WorkCount++
		}
		clear(reached)
	}
	for rows.Next() {
		var w, cl int64
		if err := rows.Scan(&w, &cl); err != nil {
			return err
		}
		if w != item {
			flush()
			item = w
		}
		for c := byID[cl]; c != nil && !reached[c.ID]; {
			reached[c.ID] = true
			if c.ParentID == nil {
				break
			}
			c = byID[*c.ParentID]
		}
	}
	flush()
	return rows.Err()
}

// treeOrder sorts clauses depth first. Paths hold ids, which do not follow
// the document's order, so the order is built from parent links.
func treeOrder(all []*payesh.Clause) []*payesh.Clause {
	children := map[int64][]*payesh.Clause{}
	for _, c := range all {
		var p int64
		if c.ParentID != nil {
			p = *c.ParentID
		}
		children[p] = append(children[p], c)
	}
	for _, list := range children {
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].Ordinal != list[j].Ordinal {
				return list[i].Ordinal < list[j].Ordinal
			}
			if c := strings.Compare(list[i].Number, list[j].Number); c != 0 {
				return c < 0
			}
			return list[i].ID < list[j].ID
		})
	}
	out := make([]*payesh.Clause, 0, len(all))
	var walk func(int64)
	walk = func(p int64) {
		for _, c := range children[p] {
			out = append(out, c)
			walk(c.ID)
		}
	}
	walk(0)
	return out
}

// CreateClause adds a clause to a document, under a parent clause or at the
// top.
func (db *DB) CreateClause(ctx context.Context, c *payesh.Clause) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if _, err := findDocument(ctx, tx, c.DocumentID); err != nil {
			return err
		}
		parentPath, err := tx.parentClausePath(c.DocumentID, c.ParentID)
		if err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `
			INSERT INTO clauses (document_id, parent_id, number, ordinal, title_fa, title_en, text, note, path, depth, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '', 0, $9, $9) RETURNING id`,
			c.DocumentID, c.ParentID, c.Number, c.Ordinal, c.TitleFA, c.TitleEN, c.Text, c.Note, tx.now).Scan(&c.ID)
		if err != nil {
			return err
		}
		c.Path, c.Version, c.CreatedAt, c.UpdatedAt = childPath(parentPath, c.ID), 1, tx.now, tx.now
		c.Depth = depthOf(c.Path)
		if _, err := tx.ExecContext(ctx, `UPDATE clauses SET path = $1, depth = $2 WHERE id = $3`, c.Path, c.Depth, c.ID); err != nil {
			return err
		}
		if err := tx.audit("clause", c.ID, payesh.ActionCreate, nil, c); err != nil {
			return err
		}
		return tx.reindex(payesh.SearchClause, c.ID)
	})
}

// UpdateClause changes a clause, for example to load the official wording.
func (db *DB) UpdateClause(ctx context.Context, id int64, up payesh.ClauseUpdate) (*payesh.Clause, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(up.Version); err != nil {
		return nil, err
	}
	var after *payesh.Clause
	err := db.write(ctx, func(tx *Tx) error {
		before, err := findClause(ctx, tx, id)
		if err != nil {
			return err
		}
		c := *before
		up.Apply(&c)
		c.Normalize()
		if err := c.Validate(); err != nil {
			return err
		}
		parentPath, err := tx.parentClausePath(c.DocumentID, c.ParentID)
		if err != nil {
			return err
		}
		if isUnder(parentPath, before.Path) {
			return payesh.Invalid(map[string]string{"parent_id": "err.parent_cycle"})
		}
		c.Path = childPath(parentPath, id)
		c.Depth, c.UpdatedAt = depthOf(c.Path), tx.now
		res, err := tx.ExecContext(ctx, `
			UPDATE clauses SET parent_id = $1, number = $2, ordinal = $3, title_fa = $4, title_en = $5,
				text = $6, note = $7, path = $8, depth = $9, updated_at = $10, version = version + 1
			WHERE id = $11 AND version = $12`,
			c.ParentID, c.Number, c.Ordinal, c.TitleFA, c.TitleEN, c.Text, c.Note, c.Path, c.Depth, tx.now, id, up.Version)
		if err != nil {
			return err
		}
		if err := checkVersion(res, func() (any, error) { return findClause(ctx, tx, id) }); err != nil {
			return err
		}
		c.Version = before.Version + 1
		if err := tx.movePaths("clauses", before.Path, c.Path); err != nil {
			return err
		}
		if err := tx.audit("clause", id, payesh.ActionUpdate, before, &c); err != nil {
			return err
		}
		after = &c
		return tx.reindex(payesh.SearchClause, id)
	})
	return after, err
}

// DeleteClause removes a clause with no sub-clauses and no work linked.
func (db *DB) DeleteClause(ctx context.Context, id int64, version int) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	if err := requireVersion(version); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		before, err := findClause(ctx, tx, id)
		if err != nil {
			return err
		}
		err = tx.deleteRow("clause", "clauses", id, before, before.Version, version, childrenOf("clauses"),
			dependent{`SELECT COUNT(*) FROM work_item_clauses WHERE clause_id = $1`, "err.in_use"},
			dependent{`SELECT COUNT(*) FROM clause_links WHERE clause_id = $1 OR article_id = $1`, "err.in_use"},
			dependent{`SELECT COUNT(*) FROM consultation_clauses WHERE clause_id = $1`, "err.in_use"})
		if err != nil {
			return err
		}
		return tx.reindex(payesh.SearchClause, id)
	})
}

// parentClausePath returns the parent clause's path; the parent must exist
// and belong to the same document.
func (tx *Tx) parentClausePath(documentID int64, parentID *int64) (string, error) {
	if parentID == nil {
		return "", nil
	}
	var path string
	var doc int64
	err := tx.QueryRowContext(tx.ctx, `SELECT path, document_id FROM clauses WHERE id = $1`, *parentID).Scan(&path, &doc)
	if err == sql.ErrNoRows {
		return "", payesh.Invalid(map[string]string{"parent_id": "err.unknown_ref"})
	} else if err != nil {
		return "", err
	}
	if doc != documentID {
		return "", payesh.Invalid(map[string]string{"parent_id": "err.clause.document"})
	}
	return path, nil
}
