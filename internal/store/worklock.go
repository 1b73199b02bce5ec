package store

import (
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"payesh"
)

// lockWorkTrees takes the locks of the work trees that hold the given
// items (lock.go). Ids that do not exist are skipped: the caller's own
// read reports them. The paths are read before the locks are granted, so
// an item may have moved meanwhile: the caller checks each path it reads
// afterwards with inLockedTree.
func (tx *Tx) lockWorkTrees(ids ...int64) error {
	roots := make([]int64, 0, len(ids))
	for _, id := range ids {
		var path string
		err := tx.QueryRowContext(tx.ctx, `SELECT path FROM work_items WHERE id = $1`, id).Scan(&path)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return err
		}
		roots = append(roots, rootOf(path))
	}
	return tx.lock(lockWorkTree, roots...)
}

// inLockedTree returns errRetry unless path, read after lockWorkTrees,
// lies in a tree this transaction holds: then write runs it again, and
// the next attempt locks the tree the item moved to.
func (tx *Tx) inLockedTree(path string) error {
	if tx.db.engine != Postgres || tx.held[lockKey(lockWorkTree, rootOf(path))] {
		return nil
	}
	return errRetry
}

// rootOf returns the first id of a materialized path: "/4/17/" → 4.
func rootOf(path string) int64 {
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	id, _ := strconv.ParseInt(first, 10, 64)
	return id
}

// lockedWorkItem reads an item with its work tree locked.
func (tx *Tx) lockedWorkItem(id int64) (*payesh.WorkItem, error) {
	if err := tx.lockWorkTrees(id); err != nil {
		return nil, err
	}
	w, err := tx.db.findWorkItem(tx.ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return w, tx.inLockedTree(w.Path)
}
