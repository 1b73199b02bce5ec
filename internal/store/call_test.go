package store_test

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// callWorld is the research institute's call in three axes feeding the
// special issue, with the secretariat, the institute's reporter, a
// reporter of an outside partner and three papers.
type callWorld struct {
	db          *store.DB
	institute   *payesh.OrgUnit
	secretariat context.Context
	reporter    context.Context
	outsider    context.Context
	issue       *payesh.WorkItem
	call        *payesh.Call
	papers      []*payesh.Submission
}

func newCallWorld(t *testing.T, db *store.DB, planned, papers int) *callWorld {
	t.Helper()
	w := &callWorld{db: db}
	root := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
	w.institute = mustUnit(t, db, root, payesh.UnitOffice, "research-institute")
	sec := mustUnit(t, db, root, payesh.UnitOffice, "secretariat")
	partner := mustUnit(t, db, root, payesh.UnitPartner, "partner-university")
	_, w.secretariat = mustUser(t, db, sec, "sec", payesh.RoleSecretariat)
	_, w.reporter = mustUser(t, db, w.institute, "rii", payesh.RoleReporter)
	_, w.outsider = mustUser(t, db, partner, "uni", payesh.RoleReporter)
	program := mustWork(t, db, sys, &payesh.WorkItem{Kind: payesh.KindProgram, Title: "پشتیبانی پژوهشی", OwnerUnitID: w.institute.ID})
	w.issue = mustWork(t, db, sys, &payesh.WorkItem{Kind: payesh.KindMilestone, Title: "ویژه‌نامهٔ فصلنامه",
		OwnerUnitID: w.institute.ID, ParentID: &program.ID})
	w.call = &payesh.Call{Title: "فراخوان مقاله", OwnerUnitID: w.institute.ID, PlannedPapers: planned, MilestoneID: &w.issue.ID,
		Axes: []payesh.CallAxis{{}, {Title: "پایداری صندوق‌ها"}, {}}, Deadline: payesh.NewDate(2024, 9, 1)}
	if err := db.CreateCall(w.reporter, w.call); err != nil {
		t.Fatalf("create call: %v", err)
	}
	for i := range papers {
		s := &payesh.Submission{CallID: w.call.ID, Axis: 1 + i%3, Title: fmt.Sprint("مقالهٔ ", i+1), Authors: "نویسنده " + fmt.Sprint(i+1),
			Institution: "دانشگاه تهران", ReceivedOn: payesh.NewDate(2024, 7, 1)}
		var file *payesh.Upload
		if i == 0 {
			file = &payesh.Upload{Name: "مقاله.pdf", Content: bytes.NewReader(pdfBytes("paper one"))}
		}
		if err := db.CreateSubmission(w.secretariat, s, file); err != nil {
			t.Fatalf("submission %d: %v", i, err)
		}
		w.papers = append(w.papers, s)
	}
	return w
}

func (w *callWorld) decide(t *testing.T, ctx context.Context, s *payesh.Submission, v payesh.Verdict) *payesh.Submission {
	t.Helper()
	cur, err := w.db.FindSubmission(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	after, err := w.db.Decide(ctx, s.ID, payesh.PaperDecision{Verdict: v, Version: cur.Version})
	if err != nil {
		t.Fatalf("decide %d %q: %v", s.ID, v, err)
	}
	return after
}

func (w *callWorld) milestone(t *testing.T) *payesh.WorkItem {
	t.Helper()
	m, err := w.db.FindWorkItemByID(sys, w.issue.ID)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestCallDrivesMilestone: the special issue's progress is the accepted
// papers over the planned ones after every decision — taken, changed or
// taken back — with an entry in its history each time it moves, and it
// stays open at 100% until someone reports it published.
func TestCallDrivesMilestone(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newCallWorld(t, db, 4, 6)
		steps := []struct {
			paper   int
			verdict payesh.Verdict
			want    float64
		}{
			{0, payesh.VerdictAccept, 25},
			{1, payesh.VerdictReject, 25},
			{2, payesh.VerdictAccept, 50},
			{0, payesh.VerdictRevise, 25}, // changed: no longer accepted
			{0, "", 25},                   // taken back
			{0, payesh.VerdictAccept, 50},
			{3, payesh.VerdictAccept, 75},
			{4, payesh.VerdictAccept, 100},
			{5, payesh.VerdictAccept, 100}, // more than planned: still 100
		}
		for i, s := range steps {
			w.decide(t, w.secretariat, w.papers[s.paper], s.verdict)
			if got := w.milestone(t).Progress; got != s.want {
				t.Fatalf("step %d: progress %v, want %v", i, got, s.want)
			}
		}
		m := w.milestone(t)
		if m.Status != payesh.StatusInProgress {
			t.Errorf("status at 100%% = %s, want in_progress until published", m.Status)
		}
		hist, err := db.FindProgressUpdates(sys, w.issue.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Moves: 25, 50, 25, 50, 75, 100 — the decisions that left it
		// where it was wrote nothing.
		if len(hist) != 6 {
			t.Errorf("history has %d updates, want 6", len(hist))
		}
		if n := hist[0].Note; !bytes.Contains([]byte(n), []byte("۴ از ۴")) {
			t.Errorf("latest note %q does not say ۴ از ۴", n)
		}
		c, err := db.FindCall(w.reporter, w.call.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Tally.Accepted != 5 || c.Tally.Rejected != 1 || c.Progress() != 100 {
			t.Errorf("tally %+v, progress %v", c.Tally, c.Progress())
		}
		// The program above the milestone rolled up with it.
		parent, _ := db.FindWorkItemByID(sys, *m.ParentID)
		if parent.Progress != 100 {
			t.Errorf("program progress %v, want 100", parent.Progress)
		}

		// A smaller planned count on the call moves the milestone at once;
		// a published issue is not moved by later decisions.
		c.PlannedPapers = 10
		if c, err = db.UpdateCall(w.secretariat, c.ID, c); err != nil {
			t.Fatal(err)
		}
		if got := w.milestone(t).Progress; got != 50 {
			t.Errorf("after planning 10: progress %v, want 50", got)
		}
		m = w.milestone(t)
		if _, _, err := db.PostProgress(w.reporter, m.ID, payesh.ProgressUpdateInput{Status: payesh.StatusDone, Version: m.Version}); err != nil {
			t.Fatal(err)
		}
		w.decide(t, w.secretariat, w.papers[5], payesh.VerdictReject)
		if m := w.milestone(t); m.Status != payesh.StatusDone || m.Progress != 100 {
			t.Errorf("published issue moved: %s %v", m.Status, m.Progress)
		}
	})
}

// TestCallRules: who reads and runs a call, and what it refuses.
func TestCallRules(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newCallWorld(t, db, 2, 3)
		if _, err := db.FindCall(w.outsider, w.call.ID); payesh.ErrorCode(err) != payesh.ENOTFOUND {
			t.Errorf("outside partner reads the call: %v", err)
		}
		if _, err := db.FindSubmissions(w.outsider, w.call.ID); payesh.ErrorCode(err) != payesh.ENOTFOUND {
			t.Errorf("outside partner reads the papers: %v", err)
		}
		list, total, err := db.FindCalls(w.outsider, payesh.CallFilter{})
		if err != nil || total != 0 || len(list) != 0 {
			t.Errorf("outside partner lists %d calls (%v)", total, err)
		}
		s, err := db.FindSubmission(w.outsider, w.papers[0].ID)
		if payesh.ErrorCode(err) != payesh.ENOTFOUND || s != nil {
			t.Errorf("outside partner reads a paper: %v", err)
		}
		if _, _, err := db.OpenCallFile(w.outsider, w.papers[0].File.ID); payesh.ErrorCode(err) != payesh.ENOTFOUND {
			t.Errorf("outside partner opens a file: %v", err)
		}
		if _, data, err := db.OpenCallFile(w.reporter, w.papers[0].File.ID); err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
			t.Errorf("the institute cannot open its paper: %v", err)
		}
		cases := []struct {
			name string
			err  error
			code string
		}{
			{"axis beyond the call's", db.CreateSubmission(w.secretariat, &payesh.Submission{CallID: w.call.ID, Axis: 4, Title: "ت", Authors: "ن"}, nil), payesh.EINVALID},
			{"received in the future", db.CreateSubmission(w.secretariat, &payesh.Submission{CallID: w.call.ID, Axis: 1, Title: "ت", Authors: "ن",
				ReceivedOn: payesh.NewDate(2025, 1, 1)}, nil), payesh.EINVALID},
			{"outsider records a paper", db.CreateSubmission(w.outsider, &payesh.Submission{CallID: w.call.ID, Axis: 1, Title: "ت", Authors: "ن"}, nil), payesh.ENOTFOUND},
			{"not a paper file", db.CreateSubmission(w.secretariat, &payesh.Submission{CallID: w.call.ID, Axis: 1, Title: "ت", Authors: "ن"},
				&payesh.Upload{Name: "x.exe", Content: bytes.NewReader([]byte("MZ"))}), payesh.EINVALID},
			{"a call without axes", db.CreateCall(w.secretariat, &payesh.Call{Title: "ت", OwnerUnitID: w.institute.ID}), payesh.EINVALID},
			{"a second call on one milestone", db.CreateCall(w.secretariat, &payesh.Call{Title: "ت", OwnerUnitID: w.institute.ID,
				Axes: []payesh.CallAxis{{}}, MilestoneID: &w.issue.ID}), payesh.EINVALID},
		}
		for _, c := range cases {
			if got := payesh.ErrorCode(c.err); got != c.code {
				t.Errorf("%s: %q (%v), want %q", c.name, got, c.err, c.code)
			}
		}
		// The milestone must be a leaf milestone or program.
		action := mustWork(t, db, sys, &payesh.WorkItem{Title: "اقدام", OwnerUnitID: w.institute.ID})
		err = db.CreateCall(w.secretariat, &payesh.Call{Title: "ت", OwnerUnitID: w.institute.ID, Axes: []payesh.CallAxis{{}}, MilestoneID: &action.ID})
		if e, ok := err.(*payesh.Error); !ok || e.Fields["milestone_id"] != "err.call.milestone_kind" {
			t.Errorf("an action as milestone: %v", err)
		}
		// Axes holding papers cannot be dropped.
		c, _ := db.FindCall(w.secretariat, w.call.ID)
		c.Axes = c.Axes[:1]
		if _, err := db.UpdateCall(w.secretariat, c.ID, c); payesh.ErrorCode(err) != payesh.EINVALID {
			t.Errorf("dropping axes with papers: %v", err)
		}
		// A stale decision is a conflict.
		_, err = db.Decide(w.secretariat, w.papers[1].ID, payesh.PaperDecision{Verdict: payesh.VerdictAccept, Version: 1})
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.Decide(w.reporter, w.papers[1].ID, payesh.PaperDecision{Verdict: payesh.VerdictReject, Version: 1})
		wantCode(t, err, payesh.ECONFLICT)
		_, err = db.Decide(w.outsider, w.papers[1].ID, payesh.PaperDecision{Verdict: payesh.VerdictReject, Version: 2})
		wantCode(t, err, payesh.ENOTFOUND)
		if n := auditCount(t, db, "call_submission", w.papers[1].ID); n != 2 {
			t.Errorf("paper has %d audit events, want submit and decide", n)
		}
	})
}

// clock is a store clock a test moves.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// TestReviewerLink: an external reviewer's link opens only the papers
// assigned to them — shown, downloaded, reviewed — never another's, and
// stops at its expiry or its revocation; a renewed link replaces the old.
func TestReviewerLink(t *testing.T) {
	clk := &clock{now: fixedNow}
	o := opts()
	o.Now = clk.Now
	storetest.Engines(t, o, func(t *testing.T, db *store.DB) {
		clk.now = fixedNow
		w := newCallWorld(t, db, 3, 3)
		mine, other := w.papers[0], w.papers[1]
		secret, rev, err := db.CreateReviewer(w.secretariat, w.call.ID, payesh.ReviewerInput{Name: "دکتر داور بیرونی",
			Affiliation: "دانشگاه علامه", Email: "referee@example.org", SubmissionIDs: []int64{mine.ID, w.papers[2].ID}, Days: 14})
		if err != nil {
			t.Fatal(err)
		}
		if len(secret) < 40 || !rev.ExpiresAt.Equal(fixedNow.Add(14*24*time.Hour)) {
			t.Fatalf("secret %q, expires %v", secret, rev.ExpiresAt)
		}
		// A second reviewer, whose review the first must not read.
		secret2, _, err := db.CreateReviewer(w.secretariat, w.call.ID, payesh.ReviewerInput{Name: "داور دوم", SubmissionIDs: []int64{mine.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.PostReview(context.Background(), secret2, mine.ID, payesh.PaperReviewInput{Score: 2, Verdict: payesh.VerdictRevise, Comment: "نظر داور دوم"}); err != nil {
			t.Fatal(err)
		}

		// No user in the context: the secret is the whole authority.
		anon := context.Background()
		desk, err := db.ReviewerDesk(anon, secret)
		if err != nil {
			t.Fatal(err)
		}
		if len(desk.Submissions) != 2 || desk.Submissions[0].ID != mine.ID || desk.Call.ID != w.call.ID {
			t.Fatalf("desk holds %d submissions", len(desk.Submissions))
		}
		if len(desk.Submissions[0].Reviews) != 0 || len(desk.Submissions[0].Reviewers) != 0 {
			t.Errorf("the desk shows another reviewer's review or names: %+v", desk.Submissions[0])
		}
		if _, data, err := db.OpenReviewerFile(anon, secret, mine.ID); err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
			t.Errorf("own paper's file: %v", err)
		}
		if _, _, err := db.OpenReviewerFile(anon, secret, other.ID); payesh.ErrorCode(err) != payesh.ENOTFOUND {
			t.Errorf("another paper's file: %v", err)
		}
		if _, err := db.PostReview(anon, secret, other.ID, payesh.PaperReviewInput{Score: 5, Verdict: payesh.VerdictAccept}); payesh.ErrorCode(err) != payesh.ENOTFOUND {
			t.Errorf("review of another paper: %v", err)
		}
		for _, bad := range []payesh.PaperReviewInput{{Score: 0, Verdict: payesh.VerdictAccept}, {Score: 6, Verdict: payesh.VerdictAccept}, {Score: 3, Verdict: "maybe"}} {
			if _, err := db.PostReview(anon, secret, mine.ID, bad); payesh.ErrorCode(err) != payesh.EINVALID {
				t.Errorf("review %+v: %v", bad, err)
			}
		}
		r, err := db.PostReview(anon, secret, mine.ID, payesh.PaperReviewInput{Score: 4, Verdict: payesh.VerdictAccept, Comment: "  روشمند  "})
		if err != nil || r.Score != 4 || r.Comment != "روشمند" || r.ReviewerName != "دکتر داور بیرونی" {
			t.Fatalf("review: %+v, %v", r, err)
		}
		// Posting again replaces it.
		if r, err = db.PostReview(anon, secret, mine.ID, payesh.PaperReviewInput{Score: 5, Verdict: payesh.VerdictAccept}); err != nil || r.Score != 5 {
			t.Fatalf("second review: %+v, %v", r, err)
		}
		s, err := db.FindSubmission(w.secretariat, mine.ID)
		if err != nil || len(s.Reviews) != 2 || s.MeanScore() != 3.5 || len(s.Reviewers) != 2 {
			t.Fatalf("staff see %d reviews, mean %v (%v)", len(s.Reviews), s.MeanScore(), err)
		}
		// A decided paper takes no more reviews.
		w.decide(t, w.secretariat, mine, payesh.VerdictAccept)
		if _, err := db.PostReview(anon, secret, mine.ID, payesh.PaperReviewInput{Score: 1, Verdict: payesh.VerdictReject}); payesh.ErrorCode(err) != payesh.ECONFLICT {
			t.Errorf("review of a decided paper: %v", err)
		}
		// Unknown and malformed links are not found.
		for _, bad := range []string{"", "nope", secret + "x", string(make([]byte, 500))} {
			if _, err := db.ReviewerDesk(anon, bad); payesh.ErrorCode(err) != payesh.ENOTFOUND {
				t.Errorf("link %q: %v", bad, err)
			}
		}
		// Expiry: the day after, the link is gone — for the desk, the file
		// and the review alike.
		clk.Add(14*24*time.Hour + time.Second)
		if _, err := db.ReviewerDesk(anon, secret); payesh.ErrorMessage(err) != "err.reviewer_link.expired" || payesh.ErrorCode(err) != payesh.EGONE {
			t.Errorf("expired desk: %v", err)
		}
		if _, _, err := db.OpenReviewerFile(anon, secret, mine.ID); payesh.ErrorCode(err) != payesh.EGONE {
			t.Errorf("expired file: %v", err)
		}
		if _, err := db.PostReview(anon, secret, w.papers[2].ID, payesh.PaperReviewInput{Score: 3, Verdict: payesh.VerdictRevise}); payesh.ErrorCode(err) != payesh.EGONE {
			t.Errorf("expired review: %v", err)
		}
		// Renewed: a new secret works, the old one is unknown.
		fresh, rev, err := db.RenewReviewerLink(w.secretariat, rev.ID, 7)
		if err != nil || fresh == secret {
			t.Fatalf("renew: %v", err)
		}
		if _, err := db.ReviewerDesk(anon, fresh); err != nil {
			t.Errorf("renewed link: %v", err)
		}
		if _, err := db.ReviewerDesk(anon, secret); payesh.ErrorCode(err) != payesh.ENOTFOUND {
			t.Errorf("old link after renewal: %v", err)
		}
		// Assigning more reaches the same link; revoking ends it.
		if rev, err = db.AssignSubmissions(w.secretariat, rev.ID, []int64{other.ID}); err != nil || len(rev.SubmissionIDs) != 3 {
			t.Fatalf("assign: %v", err)
		}
		if _, _, err := db.OpenReviewerFile(anon, fresh, other.ID); payesh.ErrorCode(err) != payesh.ENOTFOUND || payesh.ErrorMessage(err) != "err.not_found.call_file" {
			t.Errorf("assigned paper without a file: %v", err)
		}
		if _, err := db.AssignSubmissions(w.outsider, rev.ID, []int64{other.ID}); payesh.ErrorCode(err) != payesh.ENOTFOUND {
			t.Errorf("outsider assigns: %v", err)
		}
		if _, err := db.RevokeReviewer(w.reporter, rev.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReviewerDesk(anon, fresh); payesh.ErrorMessage(err) != "err.reviewer_link.revoked" {
			t.Errorf("revoked link: %v", err)
		}
		list, err := db.FindReviewers(w.reporter, w.call.ID)
		if err != nil || len(list) != 2 || list[0].LinkState(clk.Now()) != payesh.LinkRevoked {
			t.Errorf("reviewers: %v", err)
		}
		if _, err := db.FindReviewers(w.outsider, w.call.ID); payesh.ErrorCode(err) != payesh.ENOTFOUND {
			t.Errorf("outsider lists reviewers: %v", err)
		}
		if n := auditCount(t, db, "call", w.call.ID); n < 5 {
			t.Errorf("call has %d audit events", n)
		}
	})
}

// TestConcurrentDecisions: writers on two instances decide papers of one
// call at once — accepting, then some taking back — and the special
// issue's progress always ends equal to the accepted count over the
// planned one, with nothing but a conflict reaching a writer.
func TestConcurrentDecisions(t *testing.T) {
	storetest.EngineTwins(t, opts(), func(t *testing.T, a, b *store.DB) {
		w := newCallWorld(t, a, 2*writers, writers)
		check := func(round string) {
			t.Helper()
			c, err := a.FindCall(sys, w.call.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := payesh.MilestoneProgress(c.Tally.Accepted, c.PlannedPapers)
			if got := w.milestone(t).Progress; got != want {
				t.Fatalf("%s: progress %v, want %v (%d accepted)", round, got, want, c.Tally.Accepted)
			}
		}
		decideFresh := func(db *store.DB, id int64, v payesh.Verdict) error {
			s, err := db.FindSubmission(sys, id)
			if err != nil {
				return err
			}
			_, err = db.Decide(sys, id, payesh.PaperDecision{Verdict: v, Version: s.Version})
			return err
		}
		hammer(t, [2]*store.DB{a, b}, func(db *store.DB, worker int) error {
			return decideFresh(db, w.papers[worker].ID, payesh.VerdictAccept)
		})
		check("all accepted")
		if got := w.milestone(t).Progress; got != 50 {
			t.Fatalf("all %d accepted of %d planned: %v", writers, 2*writers, got)
		}
		for round := range rounds {
			hammer(t, [2]*store.DB{a, b}, func(db *store.DB, worker int) error {
				v := payesh.VerdictAccept
				if (worker+round)%3 == 0 {
					v = payesh.VerdictReject
				}
				return decideFresh(db, w.papers[worker].ID, v)
			})
			check(fmt.Sprint("round ", round))
		}
	})
}
