package store_test

import (
	"bytes"
	"context"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// researchWorld is the research institute (an office) running one axis
// linked to a clause, with projects at two universities' unit and the
// seminary, and one at a university named only as text.
type researchWorld struct {
	db                      *store.DB
	institute, uni, sem     *payesh.OrgUnit
	secretariat, institute_ context.Context
	uniUser                 *payesh.User
	uniCtx, semCtx          context.Context
	provCtx                 context.Context
	clause                  *payesh.Clause
	axis                    *payesh.ResearchAxis
}

func newResearchWorld(t *testing.T, db *store.DB) *researchWorld {
	t.Helper()
	w := &researchWorld{db: db}
	root := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
	sec := mustUnit(t, db, root, payesh.UnitOffice, "secretariat")
	w.institute = mustUnit(t, db, root, payesh.UnitOffice, "research-institute")
	prov := mustUnit(t, db, root, payesh.UnitProvince, "prov-x")
	w.uni = mustUnit(t, db, nil, payesh.UnitPartner, "partner-universities")
	w.sem = mustUnit(t, db, nil, payesh.UnitPartner, "partner-qom-seminary")
	_, w.secretariat = mustUser(t, db, sec, "sec", payesh.RoleSecretariat)
	_, w.institute_ = mustUser(t, db, w.institute, "rii", payesh.RoleReporter)
	w.uniUser, w.uniCtx = mustUser(t, db, w.uni, "uni", payesh.RoleReporter)
	_, w.semCtx = mustUser(t, db, w.sem, "sem", payesh.RoleReporter)
	_, w.provCtx = mustUser(t, db, prov, "prov", payesh.RoleReporter)
	w.clause = mustClause(t, db, mustPolicy(t, db), nil, "8")
	w.axis = &payesh.ResearchAxis{Number: 1, Title: "محور ۱", OwnerUnitID: w.institute.ID, ClauseIDs: []int64{w.clause.ID}}
	if err := db.CreateResearchAxis(w.secretariat, w.axis); err != nil {
		t.Fatalf("axis: %v", err)
	}
	return w
}

func (w *researchWorld) project(t *testing.T, ctx context.Context, p *payesh.ResearchProject) *payesh.ResearchProject {
	t.Helper()
	p.AxisID = w.axis.ID
	if err := w.db.CreateResearchProject(ctx, p); err != nil {
		t.Fatalf("project %q: %v", p.Title, err)
	}
	return p
}

// TestResearchStages: a project goes through every stage one at a time,
// each move in its history with who and when; skipping a stage, going
// back without a reason and contracting without dates are refused; the
// institution's people are told of each move.
func TestResearchStages(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newResearchWorld(t, db)
		p := w.project(t, w.institute_, &payesh.ResearchProject{Title: "طرح آزمون", InstitutionUnitID: &w.uni.ID, Investigator: "دکتر الف"})
		if p.Stage != payesh.StageIdentified || p.OwnerUnitID != w.institute.ID {
			t.Fatalf("new project = %+v; want identified, owned by the institute", p)
		}
		move := func(ctx context.Context, to payesh.ResearchStage, note string) error {
			cur, err := db.FindResearchProject(w.secretariat, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			_, err = db.MoveResearchStage(ctx, p.ID, payesh.StageMoveInput{To: to, Note: note, Version: cur.Version})
			return err
		}
		wantCode(t, move(w.institute_, payesh.StageProposalReceived, ""), payesh.EINVALID) // a skip
		wantCode(t, move(w.uniCtx, payesh.StageAnnounced, ""), payesh.EFORBIDDEN)          // the institution does not move it
		for _, st := range payesh.ResearchStages[1:] {
			if st == payesh.StageContracted {
				wantCode(t, move(w.institute_, st, ""), payesh.EINVALID) // no contract dates yet
				cur, _ := db.FindResearchProject(w.secretariat, p.ID)
				cur.ContractStart, cur.ContractEnd, cur.BudgetRials = payesh.NewDate(2024, 1, 1), payesh.NewDate(2024, 12, 1), 1_500_000_000
				if _, err := db.UpdateResearchProject(w.institute_, p.ID, cur); err != nil {
					t.Fatalf("contract dates: %v", err)
				}
			}
			if err := move(w.institute_, st, ""); err != nil {
				t.Fatalf("move to %s: %v", st, err)
			}
		}
		wantCode(t, move(w.institute_, payesh.StageReviewed, ""), payesh.EINVALID) // back without a reason
		if err := move(w.institute_, payesh.StageInProgress, "یافته‌ها بازنگری می‌خواهد"); err != nil {
			t.Fatalf("back with a reason: %v", err)
		}
		got, err := db.FindResearchProject(w.uniCtx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Moves) != len(payesh.ResearchStages)+1 {
			t.Fatalf("moves = %d, want the creation, seven moves forward and one back", len(got.Moves))
		}
		for i, m := range got.Moves[:len(payesh.ResearchStages)] {
			if m.To != payesh.ResearchStages[i] || m.ByName != "کاربر rii" || m.At.IsZero() {
				t.Errorf("move %d = %+v, want to %s by the institute's reporter", i, m, payesh.ResearchStages[i])
			}
		}
		last := got.Moves[len(got.Moves)-1]
		if !last.Back() || last.From != payesh.StageApplied || last.Note == "" || got.Stage != payesh.StageInProgress {
			t.Errorf("the move back = %+v, stage %s", last, got.Stage)
		}
		notes, _, err := db.Notifications(w.uniCtx, false, payesh.Page{})
		if err != nil || len(notes) == 0 {
			t.Fatalf("the institution's notifications: %v %v", notes, err)
		}
		kinds := map[payesh.NotificationKind]bool{}
		for _, n := range notes {
			kinds[n.Kind] = true
		}
		if !kinds[payesh.NoteResearchAssigned] || !kinds[payesh.NoteResearchStage] {
			t.Errorf("the institution was told %v; want assigned and stage moves", kinds)
		}
		if n := auditCount(t, db, "research_project", p.ID); n < len(payesh.ResearchStages)+2 {
			t.Errorf("audit events = %d", n)
		}
	})
}

// TestResearchLateOnBoard: a project past its contract's end and not
// delivered is on the board and in the digest; delivered, it leaves.
func TestResearchLateOnBoard(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newResearchWorld(t, db)
		today := payesh.Today(fixedNow)
		late := w.project(t, w.secretariat, &payesh.ResearchProject{Title: "طرح دیرکرده", InstitutionUnitID: &w.uni.ID,
			Stage: payesh.StageInProgress, ContractStart: payesh.NewDate(2023, 9, 1), ContractEnd: payesh.NewDate(2024, 6, 1)})
		w.project(t, w.secretariat, &payesh.ResearchProject{Title: "طرح به‌موقع", InstitutionName: "دانشگاه تهران",
			Stage: payesh.StageInProgress, ContractStart: payesh.NewDate(2024, 1, 1), ContractEnd: payesh.NewDate(2024, 12, 1)})
		w.project(t, w.secretariat, &payesh.ResearchProject{Title: "طرح تحویل‌شده", InstitutionUnitID: &w.sem.ID,
			Stage: payesh.StageDelivered, ContractStart: payesh.NewDate(2023, 1, 1), ContractEnd: payesh.NewDate(2024, 1, 1)})
		list, err := db.LateResearch(w.secretariat, today)
		if err != nil || len(list) != 1 || list[0].ID != late.ID || list[0].DaysLate(today) != 60 {
			t.Fatalf("late research = %+v, %v; want the late one, 60 days late", list, err)
		}
		if _, err := db.LateResearch(w.institute_, today); payesh.ErrorCode(err) != payesh.EFORBIDDEN {
			t.Errorf("the board is the secretariat's: %v", err)
		}
		_, n, err := db.FindResearchProjects(w.secretariat, payesh.ResearchFilter{LateOn: today})
		if err != nil || n != 1 {
			t.Errorf("the late filter = %d, %v", n, err)
		}
		res, err := db.RunDigest(sys, today)
		if err != nil || res.ByKind[payesh.NoteResearchLate] != 2 {
			t.Fatalf("digest = %+v, %v; want the late one told to the institute's and the university's reporters", res, err)
		}
		if res, err = db.RunDigest(sys, today); err != nil || res.ByKind[payesh.NoteResearchLate] != 0 {
			t.Errorf("a second run told again: %+v, %v", res, err)
		}
		cur, _ := db.FindResearchProject(w.secretariat, late.ID)
		if _, err := db.MoveResearchStage(w.institute_, late.ID, payesh.StageMoveInput{To: payesh.StageDelivered, Version: cur.Version}); err != nil {
			t.Fatal(err)
		}
		if list, err = db.LateResearch(w.secretariat, today); err != nil || len(list) != 0 {
			t.Errorf("delivered, still late: %d %v", len(list), err)
		}
	})
}

// TestResearchScope: a partner reads the projects of its own institution
// only — not the seminary's, nor one whose institution is named as
// text — and counts only those on the axes; a province reads them all
// (the institute's work is national); a partner uploads deliverables to
// its own project, whose reviews tell it.
func TestResearchScope(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newResearchWorld(t, db)
		mine := w.project(t, w.secretariat, &payesh.ResearchProject{Title: "طرح دانشگاه", InstitutionUnitID: &w.uni.ID})
		theirs := w.project(t, w.secretariat, &payesh.ResearchProject{Title: "طرح حوزه", InstitutionUnitID: &w.sem.ID})
		w.project(t, w.secretariat, &payesh.ResearchProject{Title: "طرح متنی", InstitutionName: "پژوهشگاه بیرونی"})
		for _, c := range []struct {
			name string
			ctx  context.Context
			want int
		}{{"secretariat", w.secretariat, 3}, {"university", w.uniCtx, 1}, {"seminary", w.semCtx, 1}, {"province", w.provCtx, 3}} {
			list, n, err := db.FindResearchProjects(c.ctx, payesh.ResearchFilter{ClauseID: w.clause.ID})
			if err != nil || n != c.want || len(list) != c.want {
				t.Errorf("%s lists %d, %v; want %d", c.name, n, err, c.want)
			}
			axes, err := db.FindResearchAxes(c.ctx)
			if err != nil || len(axes) != 1 || axes[0].Projects != c.want || axes[0].Stages[payesh.StageIdentified] != c.want {
				t.Errorf("%s counts %+v, %v; want %d", c.name, axes, err, c.want)
			}
		}
		if _, err := db.FindResearchProject(w.uniCtx, theirs.ID); payesh.ErrorCode(err) != payesh.ENOTFOUND {
			t.Errorf("the university reads the seminary's project: %v", err)
		}
		pdf := func() payesh.Upload {
			return payesh.Upload{Name: "گزارش.pdf", Content: bytes.NewReader([]byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"))}
		}
		if _, err := db.AddDeliverable(w.uniCtx, theirs.ID, "", pdf()); payesh.ErrorCode(err) != payesh.ENOTFOUND {
			t.Errorf("an upload to another's project: %v", err)
		}
		f, err := db.AddDeliverable(w.uniCtx, mine.ID, "گزارش میانی", pdf())
		if err != nil {
			t.Fatalf("the institution's upload: %v", err)
		}
		if _, err := db.AddDeliverableReview(w.uniCtx, f.ID, "خوب است"); payesh.ErrorCode(err) != payesh.EFORBIDDEN {
			t.Errorf("the institution reviews its own deliverable: %v", err)
		}
		if _, err := db.AddDeliverableReview(w.institute_, f.ID, "فصل سوم کامل شود"); err != nil {
			t.Fatalf("review: %v", err)
		}
		got, err := db.FindResearchProject(w.uniCtx, mine.ID)
		if err != nil || len(got.Deliverables) != 1 || len(got.Deliverables[0].Reviews) != 1 {
			t.Fatalf("deliverables = %+v, %v", got, err)
		}
		if _, data, err := db.OpenDeliverable(w.uniCtx, f.ID); err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
			t.Errorf("download: %v", err)
		}
		if _, _, err := db.OpenDeliverable(w.semCtx, f.ID); payesh.ErrorCode(err) != payesh.ENOTFOUND {
			t.Errorf("the seminary downloads the university's deliverable: %v", err)
		}
	})
}

// TestResearchImport: all or nothing — a list with a refused row writes
// nothing and names the row; without it, the rows create and update.
func TestResearchImport(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newResearchWorld(t, db)
		old := w.project(t, w.secretariat, &payesh.ResearchProject{Title: "طرح موجود", InstitutionUnitID: &w.uni.ID})
		rows := []payesh.ResearchImportRow{
			{Row: 3, Project: payesh.ResearchProject{ID: old.ID, AxisID: w.axis.ID, Title: "طرح موجود (بازنگری)", InstitutionUnitID: &w.uni.ID, Stage: payesh.StageIdentified}},
			{Row: 4, Project: payesh.ResearchProject{AxisID: w.axis.ID, Title: "طرح تازه", InstitutionName: "دانشگاه علامه", Stage: payesh.StageAnnounced}},
			{Row: 5, Project: payesh.ResearchProject{AxisID: w.axis.ID, Title: "", Stage: payesh.StageContracted}},
		}
		_, refused, err := db.ImportResearchProjects(w.secretariat, rows)
		wantCode(t, err, payesh.EINVALID)
		if len(refused) != 2 || refused[0].Row != 5 || refused[0].Field != "contract_end" || refused[1].Field != "title" {
			t.Fatalf("refused = %+v; want row 5's contract dates and title", refused)
		}
		if _, n, _ := db.FindResearchProjects(w.secretariat, payesh.ResearchFilter{}); n != 1 {
			t.Fatalf("a refused import wrote: %d projects", n)
		}
		res, refused, err := db.ImportResearchProjects(w.secretariat, rows[:2])
		if err != nil || len(refused) != 0 || res.Created != 1 || res.Updated != 1 {
			t.Fatalf("import = %+v, %v, %v", res, refused, err)
		}
		if res, _, err = db.ImportResearchProjects(w.secretariat, rows[:1]); err != nil || res.Unchanged != 1 {
			t.Errorf("the same row again = %+v, %v; want unchanged", res, err)
		}
		bad := rows[0]
		bad.Project.Stage = payesh.StageApplied
		if _, refused, _ = db.ImportResearchProjects(w.secretariat, []payesh.ResearchImportRow{bad}); len(refused) != 1 || refused[0].Key != "err.research.import_stage" {
			t.Errorf("a stage changed by import: %+v", refused)
		}
		if _, _, err := db.ImportResearchProjects(w.uniCtx, rows[1:2]); payesh.ErrorCode(err) != payesh.EFORBIDDEN {
			t.Errorf("a partner imports: %v", err)
		}
	})
}
