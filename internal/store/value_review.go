package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"

	"payesh"
)

// ReviewValues approves or returns values outside a round — figures the
// secretariat takes from an official source, or a unit's values it vets
// one by one — moving each between the roll-up layers in the same
// transaction. Only the secretariat and admins review; an approved value
// stays approved.
func (db *DB) ReviewValues(ctx context.Context, ids []int64, state payesh.ValueState) ([]*payesh.IndicatorValue, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if err := payesh.ValidateIDs("ids", ids); err != nil {
		return nil, err
	}
	if state != payesh.ValueApproved && state != payesh.ValueReturned {
		return nil, payesh.Invalid(map[string]string{"state": "err.indicator.value_state"})
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	var out []*payesh.IndicatorValue
	err := db.write(ctx, func(tx *Tx) (err error) {
		out, err = tx.reviewValues(ids, state)
		return err
	})
	return out, err
}

func (tx *Tx) reviewValues(ids []int64, state payesh.ValueState) ([]*payesh.IndicatorValue, error) {
	if err := tx.lockOrg(false); err != nil {
		return nil, err
	}
	w := &where{}
	w.add("v.id IN "+inList(len(ids)), anySlice(ids)...)
	indicators, err := tx.valuesIndicators(w)
	if err != nil {
		return nil, err
	}
	b, err := tx.newRollupBatch(indicators)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(tx.ctx, `SELECT `+valueColumns+`, v.own, o.path FROM indicator_values v
		JOIN org_units o ON o.id = v.unit_id`+w.String()+` ORDER BY v.id`+tx.forUpdate(), w.args...)
	if err != nil {
		return nil, err
	}
	type row struct {
		v    *payesh.IndicatorValue
		own  bool
		path string
	}
	list, err := scanAll(rows, func(r *sql.Rows) (row, error) {
		var x row
		var err error
		x.v, err = scanValue(r, &x.own, &x.path)
		return x, err
	})
	if err != nil {
		return nil, err
	}
	if len(list) != len(ids) {
		return nil, payesh.NotFound("indicator_value")
	}
	out := make([]*payesh.IndicatorValue, 0, len(list))
	before := make([]payesh.ValueState, 0, len(list))
	for n, x := range list {
		before = append(before, x.v.State)
		if err := tx.reviewValue(b, n, x.v, x.own, x.path, state); err != nil {
			return nil, err
		}
		out = append(out, x.v)
	}
	if err := tx.storeReview(out, before, state); err != nil {
		return nil, err
	}
	if state == payesh.ValueReturned {
		if err := tx.tellReturned(out); err != nil {
			return nil, err
		}
	}
	return out, b.apply()
}

// reviewValue checks one locked value, records how its state change
// moves the roll-ups, and gives it the new state in memory.
func (tx *Tx) reviewValue(b *rollupBatch, n int, v *payesh.IndicatorValue, own bool, path string, state payesh.ValueState) error {
	if v.State == payesh.ValueApproved {
		return &payesh.Error{Code: payesh.ECONFLICT, Message: "err.indicator.value_locked",
			Fields: map[string]string{fmt.Sprintf("ids.%d", n): "err.indicator.value_locked"}, Current: v}
	}
	if _, err := b.indicator(v.IndicatorID); err != nil {
		return err
	}
	p, _ := parsePeriodField(v.Period, "period")
	b.record(v.IndicatorID, valueChange{unit: v.UnitID, path: path, key: keyOf(p), oldValue: v.Value, newValue: v.Value,
		oldLayers: layersOf(v.State, own), newLayers: layersOf(state, own)})
	v.State, v.Version, v.UpdatedAt = state, v.Version+1, tx.now
	return nil
}

// storeReview writes the reviewed values' state and their audit events,
// a statement each for the whole batch: approving a unit's grid is one
// write, not fifty.
func (tx *Tx) storeReview(values []*payesh.IndicatorValue, before []payesh.ValueState, state payesh.ValueState) error {
	w := &where{args: []any{state, tx.now}} // $1 and $2; the ids follow
	ids := make([]int64, len(values))
	for n, v := range values {
		ids[n] = v.ID
	}
	w.add("id IN "+inList(len(ids)), anySlice(ids)...)
	if _, err := tx.ExecContext(tx.ctx, `UPDATE indicator_values SET state = $1, version = version + 1, updated_at = $2
		WHERE `+w.conds[0], w.args...); err != nil {
		return err
	}
	action := payesh.ActApprove // the same words as a report's review
	if state == payesh.ValueReturned {
		action = payesh.ActReturn
	}
	events := make([]auditEvent, len(values))
	for n, v := range values {
		events[n] = auditEvent{entity: "indicator_value", id: v.ID, action: string(action),
			before: map[string]any{"state": before[n]}, after: map[string]any{"state": state}}
	}
	return tx.auditMany(events)
}

// tellReturned tells each author of returned values, other than the
// reviewer, how many of a unit's values came back, in the review's own
// transaction.
func (tx *Tx) tellReturned(values []*payesh.IndicatorValue) error {
	type who struct{ author, unit int64 }
	counts := map[who]int{}
	for _, v := range values {
		if v.AuthorID != nil && *v.AuthorID != tx.actor.ID {
			counts[who{*v.AuthorID, v.UnitID}]++
		}
	}
	names := map[int64]string{}
	for w, n := range counts {
		name, ok := names[w.unit]
		if !ok {
			if err := tx.QueryRowContext(tx.ctx, `SELECT name_fa FROM org_units WHERE id = $1`, w.unit).Scan(&name); err != nil {
				return err
			}
			names[w.unit] = name
		}
		note := &payesh.Notification{UserID: w.author, Kind: payesh.NoteValuesReturned, Entity: payesh.EntityUnitValues,
			EntityID: w.unit, Message: "ui.note.values_returned", Day: payesh.Today(tx.now),
			Args: map[string]string{"count": strconv.Itoa(n), "unit": name}}
		if _, err := tx.insertNotification(note); err != nil {
			return err
		}
	}
	return nil
}

// valuesIndicators lists the indicators of the values w selects.
func (tx *Tx) valuesIndicators(w *where) ([]int64, error) {
	rows, err := tx.QueryContext(tx.ctx, `SELECT DISTINCT v.indicator_id FROM indicator_values v`+w.String(), w.args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	})
}
