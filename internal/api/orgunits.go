package api

import (
	"net/http"

	"payesh"
)

// orgUnitInput is what a client may set when creating a unit; the id, path,
// depth, version and timestamps are the store's.
type orgUnitInput struct {
	ParentID *int64          `json:"parent_id"`
	Kind     payesh.UnitKind `json:"kind"`
	Code     string          `json:"code"`
	NameFA   string          `json:"name_fa"`
	NameEN   string          `json:"name_en"`
}

func (s *server) listOrgUnits(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := payesh.OrgUnitFilter{
		SubtreeOf: q.id("subtree_of"),
		ParentID:  q.parent("parent_id"),
		Kind:      enum(q, "kind", payesh.UnitKind.Valid),
		Q:         q.str("q"),
		Page:      q.page(),
	}
	if err := q.err(); err != nil {
		return err
	}
	units, total, err := s.Units.FindOrgUnits(r.Context(), f)
	if err != nil {
		return err
	}
	return writeList(w, units, total, f.Page)
}

func (s *server) createOrgUnit(w http.ResponseWriter, r *http.Request) error {
	var in orgUnitInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	u := &payesh.OrgUnit{ParentID: in.ParentID, Kind: in.Kind, Code: in.Code, NameFA: in.NameFA, NameEN: in.NameEN}
	if err := s.Units.CreateOrgUnit(r.Context(), u); err != nil {
		return err
	}
	return writeCreated(w, prefix+"/org-units", u.ID, u)
}

func (s *server) getOrgUnit(w http.ResponseWriter, r *http.Request) error {
	return getRow(w, r, s.Units.FindOrgUnitByID)
}

func (s *server) patchOrgUnit(w http.ResponseWriter, r *http.Request) error {
	return patchRow(w, r, func(up payesh.OrgUnitUpdate) int { return up.Version }, s.Units.UpdateOrgUnit)
}

func (s *server) deleteOrgUnit(w http.ResponseWriter, r *http.Request) error {
	return deleteRow(w, r, s.Units.DeleteOrgUnit)
}
