package store

import (
	"database/sql"

	"payesh"
	"payesh/internal/jalali"
)

// moveValues gives the unit's own values of the round's period the
// report's state: submitted with it, returned with it, approved — locked —
// with it, back to draft when it is withdrawn. Each value that changes
// state enters or leaves the approved and provisional roll-ups in the same
// transaction, so a leadership number moves exactly when a reviewer acts.
func (tx *Tx) moveValues(rc *reportCtx, state payesh.ReportState) error {
	valueState := map[payesh.ReportState]payesh.ValueState{
		payesh.ReportSubmitted: payesh.ValueSubmitted, payesh.ReportReturned: payesh.ValueReturned,
		payesh.ReportApproved: payesh.ValueApproved, payesh.ReportDraft: payesh.ValueDraft,
	}[state]
	p, err := jalali.ParsePeriod(rc.round.Period)
	if err != nil {
		return err
	}
	return tx.setValueStates(rc.UnitID, p, valueState)
}

// setValueStates moves the unit's values within period p (its months,
// quarters and the year) to state s and their numbers between layers.
// The indicators are locked before the values are read for update; a
// value of an indicator that appeared meanwhile starts the transaction
// again (errRetry).
func (tx *Tx) setValueStates(unitID int64, p jalali.Period, s payesh.ValueState) error {
	if err := tx.lockOrg(false); err != nil {
		return err
	}
	ids, err := tx.valueIndicators(unitID, p)
	if err != nil || len(ids) == 0 {
		return err
	}
	b, err := tx.newRollupBatch(ids)
	if err != nil {
		return err
	}
	path, err := tx.unitPath(unitID)
	if err != nil {
		return err
	}
	for g := p.Gran; g <= jalali.Month; g++ {
		first, last := spanOf(p, g)
		if err := tx.moveStates(b, unitID, path, g, first, last, s); err != nil {
			return err
		}
	}
	return b.apply()
}

// valueIndicators lists the indicators the unit has values of within p.
func (tx *Tx) valueIndicators(unitID int64, p jalali.Period) ([]int64, error) {
	var ids []int64
	for g := p.Gran; g <= jalali.Month; g++ {
		first, last := spanOf(p, g)
		w := &where{}
		w.add("v.unit_id = ? AND v.gran = ? AND v.period BETWEEN ? AND ?", unitID, int(g), first, last)
		got, err := tx.valuesIndicators(w)
		if err != nil {
			return nil, err
		}
		ids = append(ids, got...)
	}
	return ids, nil
}

// moveStates changes the state of the unit's values of one granularity
// in first..last and records each change in b.
func (tx *Tx) moveStates(b *rollupBatch, unitID int64, path string, g jalali.Granularity, first, last int, s payesh.ValueState) error {
	rows, err := tx.QueryContext(tx.ctx, `SELECT id, indicator_id, period, value, state, own FROM indicator_values
		WHERE unit_id = $1 AND gran = $2 AND period BETWEEN $3 AND $4 AND state <> $5`+tx.forUpdate(),
		unitID, int(g), first, last, s)
	if err != nil {
		return err
	}
	type moved struct {
		id, indicator int64
		c             valueChange
	}
	list, err := scanAll(rows, func(r *sql.Rows) (moved, error) {
		m := moved{c: valueChange{unit: unitID, path: path, key: periodKey{gran: int(g)}}}
		var old payesh.ValueState
		var own bool
		err := r.Scan(&m.id, &m.indicator, &m.c.key.code, &m.c.oldValue, &old, &own)
		m.c.newValue, m.c.oldLayers, m.c.newLayers = m.c.oldValue, layersOf(old, own), layersOf(s, own)
		return m, err
	})
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return nil
	}
	ids := make([]int64, len(list))
	for n, m := range list {
		if _, ok := b.indicators[m.indicator]; !ok {
			return errRetry // a value of an indicator the batch did not lock
		}
		ids[n] = m.id
		b.record(m.indicator, m.c)
	}
	w := &where{args: []any{s}} // $1; the ids follow
	w.add("id IN "+inList(len(ids)), anySlice(ids)...)
	_, err = tx.ExecContext(tx.ctx, `UPDATE indicator_values SET state = $1, version = version + 1 WHERE `+w.conds[0], w.args...)
	return err
}
