package api

import (
	"net/http"

	"payesh"
)

// userInput is a new user and the password to set; only admins may create
// users, which the store enforces.
type userInput struct {
	Username string      `json:"username"`
	Name     string      `json:"name"`
	Email    string      `json:"email"`
	UnitID   int64       `json:"unit_id"`
	Role     payesh.Role `json:"role"`
	// Active defaults to true: a new account is usually meant to work.
	Active   *bool  `json:"active"`
	Password string `json:"password"`
}

func (s *server) listUsers(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := payesh.UserFilter{
		UnitID: q.id("unit"),
		Role:   enum(q, "role", payesh.Role.Valid),
		Q:      q.str("q"),
		Page:   q.page(),
	}
	if err := q.err(); err != nil {
		return err
	}
	users, total, err := s.Users.FindUsers(r.Context(), f)
	if err != nil {
		return err
	}
	return writeList(w, users, total, f.Page)
}

func (s *server) createUser(w http.ResponseWriter, r *http.Request) error {
	var in userInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	u := &payesh.User{Username: in.Username, Name: in.Name, Email: in.Email, UnitID: in.UnitID, Role: in.Role, Active: true}
	if in.Active != nil {
		u.Active = *in.Active
	}
	if err := s.Users.CreateUser(r.Context(), u, in.Password); err != nil {
		return err
	}
	return writeCreated(w, prefix+"/users", u.ID, u)
}

func (s *server) getUser(w http.ResponseWriter, r *http.Request) error {
	return getRow(w, r, s.Users.FindUserByID)
}

func (s *server) patchUser(w http.ResponseWriter, r *http.Request) error {
	return patchRow(w, r, func(up payesh.UserUpdate) int { return up.Version }, s.Users.UpdateUser)
}

// passwordInput is a new password. Changing one's own needs the current
// one too; an admin resetting another user's does not.
type passwordInput struct {
	Password        string `json:"password"`
	CurrentPassword string `json:"current_password"`
}

// setPassword changes one's own password (with the current one) or, for an
// admin, resets another user's. Either way every token and session of the
// user ends — the token or session of this request too, when it is one's
// own.
func (s *server) setPassword(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in passwordInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if me := payesh.UserFrom(r.Context()); me.ID == id {
		err = s.Users.ChangePassword(r.Context(), in.CurrentPassword, in.Password)
	} else {
		err = s.Users.SetPassword(r.Context(), id, in.Password)
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
