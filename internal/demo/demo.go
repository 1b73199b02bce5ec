// Package demo loads the demonstration dataset: the General Social Security
// Policies (سیاست‌های کلی تأمین اجتماعی), the units that follow them up, and
// the work that public reports describe.
//
// Every title, figure and date comes from the source reports in
// shared/seeds or from DOMAIN-FACTS.md, and each item says which report it
// quotes. Where the sources are silent the data says so instead of guessing:
// an honest gap is worth more to a secretariat than a plausible fiction.
package demo

import (
	"context"
	"fmt"

	"payesh"
)

// Password is the one password every demo login shares. It is public by
// design: the demo is for trying Payesh, never for real data.
const Password = "payesh-demo-1401"

// DocumentCode is the code of the policy document; its presence marks a
// database in which the demo has been loaded.
const DocumentCode = "gssp"

// Services are the domain services the loader writes through, so the demo
// obeys the same validation, authorization and audit as any user.
type Services struct {
	Units     payesh.OrgUnitService
	Documents payesh.DocumentService
	Work      payesh.WorkItemService
	Users     payesh.UserService
	// Indicators, when set, also loads the indicators the sources give
	// figures for.
	Indicators payesh.IndicatorService
	// Reports, when set, lets LoadTraining open its round.
	Reports payesh.ReportService
	// Meetings, when set, also loads the bodies and meetings the sources
	// describe, with the founding resolution made by its meeting.
	Meetings payesh.MeetingService
	// Calls, when set, also loads the call for papers (calls.go).
	Calls payesh.CallService
}

// Summary tells what Load did.
type Summary struct {
	// Skipped is true when the demo was already loaded and Load did nothing.
	Skipped    bool
	DocumentID int64
	Units      int
	Clauses    int
	WorkItems  int
	Updates    int
	Indicators int
	Values     int
	Logins     []Login
}

// String is the one-line report the command line prints.
func (s Summary) String() string {
	if s.Skipped {
		return fmt.Sprintf("demo data already loaded (document %q is present); nothing to do", DocumentCode)
	}
	return fmt.Sprintf("demo data loaded: %d org units, %d clauses, %d work items, %d progress updates, %d indicators with %d values, %d users",
		s.Units, s.Clauses, s.WorkItems, s.Updates, s.Indicators, s.Values, len(s.Logins))
}

// Load writes the demo dataset. It is idempotent: when the policy document
// already exists it changes nothing and returns a Summary with Skipped set.
// Units and users that exist already (from an interrupted earlier load) are
// reused by code and username rather than duplicated. Without a user in ctx
// the loader acts as payesh.System.
func Load(ctx context.Context, svc Services) (Summary, error) {
	if payesh.UserFrom(ctx) == nil {
		ctx = payesh.WithUser(ctx, payesh.System)
	}
	doc, err := findDocument(ctx, svc.Documents, DocumentCode)
	if err != nil {
		return Summary{}, err
	}
	if doc != nil {
		return Summary{Skipped: true, DocumentID: doc.ID, Logins: Logins()}, nil
	}
	l := newLoader(ctx, svc)
	for _, step := range []func() error{l.loadUnits, l.loadUsers, l.loadDocument, l.loadWork, l.loadMeetings, l.loadIndicators, l.loadLibrary, l.loadCalls, l.loadResearch} {
		if err := step(); err != nil {
			return Summary{}, fmt.Errorf("demo: %w", err)
		}
	}
	return l.sum, nil
}

// Loaded reports whether the demo document is in the database.
func Loaded(ctx context.Context, docs payesh.DocumentService) (bool, error) {
	if payesh.UserFrom(ctx) == nil {
		ctx = payesh.WithUser(ctx, payesh.System)
	}
	doc, err := findDocument(ctx, docs, DocumentCode)
	return doc != nil, err
}

// loader carries what one Load has created, so later steps can refer to
// units, clauses and parent items by their codes.
type loader struct {
	ctx     context.Context
	svc     Services
	units   map[string]int64 // unit code → id
	clauses map[string]int64 // clause number → id
	work    map[string]int64 // work item code → id
	sum     Summary
}

func newLoader(ctx context.Context, svc Services) *loader {
	return &loader{
		ctx:     ctx,
		svc:     svc,
		units:   map[string]int64{},
		clauses: map[string]int64{},
		work:    map[string]int64{},
	}
}
