package demo_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/jalali"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// trainingDay is 1403/05/10: last year's twelve months and this year's
// four before Mordad carry training values, the spring round is open.
var trainingDay = jalali.Date{Year: 1403, Month: 5, Day: 10}.Time().Add(10 * time.Hour)

// TestLoadTraining: the training set is added beside the demo on each
// engine, kept apart from it — its own indicators, coded and named as
// training and linked to no clause, every value noted as made up, a round
// titled as training — while the facts from the sources stay exactly as
// they were; loading it again does nothing, and without the demo it is
// refused.
func TestLoadTraining(t *testing.T) {
	storetest.Engines(t, store.Options{Now: func() time.Time { return trainingDay }}, func(t *testing.T, db *store.DB) {
		ctx := storetest.System()
		svc := services(db)
		svc.Reports = db
		if _, err := demo.LoadTraining(ctx, svc, trainingDay); err == nil {
			t.Fatal("the training set loaded without the demo")
		}
		if _, err := demo.Load(ctx, svc); err != nil {
			t.Fatal(err)
		}
		facts, err := db.FindValues(ctx, payesh.ValueFilter{})
		if err != nil || len(facts) == 0 {
			t.Fatalf("the demo's values: %d, %v", len(facts), err)
		}
		sum, err := demo.LoadTraining(ctx, svc, trainingDay)
		if err != nil {
			t.Fatalf("LoadTraining: %v", err)
		}
		// 30 provinces report (33 less the 3 silent ones), 16 months, 2 indicators.
		if sum.Skipped || sum.Indicators != 2 || sum.Values != 2*16*30 || sum.Reports != 33 || sum.Submitted != 11 {
			t.Fatalf("summary %+v", sum)
		}
		inds, _, err := db.FindIndicators(ctx, payesh.IndicatorFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		var after []*payesh.IndicatorValue
		for _, ind := range inds {
			vals, err := db.FindValues(ctx, payesh.ValueFilter{IndicatorID: ind.ID})
			if err != nil {
				t.Fatal(err)
			}
			if !payesh.IsTraining(ind.Code) {
				after = append(after, vals...)
				continue
			}
			if !strings.HasPrefix(ind.NameFA, payesh.TrainingMark) || len(ind.ClauseIDs) != 0 || ind.Frequency != payesh.Monthly {
				t.Errorf("training indicator %s: name %q, clauses %v, %s", ind.Code, ind.NameFA, ind.ClauseIDs, ind.Frequency)
			}
			drafts := 0
			for _, v := range vals {
				if v.Note != payesh.TrainingNote {
					t.Fatalf("%s %s: note %q, want the training note", ind.Code, v.Period, v.Note)
				}
				if v.State == payesh.ValueDraft {
					drafts++
					if v.Period != "1403-04" {
						t.Errorf("%s %s is a draft; only the latest month should be", ind.Code, v.Period)
					}
				}
			}
			if drafts != 30 {
				t.Errorf("%s: %d drafts, want the latest month's 30", ind.Code, drafts)
			}
		}
		if !reflect.DeepEqual(valueKeys(facts), valueKeys(after)) {
			t.Errorf("the facts changed:\nbefore %v\nafter  %v", valueKeys(facts), valueKeys(after))
		}
		round, err := db.FindRound(ctx, sum.RoundID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(round.Title, payesh.TrainingMark) || round.Period != "1403Q1" || round.Closed {
			t.Errorf("training round %q %s closed=%v", round.Title, round.Period, round.Closed)
		}
		if loaded, err := db.TrainingLoaded(ctx); err != nil || !loaded {
			t.Errorf("TrainingLoaded = %v, %v", loaded, err)
		}
		again, err := demo.LoadTraining(ctx, svc, trainingDay)
		if err != nil || !again.Skipped {
			t.Errorf("second LoadTraining = %+v, %v; want skipped", again, err)
		}
	})
}

// valueKeys names values by indicator, unit, period, value, note and
// state, sorted.
func valueKeys(vals []*payesh.IndicatorValue) []string {
	var keys []string
	for _, v := range vals {
		keys = append(keys, fmt.Sprint(v.IndicatorID, v.UnitID, v.Period, v.Value, v.Note, v.State))
	}
	slices.Sort(keys)
	return keys
}
