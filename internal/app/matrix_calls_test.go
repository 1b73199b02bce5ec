package app_test

import (
	"bytes"
	"context"
	"strconv"
	"testing"

	"payesh"
	"payesh/internal/store"
)

// The calls for papers' part of the authorization matrix (issue 15,
// scope 2), kept in its own file. The call is the owner office's, with
// the special issue's milestone the office owns, so the owner runs it;
// headquarters' work is read by everyone but the external partner. Two
// reviewers: the first's link is the one the /review routes open, the
// second is the one renewed, given papers and revoked.

// addCallWorld records the call ("call"), two papers — the first with a
// file ("submission", "callfile") — and the two reviewers ("reviewer"
// is the second; "reviewlink" the first's link).
func (w *matrixWorld) addCallWorld(t *testing.T, db *store.DB, secretariat context.Context, office *payesh.OrgUnit) {
	t.Helper()
	issue := &payesh.WorkItem{Kind: payesh.KindMilestone, Title: "ویژه‌نامهٔ آزمون دسترسی", OwnerUnitID: office.ID}
	if err := db.CreateWorkItem(secretariat, issue); err != nil {
		t.Fatal(err)
	}
	c := &payesh.Call{Title: "فراخوان آزمون دسترسی", OwnerUnitID: office.ID, Axes: make([]payesh.CallAxis, 3),
		PlannedPapers: 2, MilestoneID: &issue.ID}
	if err := db.CreateCall(secretariat, c); err != nil {
		t.Fatal(err)
	}
	paper := &payesh.Submission{CallID: c.ID, Axis: 1, Title: "مقالهٔ آزمون", Authors: "نویسنده"}
	if err := db.CreateSubmission(secretariat, paper, &payesh.Upload{Name: "مقاله.pdf",
		Content: bytes.NewReader([]byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"))}); err != nil {
		t.Fatal(err)
	}
	second := &payesh.Submission{CallID: c.ID, Axis: 2, Title: "مقالهٔ دوم", Authors: "نویسنده"}
	if err := db.CreateSubmission(secretariat, second, nil); err != nil {
		t.Fatal(err)
	}
	link, _, err := db.CreateReviewer(secretariat, c.ID, payesh.ReviewerInput{Name: "داور نخست", SubmissionIDs: []int64{paper.ID}})
	if err != nil {
		t.Fatal(err)
	}
	_, other, err := db.CreateReviewer(secretariat, c.ID, payesh.ReviewerInput{Name: "داور دوم", SubmissionIDs: []int64{second.ID}})
	if err != nil {
		t.Fatal(err)
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	for k, v := range map[string]string{"call": id(c.ID), "call_version": strconv.Itoa(c.Version), "call_milestone": id(issue.ID),
		"submission": id(paper.ID), "callfile": id(paper.File.ID), "reviewer": id(other.ID), "reviewlink": link} {
		w.ids[k] = v
	}
}

func init() {
	for seg, obj := range map[string]string{"calls": "call", "submissions": "submission", "call-submissions": "submission",
		"call-files": "callfile", "reviewers": "reviewer", "call-reviewers": "reviewer", "review": "reviewlink", "papers": "submission"} {
		matrixObjects[seg] = obj
	}
	// Decisions are taken back (an empty decision), so that the paper
	// stays open to the reviews asked after them; the web's decision is
	// at the version the API's left (2) where the API's was allowed.
	for pattern, ask := range map[string]struct{ query, body string }{
		"POST /api/v1/calls":                                 {"", `{"title":"آزمون","owner_unit_id":{unit},"axes":[{}]}`},
		"PUT /api/v1/calls/{id}":                             {"", `{"title":"آزمون","owner_unit_id":{unit},"axes":[{},{},{}],"planned_papers":2,"milestone_id":{call_milestone},"version":{call_version}}`},
		"POST /api/v1/calls/{id}/submissions":                {"", `{"axis":1,"title":"آزمون","authors":"آزمون"}`},
		"POST /api/v1/submissions/{id}/decision":             {"", `{"decision":"","version":{version}}`},
		"POST /api/v1/calls/{id}/reviewers":                  {"", `{"name":"داور آزمون","submission_ids":[{submission}]}`},
		"POST /api/v1/reviewers/{id}/assignments":            {"", `{"submission_ids":[{submission}]}`},
		"POST /api/v1/review/{link}/submissions/{id}/review": {"", `{"score":4,"verdict":"accept"}`},
		"POST /calls":                          {"", "title=آزمون&owner_unit_id={unit}&axes=1"},
		"POST /calls/{id}/submissions":         {"", "axis=1&title=آزمون&authors=آزمون"},
		"POST /call-submissions/{id}/decision": {"", "decision=&version=2"},
		"POST /calls/{id}/reviewers":           {"", "name=داور&submission_ids={submission}"},
		"POST /review/{link}/papers/{id}":      {"", "score=4&verdict=accept"},
	} {
		matrixAsk[pattern] = ask
	}
	for pattern, row := range map[string]string{
		// admin secretariat owner province partner viewer anonymous
		"GET /api/v1/calls":                                  "200 200 200 200 200 200 401",
		"POST /api/v1/calls":                                 "201 201 201 403 403 403 401",
		"GET /api/v1/calls/{id}":                             "200 200 200 200 404 200 401",
		"PUT /api/v1/calls/{id}":                             "200 200 200 403 404 403 401",
		"GET /api/v1/calls/{id}/submissions":                 "200 200 200 200 404 200 401",
		"POST /api/v1/calls/{id}/submissions":                "201 201 201 403 404 403 401",
		"GET /api/v1/submissions/{id}":                       "200 200 200 200 404 200 401",
		"POST /api/v1/submissions/{id}/file":                 "400 400 400 400 404 403 401",
		"POST /api/v1/submissions/{id}/decision":             "200 200 200 403 404 403 401",
		"GET /api/v1/call-files/{id}":                        "200 200 200 200 404 200 401",
		"GET /api/v1/calls/{id}/reviewers":                   "200 200 200 403 404 403 401",
		"POST /api/v1/calls/{id}/reviewers":                  "201 201 201 403 404 403 401",
		"POST /api/v1/reviewers/{id}/assignments":            "200 200 200 403 404 403 401",
		"POST /api/v1/reviewers/{id}/renew":                  "200 200 200 403 404 403 401",
		"POST /api/v1/reviewers/{id}/revoke":                 "200 200 200 403 404 403 401",
		"GET /api/v1/review/{link}":                          "200 200 200 200 200 200 200",
		"GET /api/v1/review/{link}/submissions/{id}/file":    "200 200 200 200 200 200 200",
		"POST /api/v1/review/{link}/submissions/{id}/review": "200 200 200 200 200 200 200",
		"GET /calls":                           "200 200 200 200 200 200 login",
		"GET /calls/new":                       "200 200 200 200 200 403 login",
		"POST /calls":                          "303 303 303 403 403 403 login",
		"GET /calls/{id}":                      "200 200 200 200 404 200 login",
		"POST /calls/{id}/submissions":         "303 303 303 403 404 403 login",
		"POST /call-submissions/{id}/decision": "303 303 303 403 404 403 login",
		"GET /call-files/{id}":                 "200 200 200 200 404 200 login",
		"POST /calls/{id}/reviewers":           "200 200 200 403 404 403 login",
		"POST /call-reviewers/{id}/renew":      "200 200 200 403 404 403 login",
		"POST /call-reviewers/{id}/revoke":     "303 303 303 403 404 403 login",
		"GET /review/{link}":                   "200 200 200 200 200 200 200",
		"GET /review/{link}/papers/{id}/file":  "200 200 200 200 200 200 200",
		"POST /review/{link}/papers/{id}":      "303 303 303 303 303 303 303",
	} {
		authzMatrix[pattern] = row
	}
}
