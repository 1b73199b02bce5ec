package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestTallyValues: a unit's values by indicator over a period range — how
// many and how many returned — agree with the values FindValues reads for
// the same filter and reader: the rows a grid shows (IndicatorIDs), the
// periods asked for, another province's reporter reading only what is
// approved; an empty list of indicators counts nothing and a list longer
// than the bound is refused.
func TestTallyValues(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		p1, p2 := mustUnit(t, db, org, payesh.UnitProvince, "p1"), mustUnit(t, db, org, payesh.UnitProvince, "p2")
		inds := mustMonthly(t, db, 3, payesh.UnitProvince)
		var in []payesh.IndicatorValue
		for i, ind := range inds {
			for m := 1; m <= 3+i; m++ {
				in = append(in, payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: p1.ID, Period: fmt.Sprintf("1403-%02d", m), Value: float64(m)})
			}
		}
		in = append(in, payesh.IndicatorValue{IndicatorID: inds[0].ID, UnitID: p1.ID, Period: "1402-12", Value: 9},
			payesh.IndicatorValue{IndicatorID: inds[0].ID, UnitID: p2.ID, Period: "1403-01", Value: 9})
		saved, err := db.SaveValues(sys, in)
		if err != nil {
			t.Fatal(err)
		}
		// inds[0]: 1403-01 returned, 1403-02 approved; inds[1]: 1403-01 returned.
		if _, err := db.ReviewValues(sys, []int64{saved[0].ID, saved[3].ID}, payesh.ValueReturned); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReviewValues(sys, []int64{saved[1].ID}, payesh.ValueApproved); err != nil {
			t.Fatal(err)
		}
		_, rep2 := mustUser(t, db, p2, "rep2", payesh.RoleReporter)
		tally := func(ctx context.Context, f payesh.ValueFilter) string {
			t.Helper()
			got, err := db.TallyValues(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, c := range got {
				out = append(out, fmt.Sprintf("%d:%d/%d", c.IndicatorID, c.Saved, c.Returned))
			}
			return strings.Join(out, " ")
		}
		// What FindValues reads for the same filter, counted the same way.
		counted := func(ctx context.Context, f payesh.ValueFilter) string {
			t.Helper()
			vals, err := db.FindValues(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for i := 0; i < len(vals); {
				j, returned := i, 0
				for ; j < len(vals) && vals[j].IndicatorID == vals[i].IndicatorID; j++ {
					if vals[j].State == payesh.ValueReturned {
						returned++
					}
				}
				out = append(out, fmt.Sprintf("%d:%d/%d", vals[i].IndicatorID, j-i, returned))
				i = j
			}
			return strings.Join(out, " ")
		}
		year := payesh.ValueFilter{UnitID: p1.ID, From: "1403-01", To: "1403-12"}
		shown := year
		shown.IndicatorIDs = []int64{inds[0].ID, inds[2].ID}
		spring := year
		spring.To = "1403-02"
		for _, tt := range []struct {
			name string
			ctx  context.Context
			f    payesh.ValueFilter
			want string
		}{
			{"the year", sys, year, fmt.Sprintf("%d:3/1 %d:4/1 %d:5/0", inds[0].ID, inds[1].ID, inds[2].ID)},
			{"the rows shown", sys, shown, fmt.Sprintf("%d:3/1 %d:5/0", inds[0].ID, inds[2].ID)},
			{"two months", sys, spring, fmt.Sprintf("%d:2/1 %d:2/1 %d:2/0", inds[0].ID, inds[1].ID, inds[2].ID)},
			{"another province's reporter", rep2, year, fmt.Sprintf("%d:1/0", inds[0].ID)},
			{"no rows", sys, payesh.ValueFilter{UnitID: p1.ID, IndicatorIDs: []int64{}}, ""},
		} {
			t.Run(tt.name, func(t *testing.T) {
				if got := tally(tt.ctx, tt.f); got != tt.want {
					t.Errorf("tally %q, want %q", got, tt.want)
				}
				if got := counted(tt.ctx, tt.f); got != tt.want {
					t.Errorf("FindValues counts %q, want %q", got, tt.want)
				}
			})
		}
		_, err = db.TallyValues(sys, payesh.ValueFilter{UnitID: p1.ID, IndicatorIDs: make([]int64, 2001)})
		wantCode(t, err, payesh.EINVALID)
		_, err = db.FindValues(sys, payesh.ValueFilter{UnitID: p1.ID, IndicatorIDs: make([]int64, 2001)})
		wantCode(t, err, payesh.EINVALID)
	})
}
