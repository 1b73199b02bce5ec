package store

import (
	"context"
	"database/sql"
	"slices"

	"payesh"
)

// Read scope: who reads what is payesh.ReadScope, stated once; this file
// applies it. Every read of work, indicators, values and roll-ups goes
// through readScope, which derives the user's scope from the cached org
// tree (FindAllOrgUnits) without a query while the tree is current, so a
// request pays for it in map lookups; so does every write, before its
// transaction begins (Tx.scope). Reports keep their own check, canRead,
// which is ReadScope.ReadsReport on the user alone.

// orgIndex is the org tree as scopes read it, built once per version of
// the cached tree: units by id, and the headquarters units, whose work
// is national.
type orgIndex struct {
	src  []*payesh.OrgUnit // the cached tree it was built from
	byID map[int64]*payesh.OrgUnit
	// national holds the headquarters units (payesh.ReachNational);
	// nationalIDs lists them in id order, for SQL.
	national    map[int64]bool
	nationalIDs []int64
}

func newOrgIndex(units []*payesh.OrgUnit) *orgIndex {
	ix := &orgIndex{src: units, byID: make(map[int64]*payesh.OrgUnit, len(units)), national: map[int64]bool{}}
	for _, u := range units {
		ix.byID[u.ID] = u
	}
	for _, u := range units {
		if reach, _ := payesh.ReachOf(u.Path, ix.unit); reach == payesh.ReachNational {
			ix.national[u.ID] = true
			ix.nationalIDs = append(ix.nationalIDs, u.ID)
		}
	}
	slices.Sort(ix.nationalIDs)
	return ix
}

func (ix *orgIndex) unit(id int64) *payesh.OrgUnit { return ix.byID[id] }

// path is the path of unit id, "" for a unit the tree does not hold.
func (ix *orgIndex) path(id int64) string {
	if u := ix.byID[id]; u != nil {
		return u.Path
	}
	return ""
}

// orgIndexOf returns the index of the current cached tree.
func (db *DB) orgIndexOf(ctx context.Context) (*orgIndex, error) {
	units, err := db.FindAllOrgUnits(ctx)
	if err != nil {
		return nil, err
	}
	c := db.orgCache()
	if ix := c.index.Load(); ix != nil && len(ix.src) == len(units) && (len(units) == 0 || &ix.src[0] == &units[0]) {
		return ix, nil
	}
	ix := newOrgIndex(units)
	c.index.Store(ix)
	return ix, nil
}

// scope is a reader's payesh.ReadScope with the tree it was derived from,
// which places the units of what is read.
type scope struct {
	payesh.ReadScope
	ix *orgIndex // nil for admins and the secretariat, who need none
}

// readScope returns the scope of the active user in ctx.
func (db *DB) readScope(ctx context.Context) (scope, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return scope{}, err
	}
	if u.CanConfigure() {
		return scope{ReadScope: payesh.NewReadScope(u, nil)}, nil
	}
	ix, err := db.orgIndexOf(ctx)
	if err != nil {
		return scope{}, err
	}
	return scope{ReadScope: payesh.NewReadScope(u, ix.unit), ix: ix}, nil
}

// readsWork reports whether the reader reads item w.
func (s scope) readsWork(w *payesh.WorkItem) bool {
	if s.Everything() {
		return true
	}
	partners := make([]string, 0, len(w.PartnerUnitIDs))
	for _, id := range w.PartnerUnitIDs {
		partners = append(partners, s.ix.path(id))
	}
	return s.ReadsWork(s.ix.path(w.OwnerUnitID), s.ix.national[w.OwnerUnitID], partners)
}

// unitPath is the path of unit id for scope checks, "" when the tree
// does not hold it (nothing is under "").
func (s scope) unitPath(id int64) string {
	if s.ix == nil {
		return ""
	}
	return s.ix.path(id)
}

// basisAt is the basis the reader reads the units' numbers on: b, or
// the approved basis when any of them is out of the reader's provisional
// reach (all units, when none is named).
func (s scope) basisAt(b payesh.Basis, unitIDs ...int64) payesh.Basis {
	if b != payesh.BasisProvisional || s.Everything() {
		return b
	}
	if len(unitIDs) == 0 {
		return payesh.BasisApproved
	}
	for _, id := range unitIDs {
		if p := s.unitPath(id); p == "" || !s.ReadsProvisional(p) {
			return payesh.BasisApproved
		}
	}
	return b
}

// readsValue reports whether the reader reads value v (whose indicator
// it reads).
func (s scope) readsValue(v *payesh.IndicatorValue) bool {
	if s.AllValues || v.State == payesh.ValueApproved {
		return true
	}
	return s.ReadsValue(s.unitPath(v.UnitID), v.State)
}

// workCondition adds to q the condition that keeps the work the reader
// reads (workScope); within, when set, is the path of a subtree the list
// is already limited to, owned or partnered: inside the reader's own
// subtree it needs no more.
func (s scope) workCondition(q *workQuery, within string) {
	switch {
	case s.Everything():
		return
	case s.Nothing():
		q.none = true
		return
	case within != "" && s.Within(within):
		return
	}
	filter, walk, args := s.workScope()
	q.add(filter, walk, args...)
}

// workWhere adds the reader's condition on work items aliased w to a
// plain statement's conditions.
func (s scope) workWhere(w *where) {
	switch {
	case s.Everything():
	case s.Nothing():
		w.add("1 = 0")
	default:
		filter, _, args := s.workScope()
		w.add(filter, args...)
	}
}

// workScope is the condition that keeps the work the reader reads, as
// index ranges, in two spellings (see workQuery): for a province, the
// items owned in its subtree (a range of org_units.path) or by a
// headquarters unit (a list of ids on work_items_owner), or partnered by
// a unit of its subtree (work_item_partners_unit); for a partner, owned or
// partnered by its subtree. Walking a sort key's index, each entry is
// checked: the owner against the same lists, the partnerships through the
// item's own key.
func (s scope) workScope() (filter, walk string, args []any) {
	lo, hi := subtreeRange(s.Root)
	filters := []string{`w.owner_unit_id IN (` + subtreeUnits + `)`}
	walks := []string{`w.owner_unit_id + 0 IN (` + subtreeUnits + `)`}
	args = []any{lo, hi}
	if s.Reach == payesh.ReachProvince && len(s.ix.nationalIDs) > 0 {
		in := inList(len(s.ix.nationalIDs))
		filters = append(filters, `w.owner_unit_id IN `+in)
		walks = append(walks, `w.owner_unit_id + 0 IN `+in)
		args = append(args, anySlice(s.ix.nationalIDs)...)
	}
	filters = append(filters, `w.id IN (SELECT p.work_item_id FROM work_item_partners p WHERE p.unit_id IN (`+subtreeUnits+`))`)
	walks = append(walks, `EXISTS (SELECT 1 FROM work_item_partners p JOIN org_units u ON u.id = p.unit_id
		WHERE p.work_item_id = w.id AND u.path >= ? AND u.path < ?)`)
	args = append(args, lo, hi)
	return "(" + joinOr(filters) + ")", "(" + joinOr(walks) + ")", args
}

func joinOr(conds []string) string {
	out := conds[0]
	for _, c := range conds[1:] {
		out += " OR " + c
	}
	return out
}

// readableIndicators returns, for a partner, the ids of the indicators
// linked to work it reads (indicator_work), in one query over its own
// work; nil, meaning every indicator, for everyone else.
func (db *DB) readableIndicators(ctx context.Context, s scope) (map[int64]bool, error) {
	if !s.Partner() {
		return nil, nil
	}
	w := &where{}
	s.workWhere(w)
	rows, err := db.db.QueryContext(ctx, `SELECT DISTINCT iw.indicator_id FROM indicator_work iw
		WHERE iw.work_item_id IN (SELECT w.id FROM work_items w`+w.String()+`)`, w.args...)
	if err != nil {
		return nil, err
	}
	ids, err := scanAll(rows, func(r *sql.Rows) (id int64, err error) { return id, r.Scan(&id) })
	if err != nil {
		return nil, err
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// requireIndicator returns not found unless the reader reads indicator
// id: everyone but a partner reads every indicator.
func (db *DB) requireIndicator(ctx context.Context, s scope, id int64) error {
	if !s.Partner() {
		return nil
	}
	ok, err := db.readableIndicators(ctx, s)
	if err != nil {
		return err
	}
	if !ok[id] {
		return payesh.NotFound("indicator")
	}
	return nil
}

// ReadScope returns the signed-in user's scope, for pages that leave out
// what the store would refuse (a provisional switch, say).
func (db *DB) ReadScope(ctx context.Context) (payesh.ReadScope, error) {
	s, err := db.readScope(ctx)
	return s.ReadScope, err
}

// mapKeys returns a set's members in order.
func mapKeys(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
