package store

import (
	"database/sql"
	"fmt"
	"maps"
	"slices"

	"payesh"
	"payesh/internal/jalali"
)

// saveValues holds the org tree (shared: unit paths stay as read) and
// every indicator of the batch with the ratios computed from them, so the
// values and roll-ups it reads are the committed ones and stay so until
// it commits. A grid of fifty cells costs a handful of statements: the
// cells are checked in memory, the stored ones read (and on PostgreSQL
// locked) in one query, then written and audited in one multi-row
// statement each.
func (tx *Tx) saveValues(values []payesh.IndicatorValue) ([]*payesh.IndicatorValue, error) {
	ids := make([]int64, len(values))
	for i, v := range values {
		ids[i] = v.IndicatorID
	}
	if err := tx.lockOrg(false); err != nil {
		return nil, err
	}
	b, err := tx.newRollupBatch(ids)
	if err != nil {
		return nil, err
	}
	cells, err := b.checkCells(values)
	if err != nil {
		return nil, err
	}
	if err := tx.readCells(cells); err != nil {
		return nil, err
	}
	for _, c := range cells {
		if err := checkValueVersion(c.n, c.v.Version, c.cur); err != nil {
			return nil, err
		}
	}
	if err := tx.writeCells(cells); err != nil {
		return nil, err
	}
	saved := make([]*payesh.IndicatorValue, len(cells))
	for n, c := range cells {
		b.record(c.v.IndicatorID, c.change())
		saved[n] = c.v
	}
	return saved, b.apply()
}

// cell is one value of a batch on its way to the table: its place in the
// batch (for field errors), the value as it will be stored, its unit, and
// the stored value it replaces.
type cell struct {
	n      int
	v      *payesh.IndicatorValue
	own    bool
	key    periodKey
	unit   *payesh.OrgUnit
	cur    *payesh.IndicatorValue
	curOwn bool
}

// change is how the cell moves the roll-ups: a new value is a draft and
// counts nowhere; a submitted value edited again leaves the provisional
// numbers until it is submitted anew.
func (c *cell) change() valueChange {
	ch := valueChange{unit: c.unit.ID, path: c.unit.Path, key: c.key, newValue: c.v.Value, newLayers: layersOf(c.v.State, c.own)}
	if c.cur != nil {
		ch.oldValue, ch.oldLayers = c.cur.Value, layersOf(c.cur.State, c.curOwn)
	}
	return ch
}

// checkCells checks each value against its indicator and unit, in memory
// but for the first sight of each unit. A value is refused from a unit
// that neither reports the indicator nor may state its own figure,
// outside the indicator's bounds, for a period after the current one, or
// twice in one batch.
func (b *rollupBatch) checkCells(values []payesh.IndicatorValue) ([]*cell, error) {
	today := jalali.FromTime(b.tx.now.In(payesh.Tehran))
	units := map[int64]*payesh.OrgUnit{}
	seen := map[[2]any]bool{}
	cells := make([]*cell, len(values))
	for n, v := range values {
		c, err := b.checkCell(n, v, today, units)
		if err != nil {
			return nil, err
		}
		k := [2]any{[2]int64{v.IndicatorID, v.UnitID}, c.key}
		if seen[k] {
			return nil, payesh.Invalid(map[string]string{fmt.Sprintf("values.%d.period", n): "err.indicator.value_repeated"})
		}
		seen[k], cells[n] = true, c
	}
	return cells, nil
}

func (b *rollupBatch) checkCell(n int, v payesh.IndicatorValue, today jalali.Date, units map[int64]*payesh.OrgUnit) (*cell, error) {
	field := func(name string) string { return fmt.Sprintf("values.%d.%s", n, name) }
	ind, err := b.indicator(v.IndicatorID)
	if payesh.ErrorCode(err) == payesh.ENOTFOUND {
		return nil, payesh.Invalid(map[string]string{field("indicator_id"): "err.unknown_ref"})
	} else if err != nil {
		return nil, err
	}
	p, err := parsePeriodField(v.Period, field("period"))
	if err != nil {
		return nil, err
	}
	if g, _ := ind.Frequency.Granularity(); p.Gran != g {
		return nil, payesh.Invalid(map[string]string{field("period"): "err.indicator.period_frequency"})
	}
	if p.First().After(today) {
		return nil, payesh.Invalid(map[string]string{field("period"): "err.indicator.future_period"})
	}
	if key := ind.CheckBounds(v.Value); key != "" {
		return nil, payesh.Invalid(map[string]string{field("value"): key})
	}
	unit := units[v.UnitID]
	if unit == nil {
		if unit, err = b.tx.unitOf(v.UnitID); payesh.ErrorCode(err) == payesh.ENOTFOUND {
			return nil, payesh.Invalid(map[string]string{field("unit_id"): "err.unknown_ref"})
		} else if err != nil {
			return nil, err
		}
		units[v.UnitID] = unit
	}
	own, err := reportsAs(ind, unit.Kind, field("unit_id"))
	if err != nil {
		return nil, err
	}
	if !b.tx.actor.CanConfigure() && !b.tx.actor.CanEditWorkOf(unit.Path) {
		return nil, payesh.ErrForbidden
	}
	v.Normalize()
	v.Period = p.String()
	return &cell{n: n, v: &v, own: own, key: keyOf(p), unit: unit}, nil
}

// reportsAs says whether a unit of kind k sends a value that adds up
// (own false) or its own figure (own true), or refuses it.
func reportsAs(ind *payesh.Indicator, k payesh.UnitKind, field string) (own bool, err error) {
	switch {
	case ind.Reports(k):
		return false, nil
	case ind.OwnFigureFrom(k):
		return true, nil
	case ind.IsRatio():
		return false, payesh.Invalid(map[string]string{field: "err.indicator.ratio_computed"})
	}
	return false, payesh.Invalid(map[string]string{field: "err.indicator.not_reporting"})
}

// unitOf reads the kind and path of a unit a value is saved for.
func (tx *Tx) unitOf(id int64) (*payesh.OrgUnit, error) {
	u := &payesh.OrgUnit{ID: id}
	err := tx.QueryRowContext(tx.ctx, `SELECT kind, path FROM org_units WHERE id = $1`, id).Scan(&u.Kind, &u.Path)
	return u, notFoundIfNoRows(err, "org_unit")
}

// readCells reads the stored values the cells replace, locked for update
// on PostgreSQL, in one query per unit and granularity.
func (tx *Tx) readCells(cells []*cell) error {
	type group struct {
		unit int64
		gran int
	}
	groups := map[group][]*cell{}
	for _, c := range cells {
		g := group{c.v.UnitID, c.key.gran}
		groups[g] = append(groups[g], c)
	}
	for g, list := range groups {
		byKey := map[[2]int64]*cell{}
		inds, periods := map[int64]bool{}, map[int]bool{}
		for _, c := range list {
			byKey[[2]int64{c.v.IndicatorID, int64(c.key.code)}] = c
			inds[c.v.IndicatorID], periods[c.key.code] = true, true
		}
		w := &where{}
		w.add("v.unit_id = ? AND v.gran = ?", g.unit, g.gran)
		w.add("v.indicator_id IN "+inList(len(inds)), anySlice(slices.Collect(maps.Keys(inds)))...)
		w.add("v.period IN "+inList(len(periods)), anySlice(slices.Collect(maps.Keys(periods)))...)
		rows, err := tx.QueryContext(tx.ctx, `SELECT `+valueColumns+`, v.own FROM indicator_values v`+w.String()+tx.forUpdate(), w.args...)
		if err != nil {
			return err
		}
		type stored struct {
			v   *payesh.IndicatorValue
			own bool
		}
		got, err := scanAll(rows, func(r *sql.Rows) (stored, error) {
			var s stored
			var err error
			s.v, err = scanValue(r, &s.own)
			return s, err
		})
		if err != nil {
			return err
		}
		for _, s := range got {
			p, _ := jalali.ParsePeriod(s.v.Period)
			if c := byKey[[2]int64{s.v.IndicatorID, int64(keyOf(p).code)}]; c != nil {
				c.cur, c.curOwn = s.v, s.own
			}
		}
	}
	return nil
}

// writeCells stores the cells as drafts — one multi-row upsert, whose
// answer gives each its id and version — and their audit events.
func (tx *Tx) writeCells(cells []*cell) error {
	var author *int64
	if tx.actor.ID != 0 {
		author = &tx.actor.ID
	}
	byKey := map[[4]int64]*cell{}
	for _, c := range cells {
		c.v.State, c.v.UpdatedAt, c.v.AuthorID = payesh.ValueDraft, tx.now, author
		byKey[[4]int64{c.v.IndicatorID, c.v.UnitID, int64(c.key.gran), int64(c.key.code)}] = c
	}
	for start := 0; start < len(cells); start += bulkRows {
		chunk := cells[start:min(start+bulkRows, len(cells))]
		if err := tx.upsertCells(chunk, byKey); err != nil {
			return err
		}
	}
	events := make([]auditEvent, len(cells))
	for n, c := range cells {
		events[n] = auditEvent{entity: "indicator_value", id: c.v.ID, action: payesh.ActionCreate, after: c.v}
		if c.cur != nil {
			events[n].action, events[n].before = payesh.ActionUpdate, map[string]any{"value": c.cur.Value, "state": c.cur.State}
		}
	}
	return tx.auditMany(events)
}

// upsertCells writes one statement's worth of cells and reads back each
// row's id and version, matched by key: the order RETURNING gives is not
// promised.
func (tx *Tx) upsertCells(chunk []*cell, byKey map[[4]int64]*cell) error {
	tuples, args := tx.tuples(11, 0, len(chunk), func(i int) []any {
		c := chunk[i]
		v := c.v
		return []any{v.IndicatorID, v.UnitID, c.key.gran, c.key.code, v.Value, v.Note, v.Evidence, v.State, v.AuthorID, tx.now, boolInt(c.own)}
	})
	rows, err := tx.QueryContext(tx.ctx, `INSERT INTO indicator_values
		(indicator_id, unit_id, gran, period, value, note, evidence, state, author_id, updated_at, own) VALUES `+tuples+`
		ON CONFLICT (indicator_id, unit_id, gran, period) DO UPDATE SET value = excluded.value, note = excluded.note,
			evidence = excluded.evidence, state = excluded.state, author_id = excluded.author_id,
			updated_at = excluded.updated_at, own = excluded.own, version = indicator_values.version + 1
		RETURNING id, indicator_id, unit_id, gran, period, version`, args...)
	if err != nil {
		return err
	}
	type back struct {
		key     [4]int64
		id      int64
		version int
	}
	got, err := scanAll(rows, func(r *sql.Rows) (back, error) {
		var b back
		return b, r.Scan(&b.id, &b.key[0], &b.key[1], &b.key[2], &b.key[3], &b.version)
	})
	if err != nil {
		return err
	}
	for _, b := range got {
		if c := byKey[b.key]; c != nil {
			c.v.ID, c.v.Version = b.id, b.version
		}
	}
	return nil
}

// checkValueVersion refuses to write over a value its author did not
// see: an approved one, or one saved since the author read the cell
// (version 0 says the cell was empty).
func checkValueVersion(n int, seen int, cur *payesh.IndicatorValue) error {
	field := fmt.Sprintf("values.%d.version", n)
	switch {
	case cur != nil && cur.State == payesh.ValueApproved:
		return &payesh.Error{Code: payesh.ECONFLICT, Message: "err.indicator.value_locked",
			Fields: map[string]string{field: "err.indicator.value_locked"}, Current: cur}
	case cur == nil && seen != 0, cur != nil && cur.Version != seen:
		return &payesh.Error{Code: payesh.ECONFLICT, Message: "err.indicator.value_changed",
			Fields: map[string]string{field: "err.indicator.value_changed"}, Current: cur}
	}
	return nil
}
