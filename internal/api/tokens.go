package api

import (
	"net/http"

	"payesh"
)

// tokenCreated is the answer to a new token: the secret is in this
// response only; the store keeps just its hash.
type tokenCreated struct {
	Token  *payesh.Token `json:"token"`
	Secret string        `json:"secret"`
}

// tokenList is a user's tokens, with the longest lifetime a new one may
// ask for, so a client can offer it.
type tokenList struct {
	Items      []*payesh.Token `json:"items"`
	MaxTTLDays int             `json:"max_ttl_days"`
}

// issueToken issues the signed-in user a token of their own. The body
// carries their current password, whether the request came with a session
// or a token, and ttl_days within the server's maximum (missing: the
// maximum); the store holds the policy.
func (s *server) issueToken(w http.ResponseWriter, r *http.Request) error {
	var in payesh.TokenInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	secret, t, err := s.Users.IssueToken(r.Context(), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, tokenCreated{t, secret})
}

// listMyTokens lists the signed-in user's tokens.
func (s *server) listMyTokens(w http.ResponseWriter, r *http.Request) error {
	return s.writeTokens(w, r, payesh.UserFrom(r.Context()).ID)
}

// listUserTokens lists a user's tokens: one's own, or anyone's for an admin.
func (s *server) listUserTokens(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.writeTokens(w, r, id)
}

func (s *server) writeTokens(w http.ResponseWriter, r *http.Request, userID int64) error {
	list, err := s.Users.FindTokens(r.Context(), userID)
	if err != nil {
		return err
	}
	if list == nil {
		list = []*payesh.Token{}
	}
	return writeJSON(w, http.StatusOK, tokenList{Items: list, MaxTTLDays: maxTTLDays(s.Users)})
}

// revokeToken ends a token at once: one's own, or anyone's for an admin.
func (s *server) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.Users.RevokeToken(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// maxTTLDays is the longest lifetime a new token may ask for, in days.
func maxTTLDays(users payesh.UserService) int {
	return int(users.TokenMaxTTL().Hours() / 24)
}
