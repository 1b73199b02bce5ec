package store_test

import (
	"bytes"
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// consultWorld is five units asked about clauses 3 and 8 of the policy,
// each with a reporter; the first also has a viewer. A partner's expert
// and an outsider are not asked.
type consultWorld struct {
	db             *store.DB
	now            *time.Time
	secretariat    context.Context
	units          []*payesh.OrgUnit
	users          []*payesh.User
	ctxs           []context.Context
	viewer         context.Context
	expertUser     *payesh.User
	expert         context.Context
	outsider       context.Context
	policy         *payesh.Document
	clause3        *payesh.Clause
	clause8        *payesh.Clause
	c              *payesh.Consultation
	secretariatWho *payesh.User
}

func newConsultWorld(t *testing.T, db *store.DB, now *time.Time) *consultWorld {
	t.Helper()
	w := &consultWorld{db: db, now: now}
	root := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
	sec := mustUnit(t, db, root, payesh.UnitOffice, "secretariat")
	w.secretariatWho, w.secretariat = mustUser(t, db, sec, "sec", payesh.RoleSecretariat)
	for i, code := range []string{"deputy-insurance", "deputy-health", "office-women", "prov-tehran", "prov-isfahan"} {
		kind := payesh.UnitOffice
		if i >= 3 {
			kind = payesh.UnitProvince
		}
		u := mustUnit(t, db, root, kind, code)
		usr, ctx := mustUser(t, db, u, "r-"+code, payesh.RoleReporter)
		w.units, w.users, w.ctxs = append(w.units, u), append(w.users, usr), append(w.ctxs, ctx)
	}
	_, w.viewer = mustUser(t, db, w.units[0], "v-insurance", payesh.RoleViewer)
	partner := mustUnit(t, db, root, payesh.UnitPartner, "partner-universities")
	w.expertUser, w.expert = mustUser(t, db, partner, "expert", payesh.RoleReporter)
	_, w.outsider = mustUser(t, db, partner, "outsider", payesh.RoleReporter)
	w.policy = mustPolicy(t, db)
	w.clause3, w.clause8 = mustClause(t, db, w.policy, nil, "3"), mustClause(t, db, w.policy, nil, "8")
	return w
}

func (w *consultWorld) unitIDs() []int64 {
	ids := make([]int64, len(w.units))
	for i, u := range w.units {
		ids[i] = u.ID
	}
	return ids
}

// notes returns the kinds of the consultation notifications the user in
// ctx has.
func notes(t *testing.T, db *store.DB, ctx context.Context) []payesh.NotificationKind {
	t.Helper()
	list, _, err := db.Notifications(ctx, false, payesh.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out []payesh.NotificationKind
	for _, n := range list {
		if n.Entity == payesh.EntityConsultation {
			out = append(out, n.Kind)
		}
	}
	slices.Sort(out)
	return out
}

func (w *consultWorld) save(t *testing.T, who int, submit bool, version int, answers ...payesh.Answer) *payesh.Response {
	t.Helper()
	r, err := w.db.SaveResponse(w.ctxs[who], w.c.ID, payesh.ResponseInput{Answers: answers, Submit: submit, Version: version})
	if err != nil {
		t.Fatalf("unit %d saves: %v", who, err)
	}
	return r
}

func (w *consultWorld) on(c *payesh.Clause, agreement int, comment, proposal string) payesh.Answer {
	return payesh.Answer{ClauseID: &c.ID, Agreement: agreement, Comment: comment, Proposal: proposal}
}

// TestConsultationRounds is issue 15's acceptance for consultations on
// both engines: five units asked, three answer (one more only drafts),
// the reminder reaches only the two that have not submitted, the
// consolidated view counts the response rate, the agreement and the
// proposals by respondent, a second round shows the first's distribution,
// and a closed consultation takes no answer; the consolidated opinion
// sent to a parliament commission shows on the clause.
func TestConsultationRounds(t *testing.T) {
	// The clock moves past the deadline at the end; each engine starts
	// on fixedNow.
	var now time.Time
	storetest.Engines(t, store.Options{Now: func() time.Time { return now }}, func(t *testing.T, db *store.DB) {
		now = fixedNow
		testConsultationRounds(t, newConsultWorld(t, db, &now))
	})
}

func testConsultationRounds(t *testing.T, w *consultWorld) {
	db := w.db
	deadline := payesh.NewDate(2024, 8, 10) // 1403/05/20
	in := payesh.ConsultationInput{Title: "نظرخواهی از حوزه‌های سازمان دربارهٔ بندهای ۳ و ۸",
		Description: "نظر کارشناسی حوزهٔ خود را دربارهٔ هر بند بنویسید.", ClauseIDs: []int64{w.clause3.ID, w.clause8.ID},
		UnitIDs: w.unitIDs(), Deadline: deadline}

	// Refused: by a reporter; with a past deadline; with nobody asked.
	if _, err := db.CreateConsultation(w.ctxs[0], in); payesh.ErrorCode(err) != payesh.EFORBIDDEN {
		t.Fatalf("a reporter opened a consultation: %v", err)
	}
	bad := in
	bad.Deadline, bad.UnitIDs = payesh.NewDate(2024, 7, 30), nil
	_, err := db.CreateConsultation(w.secretariat, bad)
	if e, ok := err.(*payesh.Error); !ok || e.Fields["deadline"] != "err.consultation.deadline_past" || e.Fields["unit_ids"] != "err.consultation.invitees" {
		t.Fatalf("a past deadline and nobody asked: %v", err)
	}

	c, err := db.CreateConsultation(w.secretariat, in)
	if err != nil {
		t.Fatal(err)
	}
	w.c = c
	if c.Round != 1 || c.State != payesh.ConsultationOpen || c.Invited != 5 || len(c.Items) != 2 || c.Items[1].Number != "8" || !c.Deadline.Equal(deadline) {
		t.Fatalf("opened = %+v", c)
	}
	// Each unit's reporter is invited; the viewer, who does not answer,
	// and the outsider are not.
	for i, ctx := range w.ctxs {
		if got := notes(t, db, ctx); !slices.Equal(got, []payesh.NotificationKind{payesh.NoteConsultationInvited}) {
			t.Errorf("unit %d's reporter was told %v, want an invitation", i, got)
		}
	}
	if got := notes(t, db, w.viewer); len(got) != 0 {
		t.Errorf("the viewer was told %v", got)
	}
	// The outsider reads nothing; a respondent reads only itself as asked.
	if _, err := db.FindConsultation(w.outsider, c.ID); payesh.ErrorCode(err) != payesh.ENOTFOUND {
		t.Errorf("the outsider reads the consultation: %v", err)
	}
	if list, total, err := db.FindConsultations(w.outsider, payesh.ConsultationFilter{}); err != nil || total != 0 || len(list) != 0 {
		t.Errorf("the outsider lists %d (%d), %v", len(list), total, err)
	}
	mine, err := db.FindConsultation(w.ctxs[1], c.ID)
	if err != nil || len(mine.Invitees) != 1 || *mine.Invitees[0].UnitID != w.units[1].ID {
		t.Fatalf("unit 1 reads %+v, %v; want itself alone", mine, err)
	}

	// Answers: units 0–2 submit; unit 3 only drafts; unit 4 says nothing.
	w.save(t, 0, true, 0, w.on(w.clause3, 5, "بند ۳ روشن است.", "سطح‌بندی خدمات در متن بیاید."), w.on(w.clause8, 4, "", ""))
	w.save(t, 1, true, 0, w.on(w.clause3, 4, "", "نظام چندلایه صریح شود."), w.on(w.clause8, 2, "منابع پایدار روشن نیست.", ""))
	d := w.save(t, 2, false, 0, w.on(w.clause3, 1, "", ""))
	if d.State != payesh.ResponseDraft || d.Version != 1 {
		t.Fatalf("draft = %+v", d)
	}
	// A second save at the version seen; a stale one is refused.
	_, err = db.SaveResponse(w.ctxs[2], c.ID, payesh.ResponseInput{Answers: []payesh.Answer{w.on(w.clause3, 2, "", "")}, Version: 0})
	wantCode(t, err, payesh.ECONFLICT)
	w.save(t, 2, true, d.Version, w.on(w.clause3, 2, "اجرای آن به قانون نیاز دارد.", ""))
	w.save(t, 3, false, 0, w.on(w.clause3, 3, "", ""))

	for _, tc := range []struct {
		name string
		ctx  context.Context
		in   payesh.ResponseInput
		code string
	}{
		{"a submitted response is final", w.ctxs[0], payesh.ResponseInput{Answers: []payesh.Answer{w.on(w.clause3, 1, "", "")}, Version: 1}, payesh.ECONFLICT},
		{"a viewer does not answer", w.viewer, payesh.ResponseInput{Answers: []payesh.Answer{w.on(w.clause3, 1, "", "")}}, payesh.EFORBIDDEN},
		{"the outsider does not answer", w.outsider, payesh.ResponseInput{Answers: []payesh.Answer{w.on(w.clause3, 1, "", "")}}, payesh.ENOTFOUND},
		{"agreement is 1–5", w.ctxs[4], payesh.ResponseInput{Answers: []payesh.Answer{w.on(w.clause3, 6, "", "")}}, payesh.EINVALID},
		{"an item not asked", w.ctxs[4], payesh.ResponseInput{Answers: []payesh.Answer{{Agreement: 3}}}, payesh.EINVALID},
		{"submitting nothing", w.ctxs[4], payesh.ResponseInput{Answers: []payesh.Answer{w.on(w.clause3, 0, " ", "")}, Submit: true}, payesh.EINVALID},
	} {
		if _, err := db.SaveResponse(tc.ctx, c.ID, tc.in); payesh.ErrorCode(err) != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
	}

	// The consolidated view: 3 of 5 submitted; clause 3 answered by all
	// three (scores 5, 4, 2), clause 8 by two (4, 2); the draft does not
	// count.
	if _, err := db.Consolidate(w.ctxs[0], c.ID, 0); payesh.ErrorCode(err) != payesh.EFORBIDDEN {
		t.Errorf("a respondent reads the consolidated view: %v", err)
	}
	co, err := db.Consolidate(w.secretariat, c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if co.Round != 1 || co.Invited != 5 || co.Submitted != 3 || co.Rate != 60 {
		t.Fatalf("round 1: %d of %d submitted (%v%%), want 3 of 5 (60%%)", co.Submitted, co.Invited, co.Rate)
	}
	c3, c8 := co.Items[0], co.Items[1]
	if c3.Answered != 3 || c3.Rate != 60 || c3.Agreement.Counts != [5]int{0, 1, 0, 1, 1} || math.Abs(c3.Agreement.Mean-11.0/3) > 1e-9 {
		t.Errorf("clause 3: %+v", c3)
	}
	if c8.Answered != 2 || c8.Rate != 40 || c8.Agreement.Counts != [5]int{0, 1, 0, 1, 0} || c8.Agreement.Mean != 3 {
		t.Errorf("clause 8: %+v", c8)
	}
	// Proposals by respondent, in Persian order: «واحد deputy-health»
	// before «واحد deputy-insurance» (h before i).
	if len(c3.Proposals) != 2 || c3.Proposals[0].Respondent != w.units[1].NameFA || c3.Proposals[0].Text != "نظام چندلایه صریح شود." ||
		c3.Proposals[1].Respondent != w.units[0].NameFA {
		t.Errorf("clause 3's proposals: %+v", c3.Proposals)
	}
	if len(c3.Comments) != 2 || len(c8.Comments) != 1 || c8.Comments[0].Respondent != w.units[1].NameFA {
		t.Errorf("comments: clause 3 %+v, clause 8 %+v", c3.Comments, c8.Comments)
	}

	// The reminder reaches units 3 (a draft is not an answer) and 4 only.
	rem, err := db.RemindConsultation(w.secretariat, c.ID, "مهلت پاسخ نزدیک است.")
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{inviteeOf(t, w, 3), inviteeOf(t, w, 4)}; !slices.Equal(rem.InviteeIDs, want) || rem.Notified != 2 {
		t.Errorf("reminded %v (%d told), want %v (2 told)", rem.InviteeIDs, rem.Notified, want)
	}
	for i, ctx := range w.ctxs {
		reminded := slices.Contains(notes(t, db, ctx), payesh.NoteConsultationReminder)
		if reminded != (i >= 3) {
			t.Errorf("unit %d reminded = %v", i, reminded)
		}
	}
	full, err := db.FindConsultation(w.secretariat, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, inv := range full.Invitees {
		if want := map[bool]int{true: 1, false: 0}[i >= 3]; inv.Reminders != want {
			t.Errorf("invitee %d: %d reminders, want %d", i, inv.Reminders, want)
		}
	}
	if n := auditCount(t, db, "consultation", c.ID); n != 2 {
		t.Errorf("%d audit events on the consultation, want 2 (opened, reminded)", n)
	}

	// The second round: at the version seen; everyone asked again.
	_, err = db.OpenSecondRound(w.secretariat, c.ID, payesh.RoundInput{Deadline: payesh.NewDate(2024, 8, 15)})
	wantCode(t, err, payesh.EINVALID) // no version
	if _, err := db.OpenSecondRound(w.ctxs[0], c.ID, payesh.RoundInput{Deadline: payesh.NewDate(2024, 8, 15), Version: full.Version}); payesh.ErrorCode(err) != payesh.EFORBIDDEN {
		t.Errorf("a reporter opened round 2: %v", err)
	}
	c2, err := db.OpenSecondRound(w.secretariat, c.ID, payesh.RoundInput{Deadline: payesh.NewDate(2024, 8, 15), Version: full.Version})
	if err != nil {
		t.Fatal(err)
	}
	if c2.Round != 2 || c2.Answered != 0 || len(c2.Rounds) != 2 || !c2.Deadline.Equal(payesh.NewDate(2024, 8, 15)) {
		t.Fatalf("round 2 = %+v", c2)
	}
	if got := notes(t, db, w.ctxs[0]); !slices.Contains(got, payesh.NoteConsultationRound) {
		t.Errorf("unit 0 was not told of round 2: %v", got)
	}
	_, err = db.OpenSecondRound(w.secretariat, c.ID, payesh.RoundInput{Deadline: payesh.NewDate(2024, 8, 20), Version: c2.Version})
	wantCode(t, err, payesh.ECONFLICT)

	// Delphi: each respondent sees the first round's agreement, and its
	// own first answers.
	form, err := db.FindResponseForm(w.ctxs[4], c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !form.Open || form.Response != nil || form.Earlier != nil || len(form.FirstRound) != 2 ||
		form.FirstRound[0].Counts != [5]int{0, 1, 0, 1, 1} || form.FirstRound[1].Rated != 2 {
		t.Fatalf("unit 4's round-2 form = %+v", form)
	}
	form, err = db.FindResponseForm(w.ctxs[0], c.ID, 0)
	if err != nil || form.Earlier == nil || form.Earlier.Answer(w.clause3.ID).Agreement != 5 {
		t.Fatalf("unit 0's round-2 form = %+v, %v", form, err)
	}
	w.save(t, 0, true, 0, w.on(w.clause3, 4, "", ""))
	w.save(t, 4, true, 0, w.on(w.clause3, 4, "", "به نظر دیگران نزدیک شدیم."))
	co2, err := db.Consolidate(w.secretariat, c.ID, 2)
	if err != nil || co2.Submitted != 2 || co2.Rate != 40 || co2.Items[0].Agreement.Counts != [5]int{0, 0, 0, 2, 0} || co2.Items[1].Answered != 0 {
		t.Fatalf("round 2 consolidated = %+v, %v", co2, err)
	}
	if co1, err := db.Consolidate(w.secretariat, c.ID, 1); err != nil || co1.Submitted != 3 {
		t.Errorf("round 1 after round 2: %+v, %v", co1, err)
	}
	if _, err := db.Consolidate(w.secretariat, c.ID, 3); payesh.ErrorCode(err) != payesh.EINVALID {
		t.Errorf("round 3: %v", err)
	}

	// After the deadline nobody answers and nobody is reminded.
	*w.now = payesh.NewDate(2024, 8, 16).Time().Add(8 * time.Hour)
	_, err = db.SaveResponse(w.ctxs[1], c.ID, payesh.ResponseInput{Answers: []payesh.Answer{w.on(w.clause3, 3, "", "")}})
	wantCode(t, err, payesh.ECONFLICT)
	_, err = db.RemindConsultation(w.secretariat, c.ID, "")
	wantCode(t, err, payesh.ECONFLICT)

	closed, err := db.CloseConsultation(w.secretariat, c.ID, c2.Version)
	if err != nil || closed.State != payesh.ConsultationClosed {
		t.Fatalf("close: %+v, %v", closed, err)
	}
	if _, err := db.CloseConsultation(w.secretariat, c.ID, closed.Version); payesh.ErrorCode(err) != payesh.ECONFLICT {
		t.Errorf("closed twice: %v", err)
	}

	// The consolidated opinion on clause 3 goes to a parliament
	// commission, with the file.
	sending := &payesh.ConsultationSending{ConsultationID: c.ID, ClauseID: &w.clause3.ID, Recipient: "کمیسیون اجتماعی مجلس شورای اسلامی",
		SentOn: payesh.NewDate(2024, 8, 16), LetterNo: "۱۴۰۳/۵۱۲", Note: "جمع‌بندی دو دور"}
	pdf := payesh.Upload{Name: "جمع‌بندی.pdf", Content: bytes.NewReader([]byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"))}
	future := *sending
	future.SentOn = payesh.NewDate(2024, 9, 1)
	if err := db.AddConsultationSending(w.secretariat, &future, nil); payesh.ErrorCode(err) != payesh.EINVALID {
		t.Errorf("a sending in the future: %v", err)
	}
	if err := db.AddConsultationSending(w.ctxs[0], sending, nil); payesh.ErrorCode(err) != payesh.EFORBIDDEN {
		t.Errorf("a reporter recorded a sending: %v", err)
	}
	if err := db.AddConsultationSending(w.secretariat, sending, &pdf); err != nil {
		t.Fatal(err)
	}
	on3, err := db.FindClauseConsultations(w.secretariat, w.clause3.ID)
	if err != nil || len(on3) != 1 || len(on3[0].Sendings) != 1 || on3[0].Sendings[0].FileName != "جمع‌بندی.pdf" {
		t.Fatalf("clause 3's consultations = %+v, %v", on3, err)
	}
	if on8, err := db.FindClauseConsultations(w.secretariat, w.clause8.ID); err != nil || len(on8) != 1 || len(on8[0].Sendings) != 0 {
		t.Errorf("clause 8's consultations = %+v, %v", on8, err)
	}
	if on3, err := db.FindClauseConsultations(w.outsider, w.clause3.ID); err != nil || len(on3) != 0 {
		t.Errorf("the outsider's clause 3 = %+v, %v", on3, err)
	}
	if _, data, err := db.OpenConsultationFile(w.ctxs[2], sending.ID); err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Errorf("a respondent opens the file sent: %v", err)
	}
	if _, _, err := db.OpenConsultationFile(w.outsider, sending.ID); payesh.ErrorCode(err) != payesh.ENOTFOUND {
		t.Errorf("the outsider opens the file sent: %v", err)
	}
}

// inviteeOf is unit i's invitee id.
func inviteeOf(t *testing.T, w *consultWorld, i int) int64 {
	t.Helper()
	c, err := w.db.FindConsultation(w.ctxs[i], w.c.ID)
	if err != nil || len(c.Invitees) != 1 {
		t.Fatalf("unit %d's invitee: %+v, %v", i, c, err)
	}
	return c.Invitees[0].ID
}

// TestConsultationExpert: an expert, a partner's user, is asked about a
// draft document as a whole and answers for themself; their unit's
// colleague is not asked.
func TestConsultationExpert(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		now := fixedNow
		w := newConsultWorld(t, db, &now)
		draft := &payesh.Document{Code: "draft-program", Kind: payesh.DocProgram, TitleFA: "پیش‌نویس برنامهٔ عملیاتی", State: payesh.DocDraft}
		if err := db.CreateDocument(sys, draft); err != nil {
			t.Fatal(err)
		}
		c, err := db.CreateConsultation(w.secretariat, payesh.ConsultationInput{Title: "نظر خبرگان دربارهٔ پیش‌نویس برنامه",
			DocumentID: &draft.ID, ExpertIDs: []int64{w.expertUser.ID}, Deadline: payesh.NewDate(2024, 8, 10)})
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Items) != 1 || c.Items[0].ClauseID != nil || c.Items[0].Title != draft.TitleFA || c.Invitees[0].Name != w.expertUser.Name {
			t.Fatalf("consultation = %+v", c)
		}
		// A clause of another document is refused.
		_, err = db.CreateConsultation(w.secretariat, payesh.ConsultationInput{Title: "x", DocumentID: &draft.ID,
			ClauseIDs: []int64{w.clause3.ID}, ExpertIDs: []int64{w.expertUser.ID}, Deadline: payesh.NewDate(2024, 8, 10)})
		wantCodeField(t, err, payesh.EINVALID, "clause_ids", "err.consultation.clause_of_document")

		w.c = c
		if _, err := db.SaveResponse(w.outsider, c.ID, payesh.ResponseInput{Answers: []payesh.Answer{{Agreement: 4}}}); payesh.ErrorCode(err) != payesh.ENOTFOUND {
			t.Errorf("the expert's colleague answers: %v", err)
		}
		r, err := db.SaveResponse(w.expert, c.ID, payesh.ResponseInput{Answers: []payesh.Answer{{Agreement: 4, Proposal: "شاخص‌های پایش افزوده شود."}}, Submit: true})
		if err != nil || r.State != payesh.ResponseSubmitted || r.Respondent != w.expertUser.Name {
			t.Fatalf("the expert's answer = %+v, %v", r, err)
		}
		co, err := db.Consolidate(w.secretariat, c.ID, 0)
		if err != nil || co.Rate != 100 || len(co.Items[0].Proposals) != 1 {
			t.Fatalf("consolidated = %+v, %v", co, err)
		}
	})
}
