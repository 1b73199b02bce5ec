package api

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"payesh"
	"payesh/internal/sheet"
	"payesh/internal/valuebook"
)

// allUnits is the store's whole org tree at once, from its kept copy.
type allUnits interface {
	FindAllOrgUnits(ctx context.Context) ([]*payesh.OrgUnit, error)
}

// targetsWorkbook answers GET /indicators/{id}/targets?format=xlsx: the
// indicator's targets as a workbook, a unit a row and a period a column,
// for those who set targets (a unit never edits its own yardstick).
func (s *server) targetsWorkbook(w http.ResponseWriter, r *http.Request, ind *payesh.Indicator) error {
	if !payesh.UserFrom(r.Context()).CanConfigure() {
		return payesh.ErrForbidden
	}
	units, err := s.allOrgUnits(r.Context())
	if err != nil {
		return err
	}
	t, err := valuebook.BuildTargets(r.Context(), s.Indicators, ind, units, payesh.Today(s.Now()).Jalali(), langOf(r))
	if err != nil {
		return err
	}
	return sheet.Send(w, fmt.Sprintf("targets-%s.xlsx", ind.Code), func(out io.Writer) error { return sheet.WriteTargets(out, t) })
}

// allOrgUnits loads the org tree in its order: at once from a store that
// keeps it, else page by page.
func (s *server) allOrgUnits(ctx context.Context) ([]*payesh.OrgUnit, error) {
	if a, ok := s.Units.(allUnits); ok {
		return a.FindAllOrgUnits(ctx)
	}
	var all []*payesh.OrgUnit
	for offset := 0; ; offset += payesh.MaxLimit {
		page, total, err := s.Units.FindOrgUnits(ctx, payesh.OrgUnitFilter{Page: payesh.Page{Limit: payesh.MaxLimit, Offset: offset}})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) == 0 || offset+payesh.MaxLimit >= total {
			return all, nil
		}
	}
}

// uploadTargets answers PUT /indicators/{id}/targets with an XLSX body:
// the workbook of targetsWorkbook filled in, set all or nothing. Refused
// cells are fields named as Excel names them.
func (s *server) uploadTargets(w http.ResponseWriter, r *http.Request, id int64) error {
	if !payesh.UserFrom(r.Context()).CanConfigure() {
		return payesh.ErrForbidden
	}
	set, err := valuebook.ApplyTargets(r.Context(), s.Indicators, id, http.MaxBytesReader(w, r.Body, maxWorkbook))
	if err != nil {
		return workbookError(err)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": set})
}
