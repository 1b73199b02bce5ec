package api

import (
	"net/http"
	"slices"
	"testing"

	"payesh"
	"payesh/internal/i18n"
)

// TestReviewDuties: separation of duties through the API. The province
// reporter that sent its branch's report, and an admin of the branch
// itself, are refused the province step with 403 report_self_review (in
// the request's language), changing nothing, and do not find the report
// in their to_review list; another province reporter approves. On a
// secretariat-only chain the secretariat user who sent a report is
// refused and a second one approves, unless the round allows
// self-review, which the round says.
func TestReviewDuties(t *testing.T) {
	e := newReportEnv(t)
	e.addUser("reporter-2", payesh.RoleReporter, "prov-a")
	e.addUser("branch-admin", payesh.RoleAdmin, "branch-a1")
	e.addUser("sec-2", payesh.RoleSecretariat, "org")
	openRound := func(title string, chain []payesh.ReviewLevel, allow *bool, unit string) roundOut {
		t.Helper()
		body := map[string]any{"title": title, "period": "1403Q1", "deadline": "2024-07-01",
			"unit_ids": []int64{e.unit[unit].ID}, "chain": chain}
		if allow != nil {
			body["allow_self_review"] = *allow
		}
		var r roundOut
		e.ok(e.do("POST", apiPath("/rounds"), "sec", body), http.StatusCreated, &r)
		var got roundOut
		e.ok(e.do("GET", apiPath("/rounds/%d", r.ID), "reporter", nil), http.StatusOK, &got)
		if want := allow != nil && *allow; r.AllowSelfReview != want || got.AllowSelfReview != want {
			t.Fatalf("round %q: allow_self_review %v, read back %v, want %v", title, r.AllowSelfReview, got.AllowSelfReview, want)
		}
		return r
	}
	inbox := func(who string) []int64 {
		t.Helper()
		var list struct {
			Items []payesh.Report
			Total int
		}
		e.ok(e.do("GET", apiPath("/reports?to_review=true"), who, nil), http.StatusOK, &list)
		ids := []int64{}
		for _, r := range list.Items {
			ids = append(ids, r.ID)
		}
		if list.Total != len(ids) {
			t.Fatalf("%s's to_review: total %d, items %v", who, list.Total, ids)
		}
		return ids
	}
	refused := func(what string, id int64, who string, body map[string]any, key string) {
		t.Helper()
		ae := e.refusedReport("POST", apiPath("/reports/%d/review", id), who, body, http.StatusForbidden, "")
		if ae.Error.Code != payesh.ESELFREVIEW || ae.Error.Message != i18n.T(i18n.EN, key) {
			t.Errorf("%s: %+v, want %s %q", what, ae.Error, payesh.ESELFREVIEW, i18n.T(i18n.EN, key))
		}
	}
	no := false
	yes := true

	// The province step of a branch's report sent by the province.
	round := openRound("گزارش بهار ۱۴۰۳", payesh.DefaultChain, &no, "branch-a1")
	rep := e.reportOf(round.ID, "branch-a1")
	var got payesh.Report
	e.ok(e.review(rep.ID, "reporter", payesh.ActSubmit, rep.Version), http.StatusOK, &got)
	approve := map[string]any{"action": "approve", "version": got.Version}
	ret := map[string]any{"action": "return", "version": got.Version, "comments": []map[string]string{{"item": "", "text": "پیوست را بفرستید."}}}
	refused("the submitter approves", rep.ID, "reporter", approve, "err.report.self_review")
	refused("the submitter returns", rep.ID, "reporter", ret, "err.report.self_review")
	refused("the branch's admin approves", rep.ID, "branch-admin", approve, "err.report.own_unit")
	e.refusedReport("POST", apiPath("/reports/%d/review", rep.ID), "branch", approve, http.StatusForbidden, "") // no step of its own
	// In Persian by default.
	r := e.do("POST", apiPath("/reports/%d/review", rep.ID), "reporter", approve)
	if ae := r.apiError(); r.status != http.StatusForbidden || ae.Error.Message != "شما این گزارش را ارسال کرده‌اید و نمی‌توانید آن را بررسی کنید؛ بررسی باید به دست کاربر دیگری انجام شود." {
		t.Errorf("Persian refusal %d %s", r.status, r.body)
	}
	if ids := inbox("reporter"); len(ids) != 0 {
		t.Errorf("the submitter's to_review %v", ids)
	}
	if ids := inbox("branch-admin"); len(ids) != 0 {
		t.Errorf("the branch admin's to_review %v", ids)
	}
	if ids := inbox("reporter-2"); len(ids) != 1 || ids[0] != rep.ID {
		t.Errorf("the other reporter's to_review %v", ids)
	}
	e.ok(e.review(rep.ID, "reporter-2", payesh.ActApprove, got.Version), http.StatusOK, &got)
	if got.State != payesh.ReportSubmitted || got.Level != 1 {
		t.Fatalf("approved by the other reporter %+v", got)
	}
	if n := len(e.auditTrail("report", rep.ID)); n != 2 {
		t.Errorf("the report's trail holds %d events, want submit and approve", n)
	}

	// A secretariat-only chain: a second secretariat user.
	secOnly := []payesh.ReviewLevel{payesh.LevelSecretariat}
	strict := openRound("دبیرخانه به‌تنهایی", secOnly, nil, "prov-b")
	rep = e.reportOf(strict.ID, "prov-b")
	e.ok(e.review(rep.ID, "sec", payesh.ActSubmit, rep.Version), http.StatusOK, &got)
	refused("the sending secretariat user approves", rep.ID, "sec", map[string]any{"action": "approve", "version": got.Version}, "err.report.self_review")
	if ids := inbox("sec"); slices.Contains(ids, rep.ID) {
		t.Errorf("the sending secretariat user's to_review %v holds %d", ids, rep.ID)
	}
	if ids := inbox("sec-2"); !slices.Contains(ids, rep.ID) {
		t.Errorf("the second secretariat user's to_review %v lacks %d", ids, rep.ID)
	}
	e.ok(e.review(rep.ID, "sec-2", payesh.ActApprove, got.Version), http.StatusOK, &got)
	if got.State != payesh.ReportApproved {
		t.Fatalf("approved by the second secretariat user %+v", got)
	}

	// Allowed by the round: the same user.
	lenient := openRound("دبیرخانهٔ یک‌نفره", secOnly, &yes, "prov-b")
	rep = e.reportOf(lenient.ID, "prov-b")
	e.ok(e.review(rep.ID, "sec", payesh.ActSubmit, rep.Version), http.StatusOK, &got)
	if ids := inbox("sec"); !slices.Contains(ids, rep.ID) {
		t.Errorf("the sender's to_review, allowed: %v lacks %d", ids, rep.ID)
	}
	e.ok(e.review(rep.ID, "sec", payesh.ActApprove, got.Version), http.StatusOK, &got)
	if got.State != payesh.ReportApproved {
		t.Fatalf("approved by its sender, allowed: %+v", got)
	}
}
