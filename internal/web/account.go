package web

import (
	"errors"
	"net/http"

	"payesh"
	"payesh/internal/login"
)

// accountPage is the signed-in user's account: who they are, and the way
// to their password and API tokens.
type accountPage struct {
	Me   *payesh.User
	Unit *payesh.OrgUnit // nil when the unit cannot be read
}

// account shows the signed-in user's account; the user's name in the top
// bar links here.
func (s *server) account(w http.ResponseWriter, r *http.Request) error {
	me, err := s.Users.FindUserByID(r.Context(), user(r).ID)
	if err != nil {
		return err
	}
	d := accountPage{Me: me}
	if ou, err := s.Units.FindOrgUnitByID(r.Context(), me.UnitID); err == nil {
		d.Unit = ou
	}
	v := s.newView(r, "ui.account.title", d)
	return s.render(w, r, http.StatusOK, "account", v)
}

// accountPassword shows the form that changes one's own password.
func (s *server) accountPassword(w http.ResponseWriter, r *http.Request) error {
	return s.renderForm(w, r, http.StatusOK, "account_password", "ui.password.title", nil, nil, nil)
}

// accountPasswordSave changes the signed-in user's password, given the
// current one. The store ends every session and token of the user, this
// browser's session too; a new one is then opened for this browser alone.
// The person who just proved they know both passwords is the one at this
// browser, and signing them out would only make them type the new password
// at once — while every other session, which might be a stolen cookie or a
// forgotten computer, is what a new password is meant to end.
func (s *server) accountPasswordSave(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	current, pw := f.r.PostForm.Get("current_password"), f.r.PostForm.Get("password")
	if pw != f.r.PostForm.Get("password_repeat") {
		f.fail("password_repeat", "err.admin.password_mismatch")
	}
	me := user(r)
	if current == "" {
		f.fail("current_password", "err.required")
	}
	mergeFields(f.errors, payesh.ValidatePassword(pw, me.Username))
	if f.Err() == nil {
		err := s.Users.ChangePassword(r.Context(), current, pw)
		if err == nil {
			secret, err := s.Users.CreateSession(r.Context(), me.ID, login.SessionTTL)
			if err != nil {
				return err
			}
			http.SetCookie(w, sessionCookie(r, secret, login.SessionTTL))
			return adminRedirect(w, r, "/account", "ui.account.flash.password_changed")
		}
		fields, ok := credentialFields(err)
		if !ok {
			return err
		}
		f.errors = fields
	}
	return s.renderForm(w, r, http.StatusBadRequest, "account_password", "ui.password.title", nil, nil, f.errors)
}

// credentialFields returns the field errors of a write that asked for the
// current password: the validation errors, or the wrong password on its
// field. A wrong password is the form's business here, not a reason to
// send the user to the sign-in page as other 401s do.
func credentialFields(err error) (map[string]string, bool) {
	var e *payesh.Error
	if !errors.As(err, &e) {
		return nil, false
	}
	switch {
	case e.Code == payesh.EUNAUTHORIZED && len(e.Fields) > 0:
		return e.Fields, true
	case e.Code == payesh.EINVALID:
		f, _ := fieldErrors(err)
		return f, true
	}
	return nil, false
}
