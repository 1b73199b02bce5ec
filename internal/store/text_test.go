package store_test

import (
	"bytes"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// textWorld is a round world with a work item, a document and an
// indicator to change.
type textWorld struct {
	*roundWorld
	item *payesh.WorkItem
	doc  *payesh.Document
	ind  *payesh.Indicator
}

func newTextWorld(t *testing.T, db *store.DB) *textWorld {
	w := &textWorld{roundWorld: newRoundWorld(t, db)}
	w.item = mustWork(t, db, sys, &payesh.WorkItem{Title: "کار", OwnerUnitID: w.office.ID})
	w.doc = &payesh.Document{Code: "policy", Kind: payesh.DocPolicy, TitleFA: "سیاست‌ها"}
	if err := db.CreateDocument(sys, w.doc); err != nil {
		t.Fatal(err)
	}
	w.ind = &payesh.Indicator{Code: "cover", NameFA: "پوشش", Direction: payesh.HigherIsBetter,
		UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: payesh.Monthly}
	if err := db.CreateIndicator(sys, w.ind); err != nil {
		t.Fatal(err)
	}
	return w
}

// auditTotal is the length of the whole trail: every write appends to it,
// so a refused write leaves it as it was.
func auditTotal(t *testing.T, db *store.DB) int {
	t.Helper()
	_, n, err := db.FindAuditEvents(sys, payesh.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// refusal is one write the store must refuse with key on field.
type refusal struct {
	name, field, key string
	write            func() error
}

// wantRefused runs each write and checks that it is a 400 on its field,
// never an engine's error, and that none of them wrote anything.
func wantRefused(t *testing.T, db *store.DB, writes []refusal) {
	t.Helper()
	before := auditTotal(t, db)
	for _, w := range writes {
		err := w.write()
		var e *payesh.Error
		if pe, ok := err.(*payesh.Error); ok {
			e = pe
		}
		if e == nil || e.Code != payesh.EINVALID || e.Fields[w.field] != w.key {
			t.Errorf("%s: %v, want %s on %s", w.name, err, w.key, w.field)
		}
	}
	if after := auditTotal(t, db); after != before {
		t.Errorf("refused writes wrote %d audit events", after-before)
	}
}

// TestStoreRefusesNUL: a NUL byte in any text — a name, a title, a note,
// a file name — is a field error on both engines (PostgreSQL cannot store
// it), and nothing is written.
func TestStoreRefusesNUL(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newTextWorld(t, db)
		rep := w.report(t, w.branch)
		nul := "پیش\x00نویس"
		pdf := []byte("%PDF-1.4\n%%EOF\n")
		key := payesh.KeyBadText
		wantRefused(t, db, []refusal{
			{"unit name", "name_fa", key, func() error {
				return db.CreateOrgUnit(sys, &payesh.OrgUnit{Kind: payesh.UnitOffice, Code: "u-nul", NameFA: nul, ParentID: &w.org.ID})
			}},
			{"document note", "note", key, func() error {
				return db.CreateDocument(sys, &payesh.Document{Code: "d-nul", Kind: payesh.DocLaw, TitleFA: "قانون", Note: nul})
			}},
			{"clause text", "text", key, func() error {
				return db.CreateClause(sys, &payesh.Clause{DocumentID: w.doc.ID, Number: "1", TitleFA: "بند", Text: "سطر ۱\n" + nul})
			}},
			{"work title", "title", key, func() error {
				return db.CreateWorkItem(sys, &payesh.WorkItem{Kind: payesh.KindAction, Title: nul, OwnerUnitID: w.office.ID})
			}},
			{"work description", "description", key, func() error {
				_, err := db.UpdateWorkItem(sys, w.item.ID, payesh.WorkItemUpdate{Description: &nul, Version: w.item.Version})
				return err
			}},
			{"progress note", "note", key, func() error {
				_, _, err := db.PostProgress(sys, w.item.ID, payesh.ProgressUpdateInput{Note: nul, Version: w.item.Version})
				return err
			}},
			{"indicator description", "description", key, func() error {
				return db.CreateIndicator(sys, &payesh.Indicator{Code: "i-nul", NameFA: "ش", Description: nul, Direction: payesh.HigherIsBetter,
					UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: payesh.Monthly})
			}},
			{"round title", "title", key, func() error {
				return db.CreateRound(w.sec, &payesh.Round{Title: nul, Period: "1403", Deadline: payesh.NewDate(2025, 1, 1), UnitIDs: []int64{w.office.ID}})
			}},
			{"narrative", "obstacles", key, func() error {
				_, err := db.SaveNarrative(w.branchRep, rep.ID, payesh.Narrative{Obstacles: nul, Version: rep.Version})
				return err
			}},
			{"reminder", "note", key, func() error { _, err := db.Remind(w.sec, w.branch.ID, nul); return err }},
			{"token name", "name", key, func() error { _, _, err := db.CreateToken(sys, payesh.System.ID, nul, 0); return err }},
			{"user name", "name", key, func() error {
				return db.CreateUser(sys, &payesh.User{Username: "nul", Name: nul, UnitID: w.org.ID, Role: payesh.RoleViewer}, "a-long-password")
			}},
			{"evidence file name", "file", key, func() error {
				_, err := db.AddEvidence(w.branchRep, rep.ID, "فاکتور\x00.pdf", bytes.NewReader(pdf))
				return err
			}},
		})
	})
}

// TestStoreSearchesIgnoreNUL: a search term is never stored, so one with
// a NUL byte or invalid UTF-8 finds what the rest of it finds, on both
// engines, and a username with one is only an unknown user.
func TestStoreSearchesIgnoreNUL(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newTextWorld(t, db)
		items, n, err := db.FindWorkItems(sys, payesh.WorkItemFilter{Q: "کا\x00ر\xff"})
		if err != nil || n != 1 || items[0].ID != w.item.ID {
			t.Errorf("work search: %d %v", n, err)
		}
		if _, _, err := db.FindOrgUnits(sys, payesh.OrgUnitFilter{Q: "\x00"}); err != nil {
			t.Errorf("unit search: %v", err)
		}
		if _, _, err := db.FindAuditEvents(sys, payesh.AuditFilter{Q: "a\x00"}); err != nil {
			t.Errorf("audit search: %v", err)
		}
		_, err = db.Authenticate(sys, "sec\x00", "a-long-password")
		wantCode(t, err, payesh.EUNAUTHORIZED)
		_, err = db.FindUserByUsername(sys, "sec\x00")
		wantCode(t, err, payesh.ENOTFOUND)
	})
}

// TestStoreRemovesBidiControls: names, titles and file names lose their
// bidi controls and read back the same on both engines; the evidence file
// that showed as "invoicefdp.exe" is stored, listed and served as
// "invoiceexe.pdf".
func TestStoreRemovesBidiControls(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newTextWorld(t, db)
		item := mustWork(t, db, sys, &payesh.WorkItem{Title: "\u202bبرنامهٔ\u202c \u2067عملیاتی\u2069\u200f", OwnerUnitID: w.office.ID})
		got, err := db.FindWorkItemByID(sys, item.ID)
		if err != nil || got.Title != "برنامهٔ عملیاتی\u200f" {
			t.Errorf("title read back %q, %v", got.Title, err)
		}
		unit := mustUnit(t, db, w.org, payesh.UnitPartner, "uni")
		up := "دانشگاه\u202e تهران"
		if u, err := db.UpdateOrgUnit(sys, unit.ID, payesh.OrgUnitUpdate{NameFA: &up, Version: unit.Version}); err != nil || u.NameFA != "دانشگاه تهران" {
			t.Errorf("unit name %q, %v", u.NameFA, err)
		}
		rep := w.report(t, w.branch)
		pdf := []byte("%PDF-1.4\n%%EOF\n")
		ev, err := db.AddEvidence(w.branchRep, rep.ID, "invoice\u202Eexe.pdf", bytes.NewReader(pdf))
		if err != nil || ev.Name != "invoiceexe.pdf" {
			t.Fatalf("add: %+v %v", ev, err)
		}
		list, err := db.FindEvidence(w.branchRep, rep.ID)
		if err != nil || len(list) != 1 || list[0].Name != "invoiceexe.pdf" {
			t.Errorf("listed: %v %v", list, err)
		}
		if opened, _, err := db.OpenEvidence(w.branchRep, ev.ID); err != nil || opened.Name != "invoiceexe.pdf" {
			t.Errorf("opened: %v %v", opened, err)
		}
		// A file stored before names were cleaned is shown cleaned too.
		if _, err := db.SQL().Exec(`INSERT INTO evidence (report_id, name, content_type, size, sha256, created_at)
			VALUES ($1, $2, 'application/pdf', 1, '', $3)`, rep.ID, "old\u202Efdp.exe", fixedNow); err != nil {
			t.Fatal(err)
		}
		if list, err := db.FindEvidence(w.branchRep, rep.ID); err != nil || len(list) != 2 || list[1].Name != "oldfdp.exe" {
			t.Errorf("an old file: %v, %v", list, err)
		}
	})
}

// TestStoreInvisibleTitleIsMissing: a title of spaces, ZWNJ, ZWSP and the
// like is required, as an empty one is, on both engines.
func TestStoreInvisibleTitleIsMissing(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newTextWorld(t, db)
		blank := " \u200c\u200b\u00a0\ufeff\u2060 "
		req := "err.required"
		wantRefused(t, db, []refusal{
			{"work title", "title", req, func() error {
				return db.CreateWorkItem(sys, &payesh.WorkItem{Kind: payesh.KindAction, Title: blank, OwnerUnitID: w.office.ID})
			}},
			{"work title edit", "title", req, func() error {
				_, err := db.UpdateWorkItem(sys, w.item.ID, payesh.WorkItemUpdate{Title: &blank, Version: w.item.Version})
				return err
			}},
			{"unit name", "name_fa", req, func() error {
				return db.CreateOrgUnit(sys, &payesh.OrgUnit{Kind: payesh.UnitOffice, Code: "blank", NameFA: blank, ParentID: &w.org.ID})
			}},
			{"document title", "title_fa", req, func() error {
				return db.CreateDocument(sys, &payesh.Document{Code: "blank", Kind: payesh.DocLaw, TitleFA: blank})
			}},
			{"clause title", "title_fa", req, func() error {
				return db.CreateClause(sys, &payesh.Clause{DocumentID: w.doc.ID, Number: "1", TitleFA: "\u200f" + blank})
			}},
			{"indicator name", "name_fa", req, func() error {
				return db.CreateIndicator(sys, &payesh.Indicator{Code: "blank", NameFA: blank, Direction: payesh.HigherIsBetter,
					UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: payesh.Monthly})
			}},
			{"round title", "title", req, func() error {
				return db.CreateRound(w.sec, &payesh.Round{Title: blank, Period: "1403", Deadline: payesh.NewDate(2025, 1, 1), UnitIDs: []int64{w.office.ID}})
			}},
			{"token name", "name", req, func() error { _, _, err := db.CreateToken(sys, payesh.System.ID, blank, 0); return err }},
		})
	})
}

// TestStoreRefusesOversizedLists: a list past its bound is refused on its
// field before any transaction, on both engines, and nothing is written.
// Repeats are dropped first, so a long list of a few ids is no problem.
func TestStoreRefusesOversizedLists(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newTextWorld(t, db)
		many := func(n int) []int64 {
			out := make([]int64, n)
			for i := range out {
				out[i] = int64(1_000_000 + i)
			}
			return out
		}
		clauses := many(payesh.MaxClauseLinks + 1)
		tooMany := payesh.KeyTooMany
		wantRefused(t, db, []refusal{
			{"partners", "partner_unit_ids", tooMany, func() error {
				return db.CreateWorkItem(sys, &payesh.WorkItem{Kind: payesh.KindAction, Title: "کار", OwnerUnitID: w.office.ID,
					PartnerUnitIDs: many(payesh.MaxPartnerUnits + 1)})
			}},
			{"work clauses", "clause_ids", tooMany, func() error {
				_, err := db.UpdateWorkItem(sys, w.item.ID, payesh.WorkItemUpdate{ClauseIDs: &clauses, Version: w.item.Version})
				return err
			}},
			{"indicator work", "work_item_ids", tooMany, func() error {
				return db.CreateIndicator(sys, &payesh.Indicator{Code: "many", NameFA: "ش", Direction: payesh.HigherIsBetter,
					UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: payesh.Monthly, WorkItemIDs: many(payesh.MaxWorkItemLinks + 1)})
			}},
			{"round units", "unit_ids", tooMany, func() error {
				return db.CreateRound(w.sec, &payesh.Round{Title: "دور", Period: "1403", Deadline: payesh.NewDate(2025, 1, 1),
					UnitIDs: many(payesh.MaxRoundUnits + 1)})
			}},
			{"targets", "targets", tooMany, func() error {
				return db.SetTargets(sys, w.ind.ID, make([]payesh.Target, payesh.MaxTargets+1))
			}},
			{"mark read", "ids", payesh.KeyTooManyIDs, func() error { return db.MarkRead(w.sec, many(payesh.MaxIDs+1)) }},
			{"values", "values", tooMany, func() error {
				values := make([]payesh.IndicatorValue, payesh.MaxValues+1)
				for i := range values {
					values[i] = payesh.IndicatorValue{IndicatorID: w.ind.ID, UnitID: w.branch.ID, Period: "1403-01", Value: 1}
				}
				_, err := db.SaveValues(sys, values)
				return err
			}},
			{"review comments", "comments", tooMany, func() error {
				_, err := db.Review(w.sec, 1, payesh.ReviewInput{Action: payesh.ActReturn, Version: 1,
					Comments: make([]payesh.ReviewComment, payesh.MaxReviewComments+1)})
				return err
			}},
		})
		repeats := make([]int64, 0, 40_000)
		for len(repeats) < cap(repeats) {
			repeats = append(repeats, w.branch.ID, w.prov.ID)
		}
		item := mustWork(t, db, sys, &payesh.WorkItem{Title: "همکاری", OwnerUnitID: w.office.ID, PartnerUnitIDs: repeats})
		if len(item.PartnerUnitIDs) != 2 {
			t.Errorf("partners kept: %v", item.PartnerUnitIDs)
		}
	})
}
