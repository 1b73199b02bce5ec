package web

import (
	"net/http"
	"net/url"
	"strconv"

	"payesh"
	"payesh/internal/i18n"
)

// adminUnits lists the org tree with a link to edit each unit.
func (s *server) adminUnits(w http.ResponseWriter, r *http.Request) error {
	all, err := s.allUnits(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "admin_units", s.newView(r, "ui.admin.units", buildOrgTree(all)))
}

// unitFormPage is the form of a new unit or of an existing one.
type unitFormPage struct {
	formPage
	Unit    *payesh.OrgUnit // nil for a new unit
	Parents []option
	Kinds   []option
}

func (s *server) unitFormPage(r *http.Request, u *payesh.OrgUnit) (*unitFormPage, error) {
	units, err := s.allUnits(r)
	if err != nil {
		return nil, err
	}
	skip, lang := "", langOf(r)
	if u != nil {
		skip = u.Path
	}
	return &unitFormPage{formPage: formPage{New: u == nil}, Unit: u,
		Parents: unitOptions(lang, units, skip), Kinds: keyOptions(lang, "ui.units.kind.", payesh.UnitKinds)}, nil
}

// unitForm is a unit as its edit form shows it.
func unitForm(u *payesh.OrgUnit) url.Values {
	return url.Values{"parent_id": {idString(u.ParentID)}, "kind": {string(u.Kind)}, "code": {u.Code},
		"name_fa": {u.NameFA}, "name_en": {u.NameEN}, "version": {strconv.Itoa(u.Version)}}
}

// adminUnitNew offers a new unit, under ?parent= when given.
func (s *server) adminUnitNew(w http.ResponseWriter, r *http.Request) error {
	d, err := s.unitFormPage(r, nil)
	if err != nil {
		return err
	}
	form := url.Values{"parent_id": {r.URL.Query().Get("parent")}, "kind": {string(payesh.UnitOffice)}}
	return s.renderForm(w, r, http.StatusOK, "admin_unit", "ui.admin.unit_new", d, form, nil)
}

func (s *server) adminUnitCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	u := &payesh.OrgUnit{ParentID: optionalID(f.ID("parent_id")), Kind: payesh.UnitKind(f.String("kind")),
		Code: f.String("code"), NameFA: f.String("name_fa"), NameEN: f.String("name_en")}
	if f.Err() != nil {
		u.Normalize()
		mergeFields(f.errors, u.Validate())
		return s.unitFormFailed(w, r, nil, failure{status: http.StatusBadRequest, fields: f.errors})
	}
	if err := s.Units.CreateOrgUnit(r.Context(), u); err != nil {
		fl, ok := failureOf(err)
		if !ok {
			return err
		}
		return s.unitFormFailed(w, r, nil, fl)
	}
	return adminRedirect(w, r, "/admin/units", "ui.admin.flash.unit_created")
}

func (s *server) findUnit(r *http.Request) (*payesh.OrgUnit, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.Units.FindOrgUnitByID(r.Context(), id)
}

func (s *server) adminUnitEdit(w http.ResponseWriter, r *http.Request) error {
	u, err := s.findUnit(r)
	if err != nil {
		return err
	}
	d, err := s.unitFormPage(r, u)
	if err != nil {
		return err
	}
	return s.renderForm(w, r, http.StatusOK, "admin_unit", "ui.admin.unit_edit", d, unitForm(u), nil)
}

// adminUnitUpdate saves a unit; moving it moves its subtree.
func (s *server) adminUnitUpdate(w http.ResponseWriter, r *http.Request) error {
	u, err := s.findUnit(r)
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	parent, kind := f.ID("parent_id"), payesh.UnitKind(f.String("kind"))
	code, fa, en := f.String("code"), f.String("name_fa"), f.String("name_en")
	up := payesh.OrgUnitUpdate{ParentID: &parent, Kind: &kind, Code: &code, NameFA: &fa, NameEN: &en, Version: f.Int("version")}
	if f.Err() != nil {
		c := *u
		up.Apply(&c)
		c.Normalize()
		mergeFields(f.errors, c.Validate())
		return s.unitFormFailed(w, r, u, failure{status: http.StatusBadRequest, fields: f.errors})
	}
	if _, err := s.Units.UpdateOrgUnit(r.Context(), u.ID, up); err != nil {
		fl, ok := failureOf(err)
		if !ok {
			return err
		}
		return s.unitFormFailed(w, r, u, fl)
	}
	return adminRedirect(w, r, "/admin/units", "ui.admin.flash.unit_saved")
}

// adminUnitDelete removes a unit nothing refers to. A unit with children,
// users or work is refused with a message saying which, on its edit page.
func (s *server) adminUnitDelete(w http.ResponseWriter, r *http.Request) error {
	u, err := s.findUnit(r)
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	err = s.Units.DeleteOrgUnit(r.Context(), u.ID, f.Int("version"))
	if err == nil {
		return adminRedirect(w, r, "/admin/units", "ui.admin.flash.unit_deleted")
	}
	fl, ok := failureOf(err)
	if !ok {
		return err
	}
	refusals := map[string]string{"err.has_children": "err.admin.unit_has_children", "err.in_use": "err.admin.unit_in_use"}
	if k, ok := refusals[fl.fields["form"]]; ok {
		fl.fields["form"] = k
	}
	d, err := s.unitFormPage(r, u)
	if err != nil {
		return err
	}
	if cur, ok := fl.current.(*payesh.OrgUnit); ok {
		d.Conflict = s.unitFacts(r, cur)
	}
	return s.renderForm(w, r, fl.status, "admin_unit", "ui.admin.unit_edit", d, unitForm(u), fl.fields)
}

// unitFormFailed shows the form again with what was typed, and on a
// conflict the unit as someone else saved it.
func (s *server) unitFormFailed(w http.ResponseWriter, r *http.Request, u *payesh.OrgUnit, fl failure) error {
	d, err := s.unitFormPage(r, u)
	if err != nil {
		return err
	}
	form, title := r.PostForm, "ui.admin.unit_new"
	if u != nil {
		title = "ui.admin.unit_edit"
	}
	if cur, ok := fl.current.(*payesh.OrgUnit); ok {
		d.Conflict, form = s.unitFacts(r, cur), withVersion(r.PostForm, cur.Version)
	}
	return s.renderForm(w, r, fl.status, "admin_unit", title, d, form, fl.fields)
}

// unitFacts is the unit as someone else saved it.
func (s *server) unitFacts(r *http.Request, u *payesh.OrgUnit) []fact {
	lang := langOf(r)
	parent := "—"
	if u.ParentID != nil {
		if p, err := s.Units.FindOrgUnitByID(r.Context(), *u.ParentID); err == nil {
			parent = pick(lang, p.NameFA, p.NameEN)
		}
	}
	return []fact{
		{i18n.T(lang, "ui.units.parent"), parent},
		{i18n.T(lang, "ui.units.kind"), i18n.T(lang, "ui.units.kind."+string(u.Kind))},
		{i18n.T(lang, "ui.units.code"), u.Code},
		{i18n.T(lang, "ui.units.name_fa"), u.NameFA},
		{i18n.T(lang, "ui.units.name_en"), u.NameEN},
	}
}
