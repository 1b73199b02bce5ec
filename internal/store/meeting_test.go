package store_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// meetingWorld is a body of the organization with one meeting and two
// resolutions owned by an office, whose reporter asks to close them.
type meetingWorld struct {
	db               *store.DB
	office, province *payesh.OrgUnit
	secretariat      context.Context
	owner, outsider  context.Context
	ownerUser        *payesh.User
	body             *payesh.Body
	meeting          *payesh.Meeting
	agenda           *payesh.AgendaItem
	first, second    *payesh.Resolution
}

func newMeetingWorld(t *testing.T, db *store.DB) *meetingWorld {
	t.Helper()
	w := &meetingWorld{db: db}
	root := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
	council := mustUnit(t, db, root, payesh.UnitOffice, "council")
	w.office = mustUnit(t, db, root, payesh.UnitOffice, "women")
	w.province = mustUnit(t, db, root, payesh.UnitProvince, "prov-x")
	other := mustUnit(t, db, root, payesh.UnitPartner, "partner-university")
	sec := mustUnit(t, db, root, payesh.UnitOffice, "secretariat")
	_, w.secretariat = mustUser(t, db, sec, "sec", payesh.RoleSecretariat)
	w.ownerUser, w.owner = mustUser(t, db, w.office, "owner", payesh.RoleReporter)
	_, w.outsider = mustUser(t, db, other, "outsider", payesh.RoleReporter)
	w.body = &payesh.Body{Code: "council-deputies", NameFA: "شورای معاونین سازمان", UnitID: &council.ID,
		Members: []payesh.BodyMember{{Name: "مدیرعامل سازمان", Title: "رئیس شورا"}, {UserID: &w.ownerUser.ID, Title: "عضو"}}}
	if err := db.CreateBody(w.secretariat, w.body); err != nil {
		t.Fatalf("body: %v", err)
	}
	// Undated, as the sources leave the session.
	w.meeting = &payesh.Meeting{BodyID: w.body.ID, Number: "۱", Kind: payesh.MeetingExtraordinary,
		Title: "نخستین جلسهٔ شورای معاونین در سال ۱۴۰۱", Place: "ساختمان مرکزی",
		People: []payesh.Participant{{Role: payesh.RoleChair, Name: "مدیرعامل سازمان"}, {Role: payesh.RoleAttendee, UserID: &w.ownerUser.ID}}}
	if err := db.CreateMeeting(w.secretariat, w.meeting); err != nil {
		t.Fatalf("meeting: %v", err)
	}
	w.agenda = &payesh.AgendaItem{Title: "عملیاتی‌سازی سیاست‌های کلی تأمین اجتماعی"}
	if err := db.AddAgendaItem(w.secretariat, w.meeting.ID, w.agenda); err != nil {
		t.Fatalf("agenda: %v", err)
	}
	res := func(title string, due payesh.Date) *payesh.Resolution {
		r, err := db.CreateResolution(w.secretariat, w.meeting.ID, &w.agenda.ID,
			&payesh.WorkItem{Title: title, OwnerUnitID: w.office.ID, DueDate: due})
		if err != nil {
			t.Fatalf("resolution %s: %v", title, err)
		}
		return r
	}
	// fixedNow is 1403/05/10; the first is late, the second is not due yet.
	w.first = res("دبیرخانه‌ای دائمی برای پیگیری سیاست‌ها تشکیل شود", payesh.NewDate(2024, 6, 1))
	w.second = res("گزارش عملکرد سه‌ماهه به شورا ارائه شود", payesh.NewDate(2024, 12, 1))
	return w
}

func (w *meetingWorld) tally(t *testing.T, ctx context.Context) payesh.ResolutionTally {
	t.Helper()
	m, err := w.db.FindMeeting(ctx, w.meeting.ID)
	if err != nil {
		t.Fatalf("find meeting: %v", err)
	}
	return m.Tally
}

func (w *meetingWorld) item(t *testing.T, id int64) *payesh.WorkItem {
	t.Helper()
	it, err := w.db.FindWorkItemByID(sys, id)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// TestMeetingResolutions is issue 14's acceptance on both engines: a
// meeting with two resolutions; closing one without evidence is refused,
// and so is closing it by a plain update; a request with evidence waits
// for the secretariat; a rejection goes back to the owner, told why; an
// acceptance closes it; the closure rate follows; the late one shows on
// the board under its meeting.
func TestMeetingResolutions(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newMeetingWorld(t, db)
		if got := w.tally(t, w.secretariat); got.Total != 2 || got.Closed != 0 || got.Rate != 0 || got.Overdue != 1 {
			t.Fatalf("tally at the start = %+v, want 2 resolutions, none closed, one overdue", got)
		}
		m, err := db.FindMeeting(w.owner, w.meeting.ID)
		if err != nil || !m.HeldOn.IsZero() || len(m.Agenda) != 1 || m.Person(payesh.RoleChair) == nil {
			t.Fatalf("meeting as the owner = %+v, %v; want undated, one agenda item, a chair", m, err)
		}
		if _, err := db.FindMeeting(w.outsider, w.meeting.ID); payesh.ErrorCode(err) != payesh.ENOTFOUND {
			t.Errorf("a partner that reads neither the council's work nor a resolution reads the meeting: %v", err)
		}

		// Without evidence: refused, naming the evidence.
		it := w.item(t, w.first.ID)
		_, err = db.RequestClosure(w.owner, it.ID, payesh.ClosureInput{Note: "انجام شد", Version: it.Version}, nil)
		if e, ok := err.(*payesh.Error); !ok || e.Fields["evidence"] != "err.resolution.evidence" {
			t.Fatalf("closure without evidence: %v, want invalid on evidence", err)
		}
		// Nor by a plain update: done is refused, 100 % leaves it open.
		_, _, err = db.PostProgress(w.owner, it.ID, payesh.ProgressUpdateInput{Status: payesh.StatusDone, Version: it.Version})
		wantCode(t, err, payesh.EINVALID)
		if after := progress(t, db, w.owner, it.ID, 100); after.Status == payesh.StatusDone {
			t.Fatalf("100%% closed the resolution without the secretariat: %s", after.Status)
		}
		it = w.item(t, w.first.ID)

		// With evidence (a file): pending, still open, counted as pending.
		pdf := payesh.Upload{Name: "نامه.pdf", Content: bytes.NewReader([]byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"))}
		c, err := db.RequestClosure(w.owner, it.ID, payesh.ClosureInput{EvidenceRef: "نامهٔ ۱۲۳۴/د", Version: it.Version}, &pdf)
		if err != nil || c.State != payesh.ClosurePending || c.FileID == nil {
			t.Fatalf("closure with evidence = %+v, %v", c, err)
		}
		if it = w.item(t, w.first.ID); it.Status == payesh.StatusDone {
			t.Fatal("a request closed the resolution by itself")
		}
		if got := w.tally(t, w.secretariat); got.Closed != 0 || got.Pending != 1 {
			t.Fatalf("tally while pending = %+v", got)
		}
		if _, err := db.RequestClosure(w.owner, it.ID, payesh.ClosureInput{EvidenceRef: "دوباره", Version: it.Version}, nil); payesh.ErrorCode(err) != payesh.ECONFLICT {
			t.Errorf("a second pending request: %v, want conflict", err)
		}
		if _, data, err := db.OpenMeetingFile(w.owner, *c.FileID); err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
			t.Errorf("the owner downloads its evidence: %v", err)
		}
		if _, _, err := db.OpenMeetingFile(w.outsider, *c.FileID); payesh.ErrorCode(err) != payesh.ENOTFOUND {
			t.Errorf("an outsider downloads the evidence: %v", err)
		}
		// The owner may not decide; the secretariat rejects with a reason.
		_, _, err = db.AcceptClosure(w.owner, c.ID, payesh.WorkChangeDecision{Version: c.Version})
		wantCode(t, err, payesh.EFORBIDDEN)
		_, err = db.RejectClosure(w.secretariat, c.ID, payesh.WorkChangeDecision{Version: c.Version})
		wantCode(t, err, payesh.EINVALID) // a rejection needs a reason
		rej, err := db.RejectClosure(w.secretariat, c.ID, payesh.WorkChangeDecision{Reason: "نامه امضا ندارد", Version: c.Version})
		if err != nil || rej.State != payesh.ClosureRejected {
			t.Fatalf("reject = %+v, %v", rej, err)
		}
		notes, _, err := db.Notifications(w.owner, true, payesh.Page{})
		if err != nil || len(notes) == 0 || notes[0].Kind != payesh.NoteClosureRejected || notes[0].Args["reason"] != "نامه امضا ندارد" {
			t.Fatalf("the owner's notifications = %+v, %v; want the rejection with its reason", notes, err)
		}

		// Asked again, then accepted — and a second acceptance of the same
		// version, as from another tab, is a conflict.
		it = w.item(t, w.first.ID)
		c2, err := db.RequestClosure(w.owner, it.ID, payesh.ClosureInput{EvidenceRef: "https://example.org/letter/1234", Version: it.Version}, nil)
		if err != nil {
			t.Fatal(err)
		}
		acc, done, err := db.AcceptClosure(w.secretariat, c2.ID, payesh.WorkChangeDecision{Version: c2.Version})
		if err != nil || acc.State != payesh.ClosureAccepted || done.Status != payesh.StatusDone || done.Progress != 100 {
			t.Fatalf("accept = %+v, %+v, %v", acc, done, err)
		}
		_, _, err = db.AcceptClosure(w.secretariat, c2.ID, payesh.WorkChangeDecision{Version: c2.Version})
		wantCode(t, err, payesh.ECONFLICT)
		ups, err := db.FindProgressUpdates(w.owner, it.ID)
		if err != nil || ups[0].Status != payesh.StatusDone || ups[0].Note != "https://example.org/letter/1234" {
			t.Errorf("history's newest entry = %+v, %v; want done with the evidence", ups[0], err)
		}
		if got := w.tally(t, w.secretariat); got.Closed != 1 || got.Rate != 50 || got.Overdue != 0 || got.Pending != 0 {
			t.Errorf("tally after acceptance = %+v, want 1 of 2 closed (50%%)", got)
		}

		// The board by meeting: the second resolution, once late, under
		// its meeting; the closed one is gone.
		late, err := db.LateResolutions(w.secretariat, payesh.NewDate(2024, 12, 10))
		if err != nil || len(late) != 1 || late[0].Meeting.ID != w.meeting.ID || len(late[0].Resolutions) != 1 ||
			late[0].Resolutions[0].ID != w.second.ID || late[0].OldestDays != 9 {
			t.Fatalf("late resolutions by meeting = %+v, %v", late, err)
		}
		if _, err := db.LateResolutions(w.owner, payesh.NewDate(2024, 12, 10)); payesh.ErrorCode(err) != payesh.EFORBIDDEN {
			t.Errorf("the board by meeting for a reporter: %v", err)
		}
		if n := auditCount(t, db, "work_item", w.first.ID); n < 6 {
			t.Errorf("the resolution's trail has %d events; want its create, updates, requests and decisions", n)
		}
	})
}

// TestMeetingLateOnBoard: before any closure, the late resolution appears
// under its meeting, and a later meeting of the body reviews the open
// resolutions of the earlier one.
func TestMeetingLateOnBoard(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newMeetingWorld(t, db)
		late, err := db.LateResolutions(w.secretariat, payesh.Today(fixedNow))
		if err != nil || len(late) != 1 || len(late[0].Resolutions) != 1 || late[0].Resolutions[0].ID != w.first.ID {
			t.Fatalf("late by meeting = %+v, %v; want the first resolution under its meeting", late, err)
		}
		next := &payesh.Meeting{BodyID: w.body.ID, Number: "۲", Title: "جلسهٔ دوم", HeldOn: payesh.NewDate(2024, 8, 1), StartTime: "10:00"}
		if err := db.CreateMeeting(w.secretariat, next); err != nil {
			t.Fatal(err)
		}
		if err := db.AddAgendaItem(w.secretariat, next.ID, &payesh.AgendaItem{Title: "پیگیری مصوبات جلسات قبل", ReviewsEarlier: true}); err != nil {
			t.Fatal(err)
		}
		open, err := db.EarlierOpenResolutions(w.secretariat, next.ID)
		if err != nil || len(open) != 2 || *open[0].MeetingID != w.meeting.ID {
			t.Fatalf("open resolutions of earlier meetings = %d, %v; want both of the first meeting", len(open), err)
		}
		if err := db.CreateMeeting(w.secretariat, &payesh.Meeting{BodyID: w.body.ID, Title: "بی‌تاریخ", StartTime: "10:00"}); payesh.ErrorCode(err) != payesh.EINVALID {
			t.Errorf("a time without a date: %v, want invalid", err)
		}
		list, total, err := db.FindMeetings(w.owner, payesh.MeetingFilter{})
		if err != nil || total != 2 || list[0].ID != next.ID {
			t.Errorf("meetings = %d, %v; want two, the dated one first", total, err)
		}
	})
}

// TestClosureAcceptRace: two acceptances of one request at once, on
// PostgreSQL under READ COMMITTED as on SQLite — one wins, the other is
// a conflict, and the history says done once.
func TestClosureAcceptRace(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newMeetingWorld(t, db)
		it := w.item(t, w.second.ID)
		c, err := db.RequestClosure(w.owner, it.ID, payesh.ClosureInput{EvidenceRef: "نامهٔ ۵۵", Version: it.Version}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, errs[i] = db.AcceptClosure(w.secretariat, c.ID, payesh.WorkChangeDecision{Version: c.Version})
			}()
		}
		wg.Wait()
		ok, conflicts := 0, 0
		for _, err := range errs {
			switch payesh.ErrorCode(err) {
			case "":
				ok++
			case payesh.ECONFLICT:
				conflicts++
			default:
				t.Errorf("accept: %v", err)
			}
		}
		if ok != 1 || conflicts != 1 {
			t.Fatalf("two acceptances: %d ok, %d conflicts; want one of each", ok, conflicts)
		}
		ups, err := db.FindProgressUpdates(sys, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		done := 0
		for _, u := range ups {
			if u.Status == payesh.StatusDone {
				done++
			}
		}
		if done != 1 {
			t.Errorf("history holds %d done updates, want 1", done)
		}
	})
}
