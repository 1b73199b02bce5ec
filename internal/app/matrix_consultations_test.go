package app_test

import (
	"bytes"
	"strconv"
	"testing"

	"payesh"
	"payesh/internal/store"
)

// The consultations' part of the authorization matrix (issue 15), kept in
// its own file: a consultation on the policy's second clause (the first
// is deleted by the matrix, which a consultation would refuse) inviting the
// owner's office and the province, which has submitted its answers (so a
// second round may open), and a sending with its file. The partner and
// the headquarters viewer are not invited: for them it does not exist.
// Only the secretariat and admins run it and read the consolidated
// opinion; only the invited units' users who act answer.

func (w *matrixWorld) addConsultationWorld(t *testing.T, db *store.DB, users map[string]*payesh.User, clause int64) {
	t.Helper()
	secretariat := payesh.WithUser(t.Context(), users["secretariat"])
	c, err := db.CreateConsultation(secretariat, payesh.ConsultationInput{Title: "نظرخواهی آزمون دسترسی",
		ClauseIDs: []int64{clause}, UnitIDs: []int64{users["owner"].UnitID, users["province"].UnitID},
		Deadline: payesh.NewDate(2024, 8, 10)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveResponse(payesh.WithUser(t.Context(), users["province"]), c.ID, payesh.ResponseInput{
		Answers: []payesh.Answer{{ClauseID: &clause, Agreement: 4, Proposal: "پیشنهاد آزمون"}}, Submit: true}); err != nil {
		t.Fatal(err)
	}
	sd := &payesh.ConsultationSending{ConsultationID: c.ID, Recipient: "وزارت تعاون، کار و رفاه اجتماعی", SentOn: payesh.NewDate(2024, 7, 30)}
	pdf := &payesh.Upload{Name: "جمع‌بندی.pdf", Content: bytes.NewReader([]byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"))}
	if err := db.AddConsultationSending(secretariat, sd, pdf); err != nil {
		t.Fatal(err)
	}
	w.ids["consultation"] = strconv.FormatInt(c.ID, 10)
	w.ids["consultationfile"] = strconv.FormatInt(sd.ID, 10)
	w.ids["consultclause"] = strconv.FormatInt(clause, 10)
}

func init() {
	for seg, obj := range map[string]string{"consultations": "consultation", "consultation-files": "consultationfile"} {
		matrixObjects[seg] = obj
	}
	for pattern, ask := range map[string]struct{ query, body string }{
		"POST /api/v1/consultations":                {"", `{"title":"آزمون","clause_ids":[{consultclause}],"unit_ids":[{unit}],"deadline":"2024-08-20"}`},
		"POST /api/v1/consultations/{id}/rounds":    {"", `{"deadline":"2024-08-20","version":{version}}`},
		"POST /api/v1/consultations/{id}/reminders": {"", `{"note":"آزمون"}`},
		"PUT /api/v1/consultations/{id}/answers":    {"", `{"answers":[{"clause_id":{consultclause},"agreement":4}]}`},
		"POST /api/v1/consultations/{id}/sendings":  {"", `{"recipient":"کمیسیون اجتماعی مجلس","sent_on":"2024-07-30"}`},
		"POST /api/v1/consultations/{id}/close":     {"", `{"version":{version}}`},
		"POST /consultations":                       {"", "title=آزمون&clause_ids={consultclause}&unit_ids={unit}&deadline=1403/05/30"},
		"POST /consultations/{id}/answer":           {"", "a0.agreement=4&version=0"},
		"POST /consultations/{id}/remind":           {"", "note=آزمون"},
		"POST /consultations/{id}/rounds":           {"", "deadline=1403/05/30&version={version}"},
		"POST /consultations/{id}/sendings":         {"", "recipient=آزمون&sent_on=1403/05/09"},
		"POST /consultations/{id}/close":            {"", "version={version}"},
	} {
		matrixAsk[pattern] = ask
	}
	// A user's requests run in one database, the API's before the web's:
	// the API opens round 2, reminds, records a sending and closes last,
	// so the web's writes find the consultation closed (the page
	// again with the message, 400, past the gate). The owner's unit has not answered (200 on its save); the
	// province has submitted (409).
	for pattern, row := range map[string]string{
		// admin secretariat owner province partner viewer anonymous
		"GET /api/v1/consultations":                   "200 200 200 200 200 200 401",
		"POST /api/v1/consultations":                  "201 201 403 403 403 403 401",
		"GET /api/v1/consultations/{id}":              "200 200 200 200 404 404 401",
		"POST /api/v1/consultations/{id}/rounds":      "201 201 403 403 403 403 401",
		"POST /api/v1/consultations/{id}/reminders":   "201 201 403 403 403 403 401",
		"GET /api/v1/consultations/{id}/answers":      "200 200 200 200 404 404 401",
		"PUT /api/v1/consultations/{id}/answers":      "403 403 200 409 404 404 401",
		"GET /api/v1/consultations/{id}/form":         "403 403 200 200 404 404 401",
		"GET /api/v1/consultations/{id}/consolidated": "200 200 403 403 403 403 401",
		"GET /api/v1/consultations/{id}/sendings":     "200 200 200 200 404 404 401",
		"POST /api/v1/consultations/{id}/sendings":    "201 201 403 403 403 403 401",
		"GET /api/v1/consultation-files/{id}":         "200 200 200 200 404 404 401",
		"GET /api/v1/clauses/{id}/consultations":      "200 200 200 200 200 200 401",
		"POST /api/v1/consultations/{id}/close":       "200 200 403 403 403 403 401",
		"GET /consultations":                          "200 200 200 200 200 200 login",
		"GET /consultations/new":                      "200 200 403 403 403 403 login",
		"POST /consultations":                         "303 303 403 403 403 403 login",
		"GET /consultations/{id}":                     "200 200 200 200 404 404 login",
		"GET /consultations/{id}/answer":              "403 403 200 200 404 404 login",
		"POST /consultations/{id}/answer":             "403 403 400 400 404 404 login",
		"POST /consultations/{id}/remind":             "400 400 403 403 403 403 login",
		"POST /consultations/{id}/rounds":             "400 400 403 403 403 403 login",
		"POST /consultations/{id}/sendings":           "303 303 403 403 403 403 login",
		"GET /consultations/{id}/consolidated":        "200 200 403 403 403 403 login",
		"GET /consultations/{id}/consolidated.pdf":    "200 200 403 403 403 403 login",
		"GET /consultation-files/{id}":                "200 200 200 200 404 404 login",
		"POST /consultations/{id}/close":              "400 400 403 403 403 403 login",
	} {
		authzMatrix[pattern] = row
	}
}
