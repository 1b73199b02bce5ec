package api

import (
	"context"
	"net/http"
)

// The generic shapes of get, patch and delete: every resource does them the
// same way, so they are written once and each handler names its service.

// getRow answers GET /…/{id}.
func getRow[T any](w http.ResponseWriter, r *http.Request, find func(context.Context, int64) (T, error)) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	row, err := find(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, present(row))
}

// patchRow answers PATCH /…/{id} with a domain XxxUpdate body (a struct,
// which decodePatch relies on). The version
// is required: a write that does not say which version it changes could
// silently overwrite someone else's.
func patchRow[U, T any](w http.ResponseWriter, r *http.Request, version func(U) int,
	update func(context.Context, int64, U) (T, error)) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var up U
	if err := decodePatch(w, r, &up); err != nil {
		return err
	}
	if version(up) <= 0 {
		return errVersion
	}
	row, err := update(r.Context(), id, up)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, present(row))
}

// deleteRow answers DELETE /…/{id}?version=N with 204.
func deleteRow(w http.ResponseWriter, r *http.Request, del func(context.Context, int64, int) error) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	version, err := queryVersion(r)
	if err != nil {
		return err
	}
	if err := del(r.Context(), id, version); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
