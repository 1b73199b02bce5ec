package web

import (
	"fmt"
	"slices"
	"sort"
	"testing"

	"payesh"
)

func TestFoldSearch(t *testing.T) {
	for _, c := range []struct{ text, q string }{
		{"اداره‌کل تأمین اجتماعی استان خراسان رضوی", "خراسان رضوي"}, // Arabic yeh
		{"اداره‌کل تأمین اجتماعی استان کرمان", "كرمان"},             // Arabic kaf
		{"اداره‌کل تأمین اجتماعی", "اداره کل"},                      // ZWNJ typed as a space
		{"اداره کل تأمین اجتماعی", "اداره‌کل"},                      // and the other way
		{"اداره کل تأمین اجتماعی", "تامین"},                         // hamza left out
		{"شعبهٔ ۱ مشهد", "شعبه 1"},                                  // hamza above, digits
		{"آذربایجان غربی", "اذربایجان"},
	} {
		if !matchAll(foldSearch(c.text), searchTerms(c.q)) {
			t.Errorf("%q does not find %q", c.q, c.text)
		}
	}
	if matchAll(foldSearch("استان فارس"), searchTerms("کرمان")) {
		t.Error("کرمان finds فارس")
	}
}

func TestResolveUnit(t *testing.T) {
	units := map[int64]*payesh.OrgUnit{
		1: {ID: 1, Code: "prov-fars", NameFA: "اداره‌کل استان فارس"},
		2: {ID: 2, Code: "prov-kerman", NameFA: "اداره‌کل استان کرمان"},
		3: {ID: 3, Code: "b-1", NameFA: "شعبهٔ یک"},
		4: {ID: 4, Code: "b-2", NameFA: "شعبهٔ یک"},
	}
	for _, c := range []struct {
		s  string
		id int64
		ok bool
	}{
		{"۲", 2, true}, {"PROV-FARS", 1, true}, {"فارس", 1, true}, {"كرمان", 2, true},
		{"استان", 0, false}, {"شعبه یک", 0, false}, {"۹۹", 99, false}, {"یزد", 0, false},
	} {
		id, ok := resolveUnit(units, c.s)
		if ok != c.ok || (ok && id != c.id) {
			t.Errorf("resolveUnit(%q) = %d, %v; want %d, %v", c.s, id, ok, c.id, c.ok)
		}
	}
}

// nationalUnits is the bench's shape: the organization, 31 provinces of
// 64 branches and a few offices, 2,016 units.
func nationalUnits() []*payesh.OrgUnit {
	var units []*payesh.OrgUnit
	id := int64(0)
	add := func(parent *payesh.OrgUnit, kind payesh.UnitKind, name string) *payesh.OrgUnit {
		id++
		u := &payesh.OrgUnit{ID: id, Kind: kind, NameFA: name, Code: fmt.Sprintf("u-%d", id), Path: fmt.Sprintf("/%d/", id)}
		if parent != nil {
			u.ParentID, u.Path = &parent.ID, fmt.Sprintf("%s%d/", parent.Path, id)
		}
		units = append(units, u)
		return u
	}
	org := add(nil, payesh.UnitOrganization, "سازمان تأمین اجتماعی")
	for p := range 31 {
		prov := add(org, payesh.UnitProvince, fmt.Sprintf("اداره‌کل استان %c", []rune("آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی")[30-p%31]))
		for b := range 64 {
			add(prov, payesh.UnitBranch, fmt.Sprintf("شعبهٔ %d", 64-b))
		}
	}
	return units[:min(len(units), 2016)]
}

// BenchmarkSortUnits compares the former tree order of the unit select
// (every comparison splitting and parsing both paths) and sortUnits'
// kind-then-id order with the index built once per tree version: tree
// order from precomputed keys, Persian collation keys, search keys.
func BenchmarkSortUnits(b *testing.B) {
	units := nationalUnits()
	b.Run("before/pathless", func(b *testing.B) {
		for b.Loop() {
			list := slices.Clone(units)
			slices.Reverse(list)
			sort.Slice(list, func(i, j int) bool { return workPathLess(list[i].Path, list[j].Path) })
		}
	})
	b.Run("after/index", func(b *testing.B) {
		for b.Loop() {
			newUnitIndex(units)
		}
	})
	b.Run("after/sortUnits", func(b *testing.B) {
		for b.Loop() {
			list := slices.Clone(units)
			slices.Reverse(list)
			sortUnits(list)
		}
	})
	b.Run("after/cached", func(b *testing.B) {
		ix := newUnitIndex(units)
		unitIndexMemo.Store(ix)
		for b.Loop() {
			if m := unitIndexMemo.Load(); !sameUnits(m.src, units) {
				b.Fatal("miss")
			}
		}
	})
	ix := newUnitIndex(units)
	b.Run("search", func(b *testing.B) {
		for b.Loop() {
			ix.search("شعبه ۱۲", nil, unitSearchMax)
		}
	})
}
