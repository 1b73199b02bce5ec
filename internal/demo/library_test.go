package demo_test

import (
	"strings"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestLoadLibrary: the documents the sources name besides the policy, by
// title only; the supporting set, in preparation, is a draft linked to no
// clause, since its program names none — so every clause of the policy
// is on the report of clauses without a supporting document.
func TestLoadLibrary(t *testing.T) {
	storetest.Engines(t, store.Options{}, func(t *testing.T, db *store.DB) {
		ctx := storetest.System()
		sum, err := demo.Load(ctx, services(db))
		if err != nil {
			t.Fatal(err)
		}
		docs, _, err := db.FindDocuments(ctx, payesh.DocumentFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		byCode := map[string]*payesh.Document{}
		for _, d := range docs {
			byCode[d.Code] = d
		}
		for _, want := range []struct {
			code  string
			kind  payesh.DocumentKind
			state payesh.DocumentState
			title string
		}{
			{demo.DocPlan7, payesh.DocPlan, payesh.DocApproved, "برنامهٔ هفتم توسعه"},
			{demo.DocBudget1401, payesh.DocBudgetLaw, payesh.DocApproved, "قانون بودجهٔ سال ۱۴۰۱"},
			{demo.DocSupportSet, payesh.DocSupporting, payesh.DocDraft, "اسناد پشتیبان ناظر بر اجرایی‌شدن سیاست‌های کلی تأمین اجتماعی"},
		} {
			d := byCode[want.code]
			if d == nil {
				t.Errorf("no document %s", want.code)
				continue
			}
			if d.Kind != want.kind || d.State != want.state || d.TitleFA != want.title || !strings.Contains(d.Note, "منبع:") {
				t.Errorf("%s = %s %s %q (note %q)", want.code, d.Kind, d.State, d.TitleFA, d.Note)
			}
			if !d.IssuedOn.IsZero() {
				t.Errorf("%s is dated %s; the sources give no date", want.code, d.IssuedOn)
			}
			links, err := db.FindDocumentLinks(ctx, d.ID)
			if err != nil || len(links) != 0 {
				t.Errorf("%s has links %v (%v); the sources name no clause", want.code, links, err)
			}
		}
		unsupported, err := db.FindUnsupportedClauses(ctx, sum.DocumentID)
		if err != nil || len(unsupported) != 9 {
			t.Errorf("%d clauses without a supporting document (%v), want the 9", len(unsupported), err)
		}
	})
}
