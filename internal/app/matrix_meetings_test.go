package app_test

import (
	"bytes"
	"context"
	"strconv"
	"testing"

	"payesh"
	"payesh/internal/store"
)

// The meetings' part of the authorization matrix (issue 14), kept in its
// own file: the objects its routes point at, what they are asked, and
// the rows. The council sits at headquarters, so everyone but the
// external partner reads its meeting; the resolutions are the owner
// office's; only the secretariat and admins configure and decide.

// addMeetingWorld records a body, a meeting with an agenda item, a
// resolution the owner may ask to close ("resolution") and another whose
// closure is pending ("closure"), and the signed minutes ("meetingfile").
func (w *matrixWorld) addMeetingWorld(t *testing.T, db *store.DB, secretariat, owner context.Context, root, office *payesh.OrgUnit) {
	t.Helper()
	body := &payesh.Body{Code: "m-council", NameFA: "شورای معاونین", UnitID: &root.ID}
	if err := db.CreateBody(secretariat, body); err != nil {
		t.Fatal(err)
	}
	m := &payesh.Meeting{BodyID: body.ID, Number: "1", Kind: payesh.MeetingExtraordinary, Title: "جلسهٔ آزمون دسترسی",
		People: []payesh.Participant{{Role: payesh.RoleChair, Name: "رئیس شورا"}}}
	if err := db.CreateMeeting(secretariat, m); err != nil {
		t.Fatal(err)
	}
	agenda := &payesh.AgendaItem{Title: "دستور آزمون"}
	if err := db.AddAgendaItem(secretariat, m.ID, agenda); err != nil {
		t.Fatal(err)
	}
	resolution := func(title string) *payesh.Resolution {
		r, err := db.CreateResolution(secretariat, m.ID, &agenda.ID,
			&payesh.WorkItem{Title: title, OwnerUnitID: office.ID, DueDate: payesh.NewDate(2024, 6, 1)})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	open, pending := resolution("مصوبهٔ آزمون"), resolution("مصوبهٔ در انتظار بستن")
	c, err := db.RequestClosure(owner, pending.ID, payesh.ClosureInput{EvidenceRef: "نامهٔ شمارهٔ ۱۲۳", Version: pending.Version}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := db.AddMinutesFile(secretariat, m.ID, payesh.Upload{Name: "صورتجلسه.pdf",
		Content: bytes.NewReader([]byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"))})
	if err != nil {
		t.Fatal(err)
	}
	m, err = db.FindMeeting(secretariat, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	for k, v := range map[string]string{"meeting": id(m.ID), "meeting_version": strconv.Itoa(m.Version), "body": id(body.ID),
		"resolution": id(open.ID), "closure": id(c.ID), "meetingfile": id(f.ID)} {
		w.ids[k] = v
	}
}

func init() {
	for seg, obj := range map[string]string{"meetings": "meeting", "bodies": "body", "closures": "closure", "meeting-files": "meetingfile"} {
		matrixObjects[seg] = obj
	}
	for pattern, ask := range map[string]struct{ query, body string }{
		"POST /api/v1/bodies":                    {"", `{"code":"m-body","name_fa":"آزمون"}`},
		"POST /api/v1/meetings":                  {"", `{"body_id":{body},"title":"آزمون"}`},
		"PUT /api/v1/meetings/{id}":              {"", `{"body_id":{body},"title":"آزمون","version":{meeting_version}}`},
		"POST /api/v1/meetings/{id}/agenda":      {"", `{"title":"آزمون"}`},
		"POST /api/v1/meetings/{id}/resolutions": {"", `{"title":"آزمون","owner_unit_id":{unit}}`},
		"POST /api/v1/work-items/{id}/closures":  {"", `{"evidence_ref":"نامهٔ آزمون","version":{version}}`},
		"POST /api/v1/closures/{id}/accept":      {"", `{"version":1}`},
		"POST /api/v1/closures/{id}/reject":      {"", `{"version":1,"reason":"آزمون"}`},
		"POST /bodies":                           {"", "code=m-body-web&name_fa=آزمون"},
		"POST /meetings":                         {"", "body_id={body}&title=آزمون"},
		"POST /meetings/{id}":                    {"", "body_id={body}&title=آزمون&version={meeting_version}"},
		"POST /meetings/{id}/agenda":             {"", "title=آزمون"},
		"POST /meetings/{id}/resolutions":        {"", "title=آزمون&owner_unit_id={unit}"},
		"POST /work/{id}/closure":                {"", "evidence_ref=آزمون&version={version}"},
		"POST /closures/{id}/accept":             {"", "version=1&meeting={meeting}"},
		"POST /closures/{id}/reject":             {"", "version=1&reason=آزمون&meeting={meeting}"},
	} {
		matrixAsk[pattern] = ask
	}
	// A user's requests run in one database, the API's before the web's:
	// the web's edit of the meeting and decisions on the closure find them
	// changed by the API's (409, past the gate), as does the API's
	// rejection after its acceptance. The minutes upload sends no file.
	for pattern, row := range map[string]string{
		// admin secretariat owner province partner viewer anonymous
		"GET /api/v1/bodies":                            "200 200 200 200 200 200 401",
		"POST /api/v1/bodies":                           "201 201 403 403 403 403 401",
		"GET /api/v1/bodies/{id}":                       "200 200 200 200 200 200 401",
		"GET /api/v1/meetings":                          "200 200 200 200 200 200 401",
		"POST /api/v1/meetings":                         "201 201 403 403 403 403 401",
		"GET /api/v1/meetings/{id}":                     "200 200 200 200 404 200 401",
		"PUT /api/v1/meetings/{id}":                     "200 200 403 403 403 403 401",
		"POST /api/v1/meetings/{id}/agenda":             "201 201 403 403 403 403 401",
		"GET /api/v1/meetings/{id}/resolutions":         "200 200 200 200 404 200 401",
		"POST /api/v1/meetings/{id}/resolutions":        "201 201 403 403 403 403 401",
		"GET /api/v1/meetings/{id}/earlier-resolutions": "200 200 200 200 404 200 401",
		"POST /api/v1/meetings/{id}/minutes-file":       "400 400 403 403 404 403 401",
		"GET /api/v1/meeting-files/{id}":                "200 200 200 200 404 200 401",
		"GET /api/v1/work-items/{id}/closures":          "200 200 200 200 404 200 401",
		"POST /api/v1/work-items/{id}/closures":         "201 201 201 403 404 403 401",
		"POST /api/v1/closures/{id}/accept":             "200 200 403 403 403 403 401",
		"POST /api/v1/closures/{id}/reject":             "409 409 403 403 403 403 401",
		"GET /api/v1/followup/meetings":                 "200 200 403 403 403 403 401",
		"GET /meetings":                                 "200 200 200 200 200 200 login",
		"GET /meetings/new":                             "200 200 403 403 403 403 login",
		"POST /meetings":                                "303 303 403 403 403 403 login",
		"GET /meetings/{id}":                            "200 200 200 200 404 200 login",
		"GET /meetings/{id}/edit":                       "200 200 403 403 403 403 login",
		"POST /meetings/{id}":                           "409 409 403 403 403 403 login",
		"POST /meetings/{id}/agenda":                    "303 303 403 403 403 403 login",
		"POST /meetings/{id}/resolutions":               "303 303 403 403 403 403 login",
		"POST /meetings/{id}/minutes-file":              "400 400 403 403 403 403 login",
		"GET /meetings/{id}/minutes":                    "200 200 200 200 404 200 login",
		"GET /meetings/{id}/minutes.pdf":                "200 200 200 200 404 200 login",
		"GET /meeting-files/{id}":                       "200 200 200 200 404 200 login",
		"POST /work/{id}/closure":                       "409 409 409 403 404 403 login",
		"POST /closures/{id}/accept":                    "409 409 403 403 403 403 login",
		"POST /closures/{id}/reject":                    "409 409 403 403 403 403 login",
		"GET /bodies":                                   "200 200 200 200 200 200 login",
		"POST /bodies":                                  "303 303 403 403 403 403 login",
	} {
		authzMatrix[pattern] = row
	}
}
