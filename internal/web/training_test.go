package web_test

import (
	"net/http"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
)

// TestTrainingBanner: with the training set loaded (payesh demo
// --training), every page where its made-up figures show — dashboards,
// indicators, the values grid and matrix, rounds, reports, the inbox —
// says so in a banner, and the grid's values carry the training note;
// pages that show only the facts carry none. Without the training set no
// page has the banner and nothing of it exists.
func TestTrainingBanner(t *testing.T) {
	const banner = `id="training-banner"`
	plain, _ := dashDemoSite(t, true)
	sec := plain.as("secretariat", demo.Password)
	for _, path := range []string{"/dashboard", "/dashboard/provinces", "/indicators", "/rounds", "/inbox", "/values/matrix"} {
		sec.get(path).must(t, path, http.StatusOK).lacks(t, "without training "+path, banner, payesh.TrainingMark)
	}
	plain.as("province", demo.Password).get("/values").must(t, "grid", http.StatusOK).lacks(t, "grid without training", banner, payesh.TrainingNote)
	if loaded, err := plain.db.TrainingLoaded(storetest.System()); err != nil || loaded {
		t.Fatalf("a training set without --training: %v %v", loaded, err)
	}

	s, _ := dashDemoSite(t, true)
	svc := demo.Services{Units: s.db, Documents: s.db, Work: s.db, Users: s.db, Indicators: s.db, Reports: s.db}
	sum, err := demo.LoadTraining(storetest.System(), svc, paClock())
	if err != nil {
		t.Fatal(err)
	}
	ind := s.indicatorByCode(t, payesh.TrainingPrefix+"main-insured")
	sec = s.as("secretariat", demo.Password)
	for _, path := range []string{"/dashboard", "/dashboard/provinces?indicator=" + paID(ind.ID), "/indicators", "/indicators/" + paID(ind.ID),
		"/units/" + paID(s.unitByCode("prov-fars").ID) + "/dashboard", "/values/matrix?indicator=" + paID(ind.ID),
		"/rounds", "/rounds/" + paID(sum.RoundID), "/inbox"} {
		sec.get(path).must(t, path, http.StatusOK).has(t, "with training "+path, banner, "دادهٔ آموزشی.")
	}
	for _, path := range []string{"/", "/policy", "/work"} {
		sec.get(path).must(t, path, http.StatusOK).lacks(t, "facts only "+path, banner)
	}
	// The round says what it is in its title too.
	sec.get("/rounds/"+paID(sum.RoundID)).has(t, "round", payesh.TrainingMark+"گزارش فصلی استان‌ها — بهار ۱۴۰۳")
	// A province's grid: the banner, and the note on its values.
	grid := s.as("province", demo.Password).get("/values").must(t, "grid", http.StatusOK)
	grid.has(t, "grid", banner, payesh.TrainingNote, payesh.TrainingMark+"بیمه‌شدگان اصلی")
}
