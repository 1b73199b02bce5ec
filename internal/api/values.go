package api

import (
	"fmt"
	"net/http"

	"payesh"
)

// listValues returns reported values — one unit's grid, one indicator's
// reports, or both — over base periods from..to.
func (s *server) listValues(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := payesh.ValueFilter{
		IndicatorID: q.id("indicator"),
		UnitID:      q.id("unit"),
		From:        q.period("from"),
		To:          q.period("to"),
	}
	if err := q.err(); err != nil {
		return err
	}
	values, err := s.Indicators.FindValues(r.Context(), f)
	if err != nil {
		return err
	}
	if values == nil {
		values = []*payesh.IndicatorValue{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": values})
}

// valueInput is one cell of a grid. The id, state, author and version are
// the store's: a saved value is always a draft again.
type valueInput struct {
	IndicatorID int64    `json:"indicator_id"`
	UnitID      int64    `json:"unit_id"`
	Period      string   `json:"period"`
	Value       *float64 `json:"value"`
	Note        string   `json:"note"`
	Evidence    string   `json:"evidence"`
}

type valuesInput struct {
	Values []valueInput `json:"values"`
}

// saveValues upserts a batch of values, all or none, and answers with them
// as saved: ids, canonical periods ("1403-02" for "۱۴۰۳-۲") and versions.
// Every roll-up is current when it returns.
func (s *server) saveValues(w http.ResponseWriter, r *http.Request) error {
	var in valuesInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := checkBatch("values", len(in.Values)); err != nil {
		return err
	}
	f := map[string]string{}
	values := make([]payesh.IndicatorValue, len(in.Values))
	for n, v := range in.Values {
		field := func(name string) string { return fmt.Sprintf("values.%d.%s", n, name) }
		if v.IndicatorID <= 0 {
			f[field("indicator_id")] = "err.required"
		}
		if v.UnitID <= 0 {
			f[field("unit_id")] = "err.required"
		}
		if v.Period == "" {
			f[field("period")] = "err.required"
		}
		if v.Value == nil {
			f[field("value")] = "err.required"
			continue
		}
		values[n] = payesh.IndicatorValue{IndicatorID: v.IndicatorID, UnitID: v.UnitID, Period: v.Period,
			Value: *v.Value, Note: v.Note, Evidence: v.Evidence}
	}
	if err := payesh.Invalid(f); err != nil {
		return err
	}
	saved, err := s.Indicators.SaveValues(r.Context(), values)
	if err != nil {
		return err
	}
	if saved == nil {
		saved = []*payesh.IndicatorValue{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": saved})
}
