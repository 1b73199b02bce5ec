package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"payesh"
)

// writeJSON writes v with status. An encoding failure after the header is
// out can only be a broken connection, so it is not reported.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
	return nil
}

// listJSON is the envelope of every paginated list.
type listJSON struct {
	Items  any `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

func writeList[T any](w http.ResponseWriter, items []T, total int, p payesh.Page) error {
	if items == nil {
		items = []T{} // an empty list is [], never null
	}
	p = p.Normalized()
	return writeJSON(w, http.StatusOK, listJSON{Items: present(items), Total: total, Limit: p.Limit, Offset: p.Offset})
}

// writeCreated answers a create with 201, the row and where it now lives.
func writeCreated(w http.ResponseWriter, collection string, id int64, row any) error {
	w.Header().Set("Location", collection+"/"+strconv.FormatInt(id, 10))
	return writeJSON(w, http.StatusCreated, present(row))
}

// workItemJSON is a work item with its dates also in the Jalali form people
// read, so that no client has to carry a Jalali calendar.
type workItemJSON struct {
	*payesh.WorkItem
	StartJalali *string `json:"start_date_jalali"`
	DueJalali   *string `json:"due_date_jalali"`
	DoneJalali  *string `json:"done_date_jalali"`
}

func presentWorkItem(w *payesh.WorkItem) *workItemJSON {
	if w == nil {
		return nil
	}
	return &workItemJSON{w, jalaliOf(w.StartDate), jalaliOf(w.DueDate), jalaliOf(w.DoneDate)}
}

func jalaliOf(d payesh.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.JalaliString()
	return &s
}

// present turns domain values into their JSON form: today that only adds
// Jalali dates to work items and rounds, wherever they appear.
func present(v any) any {
	switch v := v.(type) {
	case *payesh.WorkItem:
		return presentWorkItem(v)
	case payesh.WorkItem:
		return presentWorkItem(&v)
	case []*payesh.WorkItem:
		out := make([]*workItemJSON, len(v))
		for i, w := range v {
			out[i] = presentWorkItem(w)
		}
		return out
	case *payesh.Round:
		return presentRound(v)
	case []*payesh.Round:
		out := make([]*roundJSON, len(v))
		for i, r := range v {
			out[i] = presentRound(r)
		}
		return out
	}
	return v
}
