package api

import (
	"fmt"
	"mime"
	"net/http"

	"payesh"
	"payesh/internal/sheet"
)

// listValues returns reported values — one unit's grid, one indicator's
// reports, or both — over base periods from..to; with format=xlsx, the
// unit's grid of a year as a workbook to fill in (valuesWorkbook).
func (s *server) listValues(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	switch q.str("format") {
	case "", "json":
	case "xlsx":
		return s.valuesWorkbook(w, r, q)
	default:
		q.bad("format")
	}
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

// valueInput is one cell of a grid. The id, state and author are the
// store's: a saved value is always a draft again. Version is the version
// of the value the client read, 0 (or absent) for a cell it saw empty:
// a cell saved by someone else since is a conflict, not overwritten.
type valueInput struct {
	IndicatorID int64    `json:"indicator_id"`
	UnitID      int64    `json:"unit_id"`
	Period      string   `json:"period"`
	Value       *float64 `json:"value"`
	Note        string   `json:"note"`
	Evidence    string   `json:"evidence"`
	Version     int      `json:"version"`
}

type valuesInput struct {
	Values []valueInput `json:"values"`
}

// saveValues upserts a batch of values, all or none, and answers with them
// as saved: ids, canonical periods ("1403-02" for "۱۴۰۳-۲") and versions.
// Every roll-up is current when it returns.
func (s *server) saveValues(w http.ResponseWriter, r *http.Request) error {
	if mediaType(r) == sheet.ContentType {
		return s.uploadWorkbook(w, r)
	}
	var in valuesInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if len(in.Values) == 0 {
		return invalid("err.invalid", "values", "err.required")
	}
	f := map[string]string{}
	values := make([]payesh.IndicatorValue, len(in.Values))
	for n, v := range in.Values {
		values[n] = payesh.IndicatorValue{IndicatorID: v.IndicatorID, UnitID: v.UnitID, Period: v.Period,
			Note: v.Note, Evidence: v.Evidence, Version: v.Version}
		if v.Value == nil {
			f[fmt.Sprintf("values.%d.value", n)] = "err.required"
		} else {
			values[n].Value = *v.Value
		}
	}
	// The store validates too; asked here, the domain's field errors come
	// in one answer with the missing values, which only JSON can have.
	if err := withFields(payesh.ValidateValues(values), f); err != nil {
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

// reviewValuesInput approves or returns values by id.
type reviewValuesInput struct {
	IDs   []int64           `json:"ids"`
	State payesh.ValueState `json:"state"`
}

// reviewValues approves or returns values outside a round: figures the
// secretariat takes from an official source. Approved values enter the
// leadership numbers in the same transaction.
func (s *server) reviewValues(w http.ResponseWriter, r *http.Request) error {
	var in reviewValuesInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if len(in.IDs) == 0 {
		return invalid("err.invalid", "ids", "err.required")
	}
	values, err := s.Indicators.ReviewValues(r.Context(), in.IDs, in.State)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": values})
}

// mediaType is the request body's media type without parameters, "" when
// it names none.
func mediaType(r *http.Request) string {
	t, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	return t
}
