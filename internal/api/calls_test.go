package api

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"
	"time"

	"payesh"
)

type callOut struct {
	ID       int64   `json:"id"`
	Progress float64 `json:"progress"`
	Deadline *string `json:"deadline_jalali"`
	Axes     []struct {
		Number int    `json:"number"`
		Title  string `json:"title"`
	} `json:"axes"`
	Tally   struct{ Accepted, Submissions int } `json:"tally"`
	Version int                                 `json:"version"`
}

type submissionOut struct {
	ID        int64    `json:"id"`
	Axis      int      `json:"axis"`
	Decision  string   `json:"decision"`
	MeanScore float64  `json:"mean_score"`
	Reviewers []string `json:"reviewers"`
	Reviews   []struct {
		Score   int    `json:"score"`
		Comment string `json:"comment"`
	} `json:"reviews"`
	File *struct {
		ID int64 `json:"id"`
	} `json:"file"`
	Version int `json:"version"`
}

// TestCallsAPI is the call for papers through the API: the secretariat
// makes a call of three axes feeding the special issue (four papers
// planned), records papers and a file, makes an external reviewer's link
// for two of them; the reviewer, with no account, opens only those,
// downloads the file, posts a review; decisions move the milestone; the
// link expires (410) and an unknown one is 404.
func TestCallsAPI(t *testing.T) {
	e := newEnv(t)
	issue := e.addWork("ویژه‌نامهٔ فصلنامه", "org", nil, payesh.Date{}, 1)
	// A program without children is what addWork makes at the top; the
	// special issue is a milestone.
	kind := payesh.KindMilestone
	if _, err := e.db.UpdateWorkItem(sysCtx, issue.ID, payesh.WorkItemUpdate{Kind: &kind, Version: issue.Version}); err != nil {
		t.Fatal(err)
	}
	var c callOut
	e.ok(e.do("POST", apiPath("/calls"), "sec", map[string]any{"title": "فراخوان مقاله", "owner_unit_id": e.unit["org"].ID,
		"axes": []map[string]any{{}, {"title": "محور دوم"}, {}}, "planned_papers": 4, "milestone_id": issue.ID,
		"deadline": "2024-09-01"}), http.StatusCreated, &c)
	if len(c.Axes) != 3 || c.Axes[2].Number != 3 || c.Progress != 0 || c.Deadline == nil || *c.Deadline != "1403/06/11" {
		t.Fatalf("call: %+v", c)
	}
	// A reporter of a province reads the headquarters' call but does not run it.
	e.ok(e.do("GET", apiPath("/calls/%d", c.ID), "reporter", nil), http.StatusOK, nil)
	if r := e.do("POST", apiPath("/calls/%d/submissions", c.ID), "reporter", map[string]any{"axis": 1, "title": "ت", "authors": "ن"}); r.status != http.StatusForbidden {
		t.Errorf("reporter records a paper: %d %s", r.status, r.body)
	}
	if r := e.do("POST", apiPath("/calls/%d/submissions", c.ID), "sec", map[string]any{"axis": 4, "title": "ت", "authors": "ن"}); r.status != http.StatusBadRequest ||
		r.apiError().Error.Fields["axis"] == "" {
		t.Errorf("axis 4 of 3: %d %s", r.status, r.body)
	}
	var papers []submissionOut
	for i := range 3 {
		var s submissionOut
		e.ok(e.do("POST", apiPath("/calls/%d/submissions", c.ID), "sec", map[string]any{"axis": i + 1, "title": fmt.Sprint("مقالهٔ ", i+1),
			"authors": "نویسنده", "institution": "دانشگاه", "received_on": "2024-05-20"}), http.StatusCreated, &s)
		papers = append(papers, s)
	}
	ct, body := multipartBody(t, part{"file", "مقاله.pdf", []byte("%PDF-1.4\n% paper\n%%EOF\n")})
	req, _ := http.NewRequest("POST", e.srv.URL+apiPath("/submissions/%d/file", papers[0].ID), bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+e.token["sec"])
	e.ok(e.send(req), http.StatusCreated, nil)

	var link struct {
		Reviewer struct {
			ID int64 `json:"id"`
		} `json:"reviewer"`
		Token string `json:"token"`
		Path  string `json:"path"`
	}
	e.ok(e.do("POST", apiPath("/calls/%d/reviewers", c.ID), "sec", map[string]any{"name": "داور بیرونی", "email": "r@example.org",
		"submission_ids": []int64{papers[0].ID, papers[1].ID}, "days": 10}), http.StatusCreated, &link)
	if len(link.Token) < 40 || link.Path != "/review/"+link.Token {
		t.Fatalf("link: %+v", link)
	}
	var reviewers struct {
		Items []map[string]any `json:"items"`
	}
	e.ok(e.do("GET", apiPath("/calls/%d/reviewers", c.ID), "sec", nil), http.StatusOK, &reviewers)
	if len(reviewers.Items) != 1 || bytes.Contains(e.do("GET", apiPath("/calls/%d/reviewers", c.ID), "sec", nil).body, []byte(link.Token)) {
		t.Errorf("reviewers list: %+v", reviewers)
	}

	// The reviewer: no sign-in, only the link.
	var desk struct {
		Submissions []submissionOut `json:"submissions"`
	}
	e.ok(e.do("GET", apiPath("/review/%s", link.Token), "", nil), http.StatusOK, &desk)
	if len(desk.Submissions) != 2 || desk.Submissions[0].ID != papers[0].ID {
		t.Fatalf("desk: %+v", desk)
	}
	if r := e.do("GET", apiPath("/review/%s/submissions/%d/file", link.Token, papers[0].ID), "", nil); r.status != http.StatusOK ||
		!bytes.HasPrefix(r.body, []byte("%PDF")) || r.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("file: %d", r.status)
	}
	for _, p := range []string{
		apiPath("/review/%s/submissions/%d/file", link.Token, papers[2].ID),
		apiPath("/review/%s/submissions/%d/file", link.Token, papers[1].ID), // assigned, but has no file
	} {
		if r := e.do("GET", p, "", nil); r.status != http.StatusNotFound {
			t.Errorf("GET %s: %d", p, r.status)
		}
	}
	if r := e.do("POST", apiPath("/review/%s/submissions/%d/review", link.Token, papers[2].ID), "", map[string]any{"score": 5, "verdict": "accept"}); r.status != http.StatusNotFound {
		t.Errorf("review of an unassigned paper: %d", r.status)
	}
	if r := e.do("POST", apiPath("/review/%s/submissions/%d/review", link.Token, papers[0].ID), "", map[string]any{"score": 9, "verdict": "accept"}); r.status != http.StatusBadRequest {
		t.Errorf("score 9: %d", r.status)
	}
	e.ok(e.do("POST", apiPath("/review/%s/submissions/%d/review", link.Token, papers[0].ID), "",
		map[string]any{"score": 4, "verdict": "accept", "comment": "روش پژوهش روشن است."}), http.StatusOK, nil)
	// The link is no API credential, and the signed-in pages are not its.
	if r := e.do("GET", apiPath("/calls/%d", c.ID), "", nil, "Authorization", "Bearer "+link.Token); r.status != http.StatusUnauthorized {
		t.Errorf("the link as a bearer token: %d", r.status)
	}

	var s submissionOut
	e.ok(e.do("GET", apiPath("/submissions/%d", papers[0].ID), "viewer", nil), http.StatusOK, &s)
	if len(s.Reviews) != 1 || s.MeanScore != 4 || len(s.Reviewers) != 1 || s.File == nil {
		t.Fatalf("submission as staff see it: %+v", s)
	}
	// Decisions move the special issue: 1 of 4, then 2 of 4.
	e.ok(e.do("POST", apiPath("/submissions/%d/decision", papers[0].ID), "sec", map[string]any{"decision": "accept", "version": s.Version}), http.StatusOK, &s)
	if got := e.work(issue.ID).Progress; got != 25 {
		t.Errorf("after one acceptance: %v", got)
	}
	if r := e.do("POST", apiPath("/submissions/%d/decision", papers[0].ID), "sec", map[string]any{"decision": "reject", "version": 1}); r.status != http.StatusConflict {
		t.Errorf("stale decision: %d", r.status)
	}
	if r := e.do("POST", apiPath("/submissions/%d/decision", papers[1].ID), "viewer", map[string]any{"decision": "accept", "version": 1}); r.status != http.StatusForbidden {
		t.Errorf("viewer decides: %d", r.status)
	}
	e.ok(e.do("POST", apiPath("/submissions/%d/decision", papers[1].ID), "sec", map[string]any{"decision": "accept", "version": 1}), http.StatusOK, nil)
	e.ok(e.do("GET", apiPath("/calls/%d", c.ID), "viewer", nil), http.StatusOK, &c)
	if c.Progress != 50 || c.Tally.Accepted != 2 || e.work(issue.ID).Progress != 50 {
		t.Errorf("call after two acceptances: %+v, milestone %v", c, e.work(issue.ID).Progress)
	}
	if r := e.do("POST", apiPath("/review/%s/submissions/%d/review", link.Token, papers[1].ID), "", map[string]any{"score": 2, "verdict": "reject"}); r.status != http.StatusConflict {
		t.Errorf("review of a decided paper: %d", r.status)
	}

	// Unknown: 404; expired: 410, with a message that says so.
	if r := e.do("GET", apiPath("/review/%s", "not-a-link"), "", nil); r.status != http.StatusNotFound {
		t.Errorf("unknown link: %d", r.status)
	}
	e.clock.Add(11 * 24 * time.Hour)
	r := e.do("GET", apiPath("/review/%s", link.Token), "", nil, "Accept-Language", "en")
	if r.status != http.StatusGone || r.apiError().Error.Code != payesh.EGONE || r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("expired link: %d %s", r.status, r.body)
	}
	// Renewed, it works again; revoked, it is gone.
	var renewed struct {
		Token string `json:"token"`
	}
	e.ok(e.do("POST", apiPath("/reviewers/%d/renew", link.Reviewer.ID), "sec", map[string]any{"days": 5}), http.StatusOK, &renewed)
	e.ok(e.do("GET", apiPath("/review/%s", renewed.Token), "", nil), http.StatusOK, nil)
	e.ok(e.do("POST", apiPath("/reviewers/%d/revoke", link.Reviewer.ID), "sec", nil), http.StatusOK, nil)
	if r := e.do("GET", apiPath("/review/%s", renewed.Token), "", nil); r.status != http.StatusGone {
		t.Errorf("revoked link: %d", r.status)
	}
}
