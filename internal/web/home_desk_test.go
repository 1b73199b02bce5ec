package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/store/storetest"
)

// TestDeskLeads: the desk puts first what waits for each user, and only
// what they can act on: the reporter their unit's late report of an open
// round (then, once it is sent, nothing); the secretariat the report
// waiting for its review and the late units of the board; a viewer none.
func TestDeskLeads(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	office := e.unit("office-women-family")
	round := &payesh.Round{Title: "گزارش فصل بهار ۱۴۰۳", Period: "1403Q1", Deadline: payesh.NewDate(2024, 7, 1), UnitIDs: []int64{office.ID}}
	if err := e.db.CreateRound(storetest.System(), round); err != nil {
		t.Fatal(err)
	}
	reports, _, err := e.db.FindReports(storetest.System(), payesh.ReportFilter{RoundID: round.ID})
	if err != nil || len(reports) != 1 {
		t.Fatalf("reports: %v %v", reports, err)
	}
	rep := reports[0]
	lead := fmt.Sprintf(`id="desk-report-%d"`, rep.ID)
	late := strings.SplitN(i18n.T(i18n.FA, "ui.desk.report_late"), "«", 2)[0]

	home := e.as("reporter").get("/")
	home.want(t, http.StatusOK, lead, fmt.Sprintf(`href="/reports/%d"`, rep.ID), late, "«"+round.Title+"»")
	home.lacks(t, `id="desk-review"`, `id="desk-late"`)
	sec := e.as("secretariat").get("/")
	sec.want(t, http.StatusOK, `id="desk-late"`)
	sec.lacks(t, `id="desk-review"`, lead)
	e.as("viewer").get("/").lacks(t, `id="desk-h"`)

	_, ctx := e.userCtx("reporter")
	if _, err := e.db.Review(ctx, rep.ID, payesh.ReviewInput{Action: payesh.ActSubmit, Version: rep.Version, Confirm: true}); err != nil {
		t.Fatal(err)
	}
	e.as("reporter").get("/").lacks(t, lead)
	sec = e.as("secretariat").get("/")
	sec.want(t, http.StatusOK, `id="desk-review"`, `href="/inbox#review-h"`, strings.SplitN(i18n.T(i18n.FA, "ui.desk.review"), "%s", 2)[1])
}
