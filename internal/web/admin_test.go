package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/jalali"
	"payesh/internal/store/storetest"
)

// userCount counts the users in the store.
func (s *paSite) userCount() int {
	s.t.Helper()
	_, n, err := s.db.FindUsers(storetest.System(), payesh.UserFilter{Page: payesh.Page{Limit: 1}})
	if err != nil {
		s.t.Fatal(err)
	}
	return n
}

func TestAdminForbiddenToOthers(t *testing.T) {
	s := newPASite(t)
	before := s.userCount()
	for _, who := range []string{"viewer", "reporter", "secretariat"} {
		u := s.as(who, demo.Password)
		for _, path := range []string{"/admin", "/admin/users", "/admin/users/new", "/admin/units", "/admin/documents", "/admin/clauses/1"} {
			p := u.get(path).must(t, who+" GET "+path, http.StatusForbidden)
			p.has(t, who+" GET "+path, "دسترسی مجاز نیست")
		}
		p := u.post("/admin/users", url.Values{"username": {"intruder"}, "name": {"x"}, "unit_id": {"1"}, "role": {"admin"},
			"password": {"long enough password"}, "password_repeat": {"long enough password"}})
		p.must(t, who+" POST /admin/users", http.StatusForbidden)
		// No admin link in their navigation either.
		u.get("/").lacks(t, who+" home", `href="/admin"`)
	}
	if after := s.userCount(); after != before {
		t.Errorf("users %d → %d after refused posts", before, after)
	}
	// Signed out, the admin pages send to the sign-in page.
	if p := s.anonymous().get("/admin/users"); p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, "/login") {
		t.Errorf("anonymous /admin/users: %d → %q", p.status, p.location)
	}
}

func TestAdminCreatesUser(t *testing.T) {
	s := newPASite(t)
	admin := s.as("admin", demo.Password)
	admin.get("/admin").must(t, "/admin", http.StatusOK).has(t, "/admin", `href="/admin/users"`, `href="/admin/units"`, `href="/admin/documents"`)
	admin.get("/admin/users/new").must(t, "new user form", http.StatusOK).has(t, "new user form", `name="password_repeat"`, `for="f-unit_id"`, `for="f-role"`)

	fars := s.unitByCode("prov-fars")
	p := admin.post("/admin/users", url.Values{"username": {"Fars.Reporter"}, "name": {"كارشناس استان فارس"},
		"email": {"fars@example.ir"}, "unit_id": {paID(fars.ID)}, "role": {"reporter"},
		"password": {"گذرواژهٔ بلند و امن"}, "password_repeat": {"گذرواژهٔ بلند و امن"}})
	p.must(t, "create user", http.StatusSeeOther)
	if p.location != "/admin/users?flash=ui.admin.flash.user_created" {
		t.Errorf("redirect to %q", p.location)
	}
	admin.get(p.location).must(t, "list after create", http.StatusOK).has(t, "list after create", "کاربر ایجاد شد", "fars.reporter", "کارشناس استان فارس")

	u, err := s.db.FindUserByUsername(storetest.System(), "fars.reporter")
	if err != nil {
		t.Fatalf("created user not found: %v", err)
	}
	if u.Name != "کارشناس استان فارس" || u.UnitID != fars.ID || u.Role != payesh.RoleReporter || !u.Active {
		t.Errorf("stored user %+v", u)
	}
	// The new user signs in with the password the admin set.
	s.as("fars.reporter", "گذرواژهٔ بلند و امن").get("/").must(t, "new user's home", http.StatusOK)
}

func TestAdminUserErrorsKeepValues(t *testing.T) {
	s := newPASite(t)
	admin := s.as("admin", demo.Password)
	before := s.userCount()
	p := admin.post("/admin/users", url.Values{"username": {"new.user"}, "name": {"نام تایپ‌شده"},
		"email": {"not-an-address"}, "unit_id": {paID(s.unitByCode("sso").ID)}, "role": {"viewer"},
		"password": {"secret-one-1234"}, "password_repeat": {"secret-two-1234"}})
	p.must(t, "invalid user", http.StatusBadRequest)
	p.has(t, "invalid user", `value="new.user"`, `value="نام تایپ‌شده"`, `value="not-an-address"`,
		"تکرار گذرواژه با خود آن یکسان نیست", "نشانی رایانامه نامعتبر است", `aria-invalid="true"`)
	p.lacks(t, "invalid user", "secret-one-1234", "secret-two-1234")
	if !strings.Contains(p.body, `<option value="viewer" selected>`) {
		t.Error("the chosen role is not kept")
	}
	if after := s.userCount(); after != before {
		t.Errorf("users %d → %d after a refused form", before, after)
	}

	// A username already taken is said beside the field.
	p = admin.post("/admin/users", url.Values{"username": {"viewer"}, "name": {"دیگری"}, "unit_id": {"1"}, "role": {"viewer"},
		"password": {"long enough password"}, "password_repeat": {"long enough password"}})
	p.must(t, "taken username", http.StatusConflict)
	p.has(t, "taken username", "این نام کاربری قبلاً ثبت شده است", `value="دیگری"`)
}

func TestAdminEditUserAndConflict(t *testing.T) {
	s := newPASite(t)
	admin := s.as("admin", demo.Password)
	viewer, err := s.db.FindUserByUsername(storetest.System(), "viewer")
	if err != nil {
		t.Fatal(err)
	}
	path := "/admin/users/" + paID(viewer.ID)
	form := admin.get(path).must(t, "edit form", http.StatusOK)
	version := form.version(t)
	edit := url.Values{"name": {"بینندهٔ ویراسته"}, "email": {""}, "unit_id": {paID(viewer.UnitID)}, "role": {"viewer"},
		"active": {"1"}, "version": {version}}
	admin.post(path, edit).must(t, "save user", http.StatusSeeOther)

	// The same stale version again: someone else's save is shown, with
	// what this admin typed kept in the form.
	edit.Set("name", "نام دیگری")
	p := admin.post(path, edit).must(t, "stale save", http.StatusConflict)
	p.has(t, "stale save", "کاربر دیگری در این فاصله تغییر داده است", "بینندهٔ ویراسته", `value="نام دیگری"`)
	if got := p.version(t); got == version {
		t.Errorf("conflict form still carries the stale version %s", got)
	}
	u, _ := s.db.FindUserByUsername(storetest.System(), "viewer")
	if u.Name != "بینندهٔ ویراسته" {
		t.Errorf("name %q after conflict", u.Name)
	}

	// A new password, then the old one no longer works.
	admin.post(path+"/password", url.Values{"password": {"short"}, "password_repeat": {"short"}}).
		must(t, "short password", http.StatusBadRequest).has(t, "short password", "دست‌کم ۱۰ نویسه")
	admin.post(path+"/password", url.Values{"password": {"a brand new phrase"}, "password_repeat": {"a brand new phrase"}}).
		must(t, "set password", http.StatusSeeOther)
	if r := s.anonymous().post("/login", url.Values{"username": {"viewer"}, "password": {demo.Password}}); r.status == http.StatusSeeOther {
		t.Error("the old password still signs in")
	}
	s.as("viewer", "a brand new phrase")

	// An admin cannot lock themselves out.
	me, _ := s.db.FindUserByUsername(storetest.System(), "admin")
	mine := admin.get("/admin/users/"+paID(me.ID)).must(t, "own form", http.StatusOK)
	p = admin.post("/admin/users/"+paID(me.ID), url.Values{"name": {me.Name}, "unit_id": {paID(me.UnitID)}, "role": {"viewer"},
		"active": {"1"}, "version": {mine.version(t)}})
	p.must(t, "self demotion", http.StatusBadRequest).has(t, "self demotion", "نمی‌توانید نقش مدیر سامانه را از خود بگیرید")
}

func TestAdminLoadsClauseText(t *testing.T) {
	s := newPASite(t)
	admin := s.as("admin", demo.Password)
	c2 := s.clauses()["2"]
	path := "/admin/clauses/" + paID(c2.ID)
	form := admin.get(path).must(t, "clause form", http.StatusOK)
	text := "الف- نخستین جزء متن رسمی.\r\nب- دومین جزء متن رسمی."
	p := admin.post(path, url.Values{"parent_id": {""}, "number": {"۲"}, "ordinal": {"۲"}, "title_fa": {"عنوان رسمی بند دوم"},
		"title_en": {""}, "text": {text}, "note": {""}, "version": {form.version(t)}})
	p.must(t, "save clause", http.StatusSeeOther)
	if p.location != "/admin/documents/"+paID(s.doc.ID)+"?flash=ui.admin.flash.clause_saved" {
		t.Errorf("redirect to %q", p.location)
	}
	got, err := s.db.FindClauseByID(storetest.System(), c2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != "الف- نخستین جزء متن رسمی.\nب- دومین جزء متن رسمی." || got.TitleFA != "عنوان رسمی بند دوم" || got.Number != "2" {
		t.Errorf("stored clause: number %q title %q text %q", got.Number, got.TitleFA, got.Text)
	}
	page := admin.get("/clauses/"+paID(c2.ID)).must(t, "clause page", http.StatusOK)
	page.has(t, "clause page", "<p>الف- نخستین جزء متن رسمی.</p>", "<p>ب- دومین جزء متن رسمی.</p>", "عنوان رسمی بند دوم")
	page.lacks(t, "clause page", "متن رسمی این بند هنوز بارگذاری نشده است")

	// Without a title nothing is saved and the typed text stays.
	form = admin.get(path).must(t, "clause form", http.StatusOK)
	p = admin.post(path, url.Values{"number": {"2"}, "title_fa": {""}, "text": {"متن تازه"}, "version": {form.version(t)}})
	p.must(t, "clause without title", http.StatusBadRequest).has(t, "clause without title", "این فیلد الزامی است", "متن تازه")
	if again, _ := s.db.FindClauseByID(storetest.System(), c2.ID); again.Text != got.Text {
		t.Error("a refused form changed the clause")
	}
}

func TestAdminClauseCreateAndDelete(t *testing.T) {
	s := newPASite(t)
	admin := s.as("admin", demo.Password)
	c8 := s.clauses()["8"]
	p := admin.post("/admin/documents/"+paID(s.doc.ID)+"/clauses", url.Values{"parent_id": {paID(c8.ID)}, "number": {"8-1"},
		"ordinal": {"۱"}, "title_fa": {"جزء نخست بند ۸"}})
	p.must(t, "create sub-clause", http.StatusSeeOther)
	sub := s.clauses()["8-1"]
	if sub == nil || sub.ParentID == nil || *sub.ParentID != c8.ID || sub.Ordinal != 1 {
		t.Fatalf("sub-clause stored as %+v", sub)
	}
	// Clause 8 has a sub-clause and linked work: refused, with the reason.
	p = admin.post("/admin/clauses/"+paID(c8.ID)+"/delete", url.Values{"version": {"1"}})
	p.must(t, "delete clause 8", http.StatusConflict).has(t, "delete clause 8", "زیربند دارد")
	// The sub-clause goes.
	admin.post("/admin/clauses/"+paID(sub.ID)+"/delete", url.Values{"version": {"1"}}).must(t, "delete sub-clause", http.StatusSeeOther)
	if s.clauses()["8-1"] != nil {
		t.Error("sub-clause still there")
	}
	p = admin.post("/admin/clauses/"+paID(c8.ID)+"/delete", url.Values{"version": {"1"}})
	p.must(t, "delete clause 8 with work", http.StatusConflict).has(t, "delete clause 8 with work", "کارهایی به این بند پیوند خورده‌اند")
}

func TestAdminUnitDelete(t *testing.T) {
	s := newPASite(t)
	admin := s.as("admin", demo.Password)
	sso := s.unitByCode("sso")
	p := admin.post("/admin/units/"+paID(sso.ID)+"/delete", url.Values{"version": {"1"}})
	p.must(t, "delete sso", http.StatusConflict)
	p.has(t, "delete sso", "این واحد زیرمجموعه دارد و حذف نمی‌شود")
	s.unitByCode("sso")

	// A new leaf unit, made through the form, can be deleted.
	fars := s.unitByCode("prov-fars")
	p = admin.post("/admin/units", url.Values{"parent_id": {paID(fars.ID)}, "kind": {"branch"}, "code": {"branch-shiraz-1"},
		"name_fa": {"شعبهٔ یک شیراز"}, "name_en": {"Shiraz Branch 1"}})
	p.must(t, "create unit", http.StatusSeeOther)
	leaf := s.unitByCode("branch-shiraz-1")
	if leaf.ParentID == nil || *leaf.ParentID != fars.ID || leaf.Kind != payesh.UnitBranch {
		t.Errorf("unit stored as %+v", leaf)
	}
	// The code is taken now: said beside the field, typed values kept.
	p = admin.post("/admin/units", url.Values{"kind": {"branch"}, "code": {"branch-shiraz-1"}, "name_fa": {"شعبهٔ دیگر"}})
	p.must(t, "taken code", http.StatusConflict).has(t, "taken code", "این کد قبلاً به کار رفته است", `value="شعبهٔ دیگر"`)

	admin.post("/admin/units/"+paID(leaf.ID)+"/delete", url.Values{"version": {paID(int64(leaf.Version))}}).
		must(t, "delete leaf", http.StatusSeeOther)
	if _, err := s.db.FindOrgUnitByCode(storetest.System(), "branch-shiraz-1"); payesh.ErrorCode(err) != payesh.ENOTFOUND {
		t.Errorf("deleted unit: %v", err)
	}
}

func TestAdminDocumentJalaliDate(t *testing.T) {
	s := newPASite(t)
	admin := s.as("admin", demo.Password)
	p := admin.post("/admin/documents", url.Values{"code": {"plan-7"}, "kind": {"plan"}, "title_fa": {"قانون برنامهٔ هفتم پیشرفت"},
		"issuer": {"مجلس شورای اسلامی"}, "issued_on": {"۱۴۰۳/۰۱/۱۵"}, "note": {"آزمایشی"}})
	p.must(t, "create document", http.StatusSeeOther)
	// The demo's library has a plan of its own (internal/demo/library.go).
	docs, _, err := s.db.FindDocuments(storetest.System(), payesh.DocumentFilter{Kind: payesh.DocPlan})
	docs = slices.DeleteFunc(docs, func(d *payesh.Document) bool { return d.Code != "plan-7" })
	if err != nil || len(docs) != 1 {
		t.Fatalf("plans: %d, %v", len(docs), err)
	}
	want := payesh.FromJalali(jalali.Date{Year: 1403, Month: 1, Day: 15})
	if !docs[0].IssuedOn.Equal(want) {
		t.Errorf("issued on %s, want %s", docs[0].IssuedOn, want)
	}
	edit := admin.get("/admin/documents/"+paID(docs[0].ID)).must(t, "document form", http.StatusOK)
	edit.has(t, "document form", `value="۱۴۰۳/۰۱/۱۵"`, "data-jdp")

	// A date that is no date keeps what was typed and says how to write it.
	p = admin.post("/admin/documents/"+paID(docs[0].ID), url.Values{"code": {"plan-7"}, "kind": {"plan"},
		"title_fa": {"عنوان تازه"}, "issued_on": {"۱۴۰۳/۱۳/۴۰"}, "version": {edit.version(t)}})
	p.must(t, "bad date", http.StatusBadRequest).has(t, "bad date", `value="۱۴۰۳/۱۳/۴۰"`, `value="عنوان تازه"`, "سال/ماه/روز")
	if d, _ := s.db.FindDocumentByID(storetest.System(), docs[0].ID); d.TitleFA != "قانون برنامهٔ هفتم پیشرفت" {
		t.Errorf("a refused form changed the document: %q", d.TitleFA)
	}
}
