package web_test

import (
	"net/http"
	"testing"

	"payesh/internal/demo"
	"payesh/internal/i18n"
)

// TestDeskOffersWhatTheRoleCanDo: a viewer's desk offers no new work
// item (the form would answer 403); a reporter's does.
func TestDeskOffersWhatTheRoleCanDo(t *testing.T) {
	s := newPASite(t)
	s.as("viewer", demo.Password).get("/").must(t, "viewer's desk", http.StatusOK).lacks(t, "viewer's desk", `href="/work/new"`)
	s.as("reporter", demo.Password).get("/").must(t, "reporter's desk", http.StatusOK).has(t, "reporter's desk", `href="/work/new"`)
}

// TestSlugsForConfigurersOnly: a work item's code, a Latin slug, is shown
// to those who configure (they match it with imports and the API), not
// under every title for everyone.
func TestSlugsForConfigurersOnly(t *testing.T) {
	s := newPASite(t)
	const slug = "sso-op-support-docs"
	for who, shown := range map[string]bool{"secretariat": true, "reporter": false, "viewer": false} {
		list := s.as(who, demo.Password).get("/work?limit=200").must(t, who+"'s list", http.StatusOK)
		if shown {
			list.has(t, who+"'s list", `dir="ltr">`+slug+`<`)
		} else {
			list.lacks(t, who+"'s list", `dir="ltr">`+slug+`<`)
		}
	}
}

// TestBoardMarksUnitsNobodyHears: on the follow-up board a late unit with
// no active user says so — reminders reach no one there.
func TestBoardMarksUnitsNobodyHears(t *testing.T) {
	s := newPASite(t)
	board := s.as("secretariat", demo.Password).get("/followup").must(t, "the board", http.StatusOK)
	board.has(t, "the board", i18n.T(i18n.FA, "ui.followup.no_users"))
}
