package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"payesh"
	"payesh/internal/jalali"
)

// tokenRow is one API token as the lists show it.
type tokenRow struct {
	*payesh.Token
	Expired bool
}

// tokenTable is what the token-table partial shows: the rows, where each
// row's revoke form posts (Revoke + id + "/revoke") and the text when there
// are none.
type tokenTable struct {
	Rows   []tokenRow
	Revoke string
	Empty  string // message key
}

func (s *server) tokenTable(r *http.Request, userID int64, revoke, empty string) (tokenTable, error) {
	list, err := s.Users.FindTokens(r.Context(), userID)
	if err != nil {
		return tokenTable{}, err
	}
	now := s.Now()
	t := tokenTable{Revoke: revoke, Empty: empty, Rows: make([]tokenRow, len(list))}
	for i, tok := range list {
		t.Rows[i] = tokenRow{tok, tok.Expired(now)}
	}
	return t, nil
}

// tokensPage is the signed-in user's API tokens: the list, the form of a
// new one and, right after it is made, its secret, shown this once.
type tokensPage struct {
	Table   tokenTable
	MaxDays int
	Secret  string // the new token's secret, on the answer to its creation only
}

func (s *server) tokensPage(r *http.Request) (*tokensPage, error) {
	t, err := s.tokenTable(r, user(r).ID, "/account/tokens/", "ui.tokens.empty")
	if err != nil {
		return nil, err
	}
	return &tokensPage{Table: t, MaxDays: int(s.Users.TokenMaxTTL() / (24 * time.Hour))}, nil
}

// accountTokens lists the signed-in user's API tokens.
func (s *server) accountTokens(w http.ResponseWriter, r *http.Request) error {
	d, err := s.tokensPage(r)
	if err != nil {
		return err
	}
	return s.renderForm(w, r, http.StatusOK, "account_tokens", "ui.tokens.title", d, nil, nil)
}

// accountTokenCreate makes a token for the signed-in user, who types their
// password again. The answer is the page itself with the secret, not a
// redirect: the secret must never travel in an address, and it is shown
// this once (the page is not cached).
func (s *server) accountTokenCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	in := payesh.TokenInput{Name: f.String("name"), Password: f.r.PostForm.Get("password")}
	if days := jalali.ToLatinDigits(f.String("ttl_days")); days != "" {
		n, err := strconv.Atoi(days)
		if err != nil {
			f.fail("ttl_days", "err.number")
		}
		in.TTLDays = &n
	}
	var secret string
	status := http.StatusBadRequest
	if f.Err() == nil {
		var ierr error
		if secret, _, ierr = s.Users.IssueToken(r.Context(), in); ierr != nil {
			fields, ok := credentialFields(ierr)
			if !ok {
				fl, isForm := failureOf(ierr) // too many tokens: a message on the form
				if !isForm {
					return ierr
				}
				fields, status = fl.fields, fl.status
			}
			f.errors = fields
		}
	}
	d, err := s.tokensPage(r)
	if err != nil {
		return err
	}
	if len(f.errors) > 0 {
		form := url.Values{"name": {in.Name}, "ttl_days": {f.String("ttl_days")}}
		return s.renderForm(w, r, status, "account_tokens", "ui.tokens.title", d, form, f.errors)
	}
	d.Secret = secret
	return s.renderForm(w, r, http.StatusOK, "account_tokens", "ui.tokens.title", d, nil, nil)
}

// accountTokenRevoke revokes one of the signed-in user's tokens; the store
// answers "not found" for anyone else's.
func (s *server) accountTokenRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.Users.RevokeToken(r.Context(), id); err != nil {
		return err
	}
	return adminRedirect(w, r, "/account/tokens", "ui.tokens.flash.revoked")
}

// adminUserTokenRevoke revokes one of a user's tokens from the admin's
// page of that user; a token of another user is not found there.
func (s *server) adminUserTokenRevoke(w http.ResponseWriter, r *http.Request) error {
	u, err := s.findUser(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "token")
	if err != nil {
		return err
	}
	list, err := s.Users.FindTokens(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if !hasToken(list, id) {
		return payesh.NotFound("token")
	}
	if err := s.Users.RevokeToken(r.Context(), id); err != nil {
		return err
	}
	return adminRedirect(w, r, "/admin/users/"+strconv.FormatInt(u.ID, 10), "ui.tokens.flash.revoked")
}

func hasToken(list []*payesh.Token, id int64) bool {
	for _, t := range list {
		if t.ID == id {
			return true
		}
	}
	return false
}
