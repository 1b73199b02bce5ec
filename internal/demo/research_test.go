package demo_test

import (
	"strings"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestLoadResearch: the 14 axes the sources count, numbered «محور ۱» to
// «محور ۱۴» and waiting for the institute's list, each run by the
// research institute and tied to the work item that carries the count of
// 74 projects; no project, since the sources name none.
func TestLoadResearch(t *testing.T) {
	storetest.Engines(t, store.Options{}, func(t *testing.T, db *store.DB) {
		ctx := storetest.System()
		if _, err := demo.Load(ctx, services(db)); err != nil {
			t.Fatal(err)
		}
		axes, err := db.FindResearchAxes(ctx)
		if err != nil || len(axes) != demo.ResearchAxes {
			t.Fatalf("axes = %d, %v; want 14", len(axes), err)
		}
		institute, err := db.FindOrgUnitByCode(ctx, "research-institute")
		if err != nil {
			t.Fatal(err)
		}
		for i, a := range axes {
			want := "محور " + []string{"۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹", "۱۰", "۱۱", "۱۲", "۱۳", "۱۴"}[i]
			if a.Number != i+1 || a.Title != want || a.OwnerUnitID != institute.ID || !strings.Contains(a.Note, "منبع:") || len(a.ClauseIDs) != 0 {
				t.Errorf("axis %d = %+v; want %q, the institute's, citing its source, linked to no clause", i+1, a, want)
			}
			if a.WorkItemID == nil {
				t.Fatalf("axis %d follows no work item", a.Number)
			}
			w, err := db.FindWorkItemByID(ctx, *a.WorkItemID)
			if err != nil || w.Code != "rii-74-projects" || !strings.Contains(w.Title, "۷۴") {
				t.Errorf("axis %d follows %+v, %v; want the item counting the 74 projects", a.Number, w, err)
			}
		}
		if _, n, err := db.FindResearchProjects(ctx, payesh.ResearchFilter{}); err != nil || n != 0 {
			t.Errorf("projects = %d, %v; the sources title none", n, err)
		}
	})
}
