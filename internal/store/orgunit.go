package store

import (
	"context"
	"database/sql"
	"slices"

	"payesh"
)

const unitColumns = `u.id, u.parent_id, u.kind, u.code, u.name_fa, u.name_en, u.path, u.depth, u.version, u.created_at, u.updated_at`

func scanUnit(r interface{ Scan(...any) error }) (*payesh.OrgUnit, error) {
	var u payesh.OrgUnit
	var parent sql.NullInt64
	err := r.Scan(&u.ID, &parent, &u.Kind, &u.Code, &u.NameFA, &u.NameEN, &u.Path, &u.Depth,
		&u.Version, &u.CreatedAt, &u.UpdatedAt)
	if parent.Valid {
		u.ParentID = &parent.Int64
	}
	return &u, err
}

func findUnit(ctx context.Context, q queryer, id int64) (*payesh.OrgUnit, error) {
	u, err := scanUnit(q.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM org_units u WHERE u.id = $1`, id))
	return u, notFoundIfNoRows(err, "org_unit")
}

// FindOrgUnitByID returns one unit.
func (db *DB) FindOrgUnitByID(ctx context.Context, id int64) (*payesh.OrgUnit, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	return findUnit(ctx, db.db, id)
}

// FindOrgUnitByCode returns the unit with a code.
func (db *DB) FindOrgUnitByCode(ctx context.Context, code string) (*payesh.OrgUnit, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	u, err := scanUnit(db.db.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM org_units u WHERE u.code = $1`, code))
	return u, notFoundIfNoRows(err, "org_unit")
}

// FindOrgUnits lists units in tree order (by path), which is also stable.
func (db *DB) FindOrgUnits(ctx context.Context, f payesh.OrgUnitFilter) ([]*payesh.OrgUnit, int, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, 0, err
	}
	w := &where{}
	if f.SubtreeOf != 0 {
		w.add("u.path LIKE (SELECT path FROM org_units WHERE id = ?) || '%'", f.SubtreeOf)
	}
	if f.ParentID != nil {
		if *f.ParentID == 0 {
			w.add("u.parent_id IS NULL")
		} else {
			w.add("u.parent_id = ?", *f.ParentID)
		}
	}
	if f.Kind != "" {
		w.add("u.kind = ?", f.Kind)
	}
	if f.Q != "" {
		w.add(`(`+foldedColumn("u.name_fa")+` LIKE ? ESCAPE '\' OR lower(u.name_en) LIKE ? ESCAPE '\' OR u.code LIKE ? ESCAPE '\')`, likeFolded(f.Q), like(f.Q), like(f.Q))
	}
	total, err := db.count(ctx, "org_units u", w)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+unitColumns+` FROM org_units u`+w.String()+
		` ORDER BY u.path, u.id`+pageSQL(f.Page), w.args...)
	if err != nil {
		return nil, 0, err
	}
	units, err := scanAll(rows, func(r *sql.Rows) (*payesh.OrgUnit, error) { return scanUnit(r) })
	return units, total, err
}

// CreateOrgUnit adds a unit under its parent. Like every change of the
// tree's shape it holds the org tree exclusively (lock.go), so the
// parent's path cannot change under it.
func (db *DB) CreateOrgUnit(ctx context.Context, u *payesh.OrgUnit) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	u.Normalize()
	if err := u.Validate(); err != nil {
		return err
	}
	defer db.orgChanged()
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.lockOrg(true); err != nil {
			return err
		}
		parentPath, err := tx.parentUnitPath(u.ParentID)
		if err != nil {
			return err
		}
		err = tx.QueryRowContext(tx.ctx, `
			INSERT INTO org_units (parent_id, kind, code, name_fa, name_en, path, depth, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, '', 0, $6, $6) RETURNING id`,
			u.ParentID, u.Kind, u.Code, u.NameFA, u.NameEN, tx.now).Scan(&u.ID)
		if isUniqueViolation(err) {
			return codeTaken()
		} else if err != nil {
			return err
		}
		u.Path, u.Version, u.CreatedAt, u.UpdatedAt = childPath(parentPath, u.ID), 1, tx.now, tx.now
		u.Depth = depthOf(u.Path)
		if _, err := tx.ExecContext(tx.ctx, `UPDATE org_units SET path = $1, depth = $2 WHERE id = $3`, u.Path, u.Depth, u.ID); err != nil {
			return err
		}
		return tx.audit("org_unit", u.ID, payesh.ActionCreate, nil, u)
	})
}

// UpdateOrgUnit changes a unit; moving it moves its whole subtree and
// its values out of the roll-ups of the ancestors it leaves and into
// those of the ancestors it joins.
func (db *DB) UpdateOrgUnit(ctx context.Context, id int64, up payesh.OrgUnitUpdate) (*payesh.OrgUnit, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(up.Version); err != nil {
		return nil, err
	}
	var after *payesh.OrgUnit
	defer db.orgChanged()
	err := db.write(ctx, func(tx *Tx) (err error) {
		after, err = tx.updateOrgUnit(id, up)
		return err
	})
	return after, err
}

func (tx *Tx) updateOrgUnit(id int64, up payesh.OrgUnitUpdate) (*payesh.OrgUnit, error) {
	if up.ParentID != nil {
		if err := tx.lockOrg(true); err != nil {
			return nil, err
		}
	}
	before, err := findUnit(tx.ctx, tx, id)
	if err != nil {
		return nil, err
	}
	u := *before
	up.Apply(&u)
	u.Normalize()
	if err := u.Validate(); err != nil {
		return nil, err
	}
	parentPath, err := tx.parentUnitPath(u.ParentID)
	if err != nil {
		return nil, err
	}
	if isUnder(parentPath, before.Path) {
		return nil, payesh.Invalid(map[string]string{"parent_id": "err.parent_cycle"})
	}
	u.Path = childPath(parentPath, id)
	u.Depth, u.UpdatedAt = depthOf(u.Path), tx.now
	res, err := tx.ExecContext(tx.ctx, `
		UPDATE org_units SET parent_id = $1, kind = $2, code = $3, name_fa = $4, name_en = $5,
			path = $6, depth = $7, updated_at = $8, version = version + 1
		WHERE id = $9 AND version = $10`,
		u.ParentID, u.Kind, u.Code, u.NameFA, u.NameEN, u.Path, u.Depth, tx.now, id, up.Version)
	if isUniqueViolation(err) {
		return nil, codeTaken()
	} else if err != nil {
		return nil, err
	}
	if err := checkVersion(res, func() (any, error) { return findUnit(tx.ctx, tx, id) }); err != nil {
		return nil, err
	}
	u.Version = before.Version + 1
	if u.Path != before.Path {
		if err := tx.movePaths("org_units", before.Path, u.Path); err != nil {
			return nil, err
		}
		left, joined := movedAncestors(before.Path, u.Path)
		if err := tx.moveRollups(id, left, joined); err != nil {
			return nil, err
		}
	}
	return &u, tx.audit("org_unit", id, payesh.ActionUpdate, before, &u)
}

// movedAncestors returns the units whose subtree a move changes: the
// ancestors the unit leaves and those it joins, not the ones above both.
func movedAncestors(oldPath, newPath string) (left, joined []int64) {
	oldAnc, newAnc := ancestors(oldPath), ancestors(newPath)
	oldAnc, newAnc = oldAnc[:len(oldAnc)-1], newAnc[:len(newAnc)-1] // not the unit itself
	for _, id := range oldAnc {
		if !slices.Contains(newAnc, id) {
			left = append(left, id)
		}
	}
	for _, id := range newAnc {
		if !slices.Contains(oldAnc, id) {
			joined = append(joined, id)
		}
	}
	return left, joined
}

// DeleteOrgUnit removes a unit nothing refers to. Values and targets are
// keyed by indicator, then unit, hence the IN over indicators: it reads
// the unit's rows through that key instead of scanning every value.
func (db *DB) DeleteOrgUnit(ctx context.Context, id int64, version int) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	if err := requireVersion(version); err != nil {
		return err
	}
	defer db.orgChanged()
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.lockOrg(true); err != nil {
			return err
		}
		before, err := findUnit(tx.ctx, tx, id)
		if err != nil {
			return err
		}
		return tx.deleteRow("org_unit", "org_units", id, before, before.Version, version, childrenOf("org_units"),
			dependent{`SELECT
				(SELECT COUNT(*) FROM users WHERE unit_id = $1) +
				(SELECT COUNT(*) FROM work_items WHERE owner_unit_id = $1) +
				(SELECT COUNT(*) FROM work_item_partners WHERE unit_id = $1) +
				(SELECT COUNT(*) FROM indicator_values WHERE indicator_id IN (SELECT id FROM indicators) AND unit_id = $1) +
				(SELECT COUNT(*) FROM indicator_targets WHERE indicator_id IN (SELECT id FROM indicators) AND unit_id = $1) +
				(SELECT COUNT(*) FROM reports WHERE unit_id = $1) +
				(SELECT COUNT(*) FROM reminders WHERE unit_id = $1)`, "err.in_use"})
	})
}

// parentUnitPath returns the path of the parent unit, "" for the root; an
// unknown parent is a field error, not a 404, since the id came from a form.
func (tx *Tx) parentUnitPath(parentID *int64) (string, error) {
	if parentID == nil {
		return "", nil
	}
	p, err := tx.unitPath(*parentID)
	if payesh.ErrorCode(err) == payesh.ENOTFOUND {
		return "", payesh.Invalid(map[string]string{"parent_id": "err.unknown_ref"})
	}
	return p, err
}

func (tx *Tx) unitPath(id int64) (string, error) {
	var p string
	err := tx.QueryRowContext(tx.ctx, `SELECT path FROM org_units WHERE id = $1`, id).Scan(&p)
	return p, notFoundIfNoRows(err, "org_unit")
}

func (tx *Tx) countRefs(query string, id int64) (int, error) {
	var n int
	err := tx.QueryRowContext(tx.ctx, query, id).Scan(&n)
	return n, err
}

func orConflict(err error, key string) error {
	if err != nil {
		return err
	}
	return payesh.Errorf(payesh.ECONFLICT, key)
}

func codeTaken() error {
	return &payesh.Error{Code: payesh.ECONFLICT, Message: "err.code_taken", Fields: map[string]string{"code": "err.code_taken"}}
}

// isUnder reports whether path lies in the subtree rooted at root.
func isUnder(path, root string) bool {
	return path != "" && len(path) >= len(root) && path[:len(root)] == root
}
