package app_test

import (
	"bytes"
	"context"
	"strconv"
	"testing"

	"payesh"
	"payesh/internal/store"
)

// The research register's part of the authorization matrix (issue 15),
// in its own file. The axis is the research institute's (headquarters,
// so everyone of the organization reads its projects); the project's
// institution is the universities, so the partner reads it too and may
// send it deliverables, but only the secretariat and admins (and the
// institute's own people, none of the matrix's users) change it.

// addResearchWorld records an axis ("raxis"), a contracted project at
// the universities ("rproject") and a deliverable ("rfile").
func (w *matrixWorld) addResearchWorld(t *testing.T, db *store.DB, secretariat context.Context) {
	t.Helper()
	unit := func(code string) *payesh.OrgUnit {
		u, err := db.FindOrgUnitByCode(secretariat, code)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	axis := &payesh.ResearchAxis{Number: 90, Title: "محور ۹۰", OwnerUnitID: unit("research-institute").ID}
	if err := db.CreateResearchAxis(secretariat, axis); err != nil {
		t.Fatal(err)
	}
	uni := unit("partner-universities").ID
	p := &payesh.ResearchProject{AxisID: axis.ID, Title: "طرح آزمون دسترسی", InstitutionUnitID: &uni, Stage: payesh.StageContracted,
		ContractStart: payesh.NewDate(2024, 1, 1), ContractEnd: payesh.NewDate(2024, 6, 1)}
	if err := db.CreateResearchProject(secretariat, p); err != nil {
		t.Fatal(err)
	}
	f, err := db.AddDeliverable(secretariat, p.ID, "", payesh.Upload{Name: "گزارش.pdf",
		Content: bytes.NewReader([]byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"))})
	if err != nil {
		t.Fatal(err)
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	for k, v := range map[string]string{"raxis": id(axis.ID), "rproject": id(p.ID), "rfile": id(f.ID), "runi": id(uni),
		"raxis_version": strconv.Itoa(axis.Version), "rproject_version": strconv.Itoa(p.Version)} {
		w.ids[k] = v
	}
}

func init() {
	for seg, obj := range map[string]string{"research-axes": "raxis", "axes": "raxis", "research-projects": "rproject",
		"projects": "rproject", "research-files": "rfile", "deliverables": "rfile"} {
		matrixObjects[seg] = obj
	}
	for pattern, ask := range map[string]struct{ query, body string }{
		"POST /api/v1/research-axes":                {"", `{"number":50,"title":"آزمون","owner_unit_id":{root}}`},
		"PUT /api/v1/research-axes/{id}":            {"", `{"number":90,"title":"آزمون","owner_unit_id":{root},"version":{raxis_version}}`},
		"POST /api/v1/research-projects":            {"", `{"axis_id":{raxis},"title":"آزمون"}`},
		"PUT /api/v1/research-projects/{id}":        {"", `{"axis_id":{raxis},"title":"آزمون","institution_unit_id":{runi},"contract_start":"2024-01-01","contract_end":"2024-06-01","version":{rproject_version}}`},
		"POST /api/v1/research-projects/{id}/stage": {"", `{"to":"in_progress","version":{version}}`},
		"POST /api/v1/research-files/{id}/reviews":  {"", `{"comment":"آزمون"}`},
		"POST /research/axes":                       {"", "number=51&title=آزمون&owner_unit_id={root}"},
		"POST /research/axes/{id}":                  {"", "number=90&title=آزمون&owner_unit_id={root}&version={version}"},
		"POST /research/projects":                   {"", "axis_id={raxis}&title=آزمون"},
		"POST /research/projects/{id}":              {"", "axis_id={raxis}&title=آزمون&institution_unit_id={runi}&contract_start=۱۴۰۲/۱۰/۱۱&contract_end=۱۴۰۳/۰۳/۱۲&version={version}"},
		"POST /research/projects/{id}/stage":        {"", "to=delivered&version={version}"},
		"POST /research/deliverables/{id}/reviews":  {"", "comment=آزمون&project={rproject}"},
	} {
		matrixAsk[pattern] = ask
	}
	// A user's requests run in one database, the API's before the web's:
	// the API moves the project to in progress, the web on to delivered.
	// Uploads send no file: past the gate, 400.
	for pattern, row := range map[string]string{
		// admin secretariat owner province partner viewer anonymous
		"GET /api/v1/research-axes":                        "200 200 200 200 200 200 401",
		"POST /api/v1/research-axes":                       "201 201 403 403 403 403 401",
		"GET /api/v1/research-axes/{id}":                   "200 200 200 200 200 200 401",
		"PUT /api/v1/research-axes/{id}":                   "200 200 403 403 403 403 401",
		"GET /api/v1/research-projects":                    "200 200 200 200 200 200 401",
		"POST /api/v1/research-projects":                   "201 201 403 403 403 403 401",
		"GET /api/v1/research-projects/workbook":           "200 200 200 200 200 200 401",
		"POST /api/v1/research-projects/import":            "400 400 400 400 400 403 401",
		"GET /api/v1/research-projects/{id}":               "200 200 200 200 200 200 401",
		"PUT /api/v1/research-projects/{id}":               "200 200 403 403 403 403 401",
		"POST /api/v1/research-projects/{id}/stage":        "200 200 403 403 403 403 401",
		"POST /api/v1/research-projects/{id}/deliverables": "400 400 403 403 400 403 401",
		"GET /api/v1/research-files/{id}":                  "200 200 200 200 200 200 401",
		"POST /api/v1/research-files/{id}/reviews":         "201 201 403 403 403 403 401",
		"GET /api/v1/followup/research":                    "200 200 403 403 403 403 401",
		"GET /research":                                    "200 200 200 200 200 200 login",
		"GET /research/axes/new":                           "200 200 403 403 403 403 login",
		"POST /research/axes":                              "303 303 403 403 403 403 login",
		"GET /research/axes/{id}/edit":                     "200 200 403 403 403 403 login",
		"POST /research/axes/{id}":                         "303 303 403 403 403 403 login",
		"GET /research/projects/new":                       "200 200 200 200 200 403 login",
		"POST /research/projects":                          "303 303 403 403 403 403 login",
		"GET /research/projects/{id}":                      "200 200 200 200 200 200 login",
		"GET /research/projects/{id}/edit":                 "200 200 403 403 403 403 login",
		"POST /research/projects/{id}":                     "303 303 403 403 403 403 login",
		"POST /research/projects/{id}/stage":               "303 303 403 403 403 403 login",
		"POST /research/projects/{id}/deliverables":        "400 400 403 403 400 403 login",
		"GET /research/deliverables/{id}":                  "200 200 200 200 200 200 login",
		"POST /research/deliverables/{id}/reviews":         "303 303 403 403 403 403 login",
		"GET /research/projects.xlsx":                      "200 200 200 200 200 200 login",
		"POST /research/projects.xlsx":                     "400 400 400 400 400 403 login",
	} {
		authzMatrix[pattern] = row
	}
}
