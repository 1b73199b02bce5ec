package web

import (
	"net/http"
	"net/url"
	"strconv"

	"payesh"
	"payesh/internal/i18n"
)

// usersPage is the list of users with its filter.
type usersPage struct {
	Users []*payesh.User
	Units map[int64]*payesh.OrgUnit
	Roles []option
	Pager pager
}

// adminUsers lists users, filtered by name or username (q) and role.
func (s *server) adminUsers(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := payesh.UserFilter{Q: q.Get("q"), Page: pageOf(r, payesh.DefaultLimit)}
	if role := payesh.Role(q.Get("role")); role.Valid() {
		f.Role = role
	}
	d := usersPage{Roles: keyOptions(langOf(r), "ui.admin.role.", payesh.Roles)}
	var total int
	var err error
	if d.Users, total, err = s.Users.FindUsers(r.Context(), f); err != nil {
		return err
	}
	d.Pager = newPager(r, total, f.Page)
	if d.Units, err = s.unitMap(r); err != nil {
		return err
	}
	// The filter form reads its values back from the query.
	return s.renderForm(w, r, http.StatusOK, "admin_users", "ui.admin.users", d, q, nil)
}

// userPage is the form of a new user or of an existing one.
type userPage struct {
	formPage
	User  *payesh.User // nil for a new user
	Units []option
	Roles []option
	// Tokens are an existing user's API tokens, each with its revoke form.
	Tokens tokenTable
	// Self is set on the admin's own page, where the password is changed
	// with the current one, on the account page, not here.
	Self bool
}

func (s *server) userPage(r *http.Request, u *payesh.User) (*userPage, error) {
	units, err := s.allUnits(r)
	if err != nil {
		return nil, err
	}
	lang := langOf(r)
	d := &userPage{formPage: formPage{New: u == nil}, User: u,
		Units: unitOptions(lang, units, ""), Roles: keyOptions(lang, "ui.admin.role.", payesh.Roles)}
	if u != nil {
		d.Self = u.ID == user(r).ID
		revoke := "/admin/users/" + strconv.FormatInt(u.ID, 10) + "/tokens/"
		if d.Tokens, err = s.tokenTable(r, u.ID, revoke, "ui.tokens.empty_user"); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// userForm is a user as the edit form shows it.
func userForm(u *payesh.User) url.Values {
	f := url.Values{"name": {u.Name}, "email": {u.Email}, "unit_id": {strconv.FormatInt(u.UnitID, 10)},
		"role": {string(u.Role)}, "version": {strconv.Itoa(u.Version)}}
	if u.Active {
		f.Set("active", "1")
	}
	return f
}

func (s *server) adminUserNew(w http.ResponseWriter, r *http.Request) error {
	d, err := s.userPage(r, nil)
	if err != nil {
		return err
	}
	form := url.Values{"role": {string(payesh.RoleViewer)}}
	// From the desk's setup checklist: a user for a unit that has none,
	// who will report for it.
	if id, err := strconv.ParseInt(r.URL.Query().Get("unit"), 10, 64); err == nil && id > 0 {
		form.Set("unit_id", strconv.FormatInt(id, 10))
		form.Set("role", string(payesh.RoleReporter))
	}
	return s.renderForm(w, r, http.StatusOK, "admin_user", "ui.admin.user_new", d, form, nil)
}

// adminUserCreate adds a user. Every problem, including a repeated
// password that does not match, is shown at once and nothing is saved.
func (s *server) adminUserCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	u := &payesh.User{Username: f.String("username"), Name: f.String("name"), Email: f.String("email"),
		UnitID: f.ID("unit_id"), Role: payesh.Role(f.String("role")), Active: true}
	pw := f.r.PostForm.Get("password")
	if pw != f.r.PostForm.Get("password_repeat") {
		f.fail("password_repeat", "err.admin.password_mismatch")
	}
	fail := func(status int, errs map[string]string) error {
		d, err := s.userPage(r, nil)
		if err != nil {
			return err
		}
		return s.renderForm(w, r, status, "admin_user", "ui.admin.user_new", d, withoutSecrets(r.PostForm), errs)
	}
	if f.Err() != nil {
		u.Normalize()
		mergeFields(f.errors, u.Validate())
		mergeFields(f.errors, payesh.ValidatePassword(pw, u.Username))
		return fail(http.StatusBadRequest, f.errors)
	}
	if err := s.Users.CreateUser(r.Context(), u, pw); err != nil {
		if fl, ok := failureOf(err); ok {
			return fail(fl.status, fl.fields)
		}
		return err
	}
	return adminRedirect(w, r, "/admin/users", "ui.admin.flash.user_created")
}

func (s *server) adminUserEdit(w http.ResponseWriter, r *http.Request) error {
	u, err := s.findUser(r)
	if err != nil {
		return err
	}
	d, err := s.userPage(r, u)
	if err != nil {
		return err
	}
	return s.renderForm(w, r, http.StatusOK, "admin_user", "ui.admin.user_edit", d, userForm(u), nil)
}

func (s *server) findUser(r *http.Request) (*payesh.User, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.Users.FindUserByID(r.Context(), id)
}

// adminUserUpdate saves a user's profile, unit, role and activity. An
// admin cannot take away their own admin role or deactivate themselves,
// which would lock them out mid-session.
func (s *server) adminUserUpdate(w http.ResponseWriter, r *http.Request) error {
	u, err := s.findUser(r)
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	name, email, unit := f.String("name"), f.String("email"), f.ID("unit_id")
	role, active := payesh.Role(f.String("role")), f.Has("active")
	up := payesh.UserUpdate{Name: &name, Email: &email, UnitID: &unit, Role: &role, Active: &active, Version: f.Int("version")}
	if me := user(r); me.ID == u.ID && (role != payesh.RoleAdmin || !active) {
		f.fail("role", "err.admin.self_lockout")
	}
	if f.Err() != nil {
		c := *u
		up.Apply(&c)
		c.Normalize()
		mergeFields(f.errors, c.Validate())
		return s.userEditFailed(w, r, u, failure{status: http.StatusBadRequest, fields: f.errors})
	}
	if _, err := s.Users.UpdateUser(r.Context(), u.ID, up); err != nil {
		fl, ok := failureOf(err)
		if !ok {
			return err
		}
		return s.userEditFailed(w, r, u, fl)
	}
	return adminRedirect(w, r, "/admin/users", "ui.admin.flash.user_saved")
}

// userEditFailed shows the edit form again with what was typed, and on a
// conflict the user as someone else saved it.
func (s *server) userEditFailed(w http.ResponseWriter, r *http.Request, u *payesh.User, fl failure) error {
	d, err := s.userPage(r, u)
	if err != nil {
		return err
	}
	form := withoutSecrets(r.PostForm)
	if cur, ok := fl.current.(*payesh.User); ok {
		d.Conflict, form = s.userFacts(r, cur), withVersion(r.PostForm, cur.Version)
	}
	return s.renderForm(w, r, fl.status, "admin_user", "ui.admin.user_edit", d, form, fl.fields)
}

// userFacts is the user as someone else saved it.
func (s *server) userFacts(r *http.Request, u *payesh.User) []fact {
	lang := langOf(r)
	unit := strconv.FormatInt(u.UnitID, 10)
	if ou, err := s.Units.FindOrgUnitByID(r.Context(), u.UnitID); err == nil {
		unit = pick(lang, ou.NameFA, ou.NameEN)
	}
	active := i18n.T(lang, "ui.admin.no")
	if u.Active {
		active = i18n.T(lang, "ui.admin.yes")
	}
	return []fact{
		{i18n.T(lang, "ui.admin.name"), u.Name},
		{i18n.T(lang, "ui.admin.email"), u.Email},
		{i18n.T(lang, "ui.admin.unit"), unit},
		{i18n.T(lang, "ui.admin.role"), i18n.T(lang, "ui.admin.role."+string(u.Role))},
		{i18n.T(lang, "ui.admin.active"), active},
	}
}

// adminUserPassword resets another user's password; every session and
// API token of that user ends. An admin's own password is changed on the
// account page, with the current one.
func (s *server) adminUserPassword(w http.ResponseWriter, r *http.Request) error {
	u, err := s.findUser(r)
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	pw := f.r.PostForm.Get("password")
	if u.ID == user(r).ID {
		f.fail("password", "err.user.current_password")
	}
	if pw != f.r.PostForm.Get("password_repeat") {
		f.fail("password_repeat", "err.admin.password_mismatch")
	}
	mergeFields(f.errors, payesh.ValidatePassword(pw, u.Username))
	status := http.StatusBadRequest
	if f.Err() == nil {
		err := s.Users.SetPassword(r.Context(), u.ID, pw)
		if err == nil {
			return adminRedirect(w, r, "/admin/users/"+strconv.FormatInt(u.ID, 10), "ui.admin.flash.password_set")
		}
		fl, ok := failureOf(err)
		if !ok {
			return err
		}
		status, f.errors = fl.status, fl.fields
	}
	d, err := s.userPage(r, u)
	if err != nil {
		return err
	}
	return s.renderForm(w, r, status, "admin_user", "ui.admin.user_edit", d, userForm(u), f.errors)
}
