package payesh

import (
	"context"
	"regexp"
	"strings"
	"time"

	"payesh/internal/password"
)

// Role is what a user may do; it applies within the user's unit subtree.
type Role string

const (
	RoleAdmin       Role = "admin"       // everything, including users
	RoleSecretariat Role = "secretariat" // configures and changes all work
	RoleReporter    Role = "reporter"    // changes the work its unit's subtree owns
	RoleViewer      Role = "viewer"      // reads only
)

var Roles = []Role{RoleAdmin, RoleSecretariat, RoleReporter, RoleViewer}

func (r Role) Valid() bool { return contains(Roles, r) }

// User is a person who signs in. A user belongs to one org unit.
type User struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
	Name     string `json:"name"`
	Email    string `json:"email"`
	UnitID   int64  `json:"unit_id"`
	Role     Role   `json:"role"`
	Active   bool   `json:"active"`
	// UnitPath is the materialized path of the user's unit, loaded with the
	// user so that subtree checks need no query.
	UnitPath    string     `json:"-"`
	LastLoginAt *time.Time `json:"last_login_at"`
	Version     int        `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// CanAdminister reports whether u manages users.
func (u *User) CanAdminister() bool { return u != nil && u.Active && u.Role == RoleAdmin }

// CanConfigure reports whether u changes org units, documents and clauses
// and all work.
func (u *User) CanConfigure() bool {
	return u != nil && u.Active && (u.Role == RoleAdmin || u.Role == RoleSecretariat)
}

// CanEditWorkOf reports whether u may change work owned by the unit at
// unitPath: configurers everywhere, reporters within their unit's subtree.
func (u *User) CanEditWorkOf(unitPath string) bool {
	if u.CanConfigure() {
		return true
	}
	return u != nil && u.Active && u.Role == RoleReporter &&
		u.UnitPath != "" && strings.HasPrefix(unitPath, u.UnitPath)
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)

func (u *User) Normalize() {
	u.Username = strings.ToLower(NormalizeText(u.Username))
	u.Name = NormalizeText(u.Name)
	u.Email = NormalizeText(u.Email)
}

func (u *User) Validate() error {
	f := map[string]string{}
	if !usernamePattern.MatchString(u.Username) {
		f["username"] = "err.user.username"
	}
	if u.Name == "" {
		f["name"] = "err.required"
	} else if len([]rune(u.Name)) > 200 {
		f["name"] = "err.too_long"
	}
	if u.Email != "" && (!strings.Contains(u.Email, "@") || len(u.Email) > 254) {
		f["email"] = "err.user.email"
	}
	if u.UnitID == 0 {
		f["unit_id"] = "err.required"
	}
	if !u.Role.Valid() {
		f["role"] = "err.user.role"
	}
	checkText(f, map[string]string{"username": u.Username, "name": u.Name, "email": u.Email})
	return Invalid(f)
}

// MinPasswordLen is the shortest password the policy accepts.
const MinPasswordLen = 10

// ValidatePassword enforces the password policy for the user called
// username: long enough to resist guessing — length beats composition
// rules — and not one of the passwords guessers try first: one on the list
// of common passwords, a character or a short group repeated, a run like
// 1234567890 or abcdefghij, or the username itself (or a password holding
// it). Letter case and the script of digits make no difference.
func ValidatePassword(p, username string) error {
	var key string
	switch {
	case len([]rune(p)) < MinPasswordLen:
		key = "err.user.password_short"
	case len(p) > 256:
		key = "err.too_long"
	case password.ContainsUsername(p, strings.ToLower(NormalizeText(username))):
		key = "err.user.password_username"
	case password.IsTrivial(p):
		key = "err.user.password_pattern"
	case password.IsCommon(p):
		key = "err.user.password_common"
	default:
		return nil
	}
	return Invalid(map[string]string{"password": key})
}

// UserUpdate is a partial change of a user.
type UserUpdate struct {
	Name    *string `json:"name"`
	Email   *string `json:"email"`
	UnitID  *int64  `json:"unit_id"`
	Role    *Role   `json:"role"`
	Active  *bool   `json:"active"`
	Version int     `json:"version"`
}

func (up UserUpdate) Apply(u *User) {
	setIf(&u.Name, up.Name)
	setIf(&u.Email, up.Email)
	setIf(&u.UnitID, up.UnitID)
	setIf(&u.Role, up.Role)
	setIf(&u.Active, up.Active)
}

// UserFilter selects users.
type UserFilter struct {
	UnitID int64 // subtree
	Role   Role
	Q      string
	Page
}

// Token is an API token. Only its hash is stored; the secret is shown once.
// Revoking a token deletes it, so every token listed still works until it
// expires.
type Token struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
}

// Expired reports whether t no longer works at now.
func (t *Token) Expired(now time.Time) bool { return t.ExpiresAt != nil && !t.ExpiresAt.After(now) }

// ActionTokenRevoke is the audit action of an API token's end: revoked by
// its owner or an admin, or ended with the password or the account. The
// event is the user's, with the token as it was before.
const ActionTokenRevoke = "token_revoke"

// DefaultTokenMaxTTL is how long an API token may live unless the server
// is configured otherwise (payesh serve --token-max-ttl): ninety days, so
// a token that leaks or is forgotten dies on its own.
const DefaultTokenMaxTTL = 90 * 24 * time.Hour

// MaxLiveTokens bounds the tokens one person holds at once, so their list
// stays short enough to review.
const MaxLiveTokens = 50

// TokenInput is a person's request for an API token of their own.
type TokenInput struct {
	Name string `json:"name"`
	// TTLDays is the token's lifetime in days, at most the server's
	// maximum; nil means the maximum. A token that never expires is made
	// only on the server, by `payesh token create --ttl 0`.
	TTLDays *int `json:"ttl_days"`
	// Password is the person's current password: whoever holds a session
	// or a token must still know it to mint a new credential.
	Password string `json:"password"`
}

// maxTokenName bounds an API token's name, which only tells tokens apart.
const maxTokenName = 100

// ValidateTokenName checks an API token's name after NormalizeText.
func ValidateTokenName(name string) error {
	f := map[string]string{}
	if name == "" {
		f["name"] = "err.required"
	} else if len([]rune(name)) > maxTokenName {
		f["name"] = "err.too_long"
	}
	checkText(f, map[string]string{"name": name})
	return Invalid(f)
}

// ReauthFailed is the answer to a wrong current password where one is
// asked again (a new token, one's own new password): unauthorized, with
// the field that was wrong, so a form shows it there instead of sending
// the user to sign in.
func ReauthFailed(field string) *Error {
	return &Error{Code: EUNAUTHORIZED, Message: "err.reauth", Fields: map[string]string{field: "err.reauth"}}
}

// UserService manages users, their passwords, API tokens and sessions.
//
// A user's password, tokens and sessions end together: a new password (set
// by the user or reset by an admin) and deactivation end every token and
// every session of the user in the same transaction.
type UserService interface {
	FindUserByID(ctx context.Context, id int64) (*User, error)
	FindUserByUsername(ctx context.Context, username string) (*User, error)
	FindUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	CreateUser(ctx context.Context, u *User, password string) error
	UpdateUser(ctx context.Context, id int64, up UserUpdate) (*User, error)
	// SetPassword resets another user's password (admins, and the system
	// actor for anyone); one's own is changed with ChangePassword.
	SetPassword(ctx context.Context, id int64, password string) error
	// ChangePassword changes the signed-in user's own password, given the
	// current one.
	ChangePassword(ctx context.Context, current, password string) error

	// Authenticate checks a username and password; a wrong pair and an
	// unknown user give the same ErrUnauthorized.
	Authenticate(ctx context.Context, username, password string) (*User, error)

	// CreateToken issues a token as the server's operator (the system
	// actor, i.e. the command line): for any user, with any lifetime; ttl
	// 0 never expires. People use IssueToken.
	CreateToken(ctx context.Context, userID int64, name string, ttl time.Duration) (secret string, t *Token, err error)
	// IssueToken issues the signed-in user a token of their own, after
	// checking their password, within the maximum lifetime.
	IssueToken(ctx context.Context, in TokenInput) (secret string, t *Token, err error)
	// FindTokens lists a user's tokens, newest first: one's own, or
	// anyone's for an admin. Secrets and hashes are never returned.
	FindTokens(ctx context.Context, userID int64) ([]*Token, error)
	// RevokeToken ends a token at once: one's own, or anyone's for an admin.
	RevokeToken(ctx context.Context, id int64) error
	// TokenMaxTTL is the longest lifetime IssueToken grants.
	TokenMaxTTL() time.Duration
	UserByToken(ctx context.Context, secret string) (*User, error)

	CreateSession(ctx context.Context, userID int64, ttl time.Duration) (secret string, err error)
	UserBySession(ctx context.Context, secret string) (*User, error)
	DeleteSession(ctx context.Context, secret string) error
}

// ReadScope is what a signed-in user may read. It is the one statement of
// the read rule; the store applies it to every read, and pages consult it
// only to leave out what the store would refuse.
//
//	reader                          work                                indicators            values not approved    roll-ups, provisional basis
//	admins, the secretariat         all                                 all                   all                    everywhere
//	headquarters (ReachNational)    all                                 all                   its chain's            everywhere
//	a province, a unit under one    its province's subtree, national    all                   its chain's            its own subtree
//	an external partner             what its subtree owns or shares     linked to that work   its chain's            nowhere
//
// Work is read when the reader may read its owner (its subtree, or
// national work — owned by a headquarters unit — for a province) or one of
// its partner units is in the reader's subtree. A value that is not
// approved (draft, submitted, returned) is read only up its unit's chain,
// by the unit and its ancestors, and by admins and the secretariat;
// everyone who reads its indicator reads it once approved. Roll-ups are
// read with their indicator on the approved basis; on the provisional
// basis, which counts submitted values, only where the table says. A
// unit's report is read by its chain and the secretariat.
//
// What is out of scope does not exist for the reader: one object asked
// for answers not found, lists leave it out, and a number asked for on the
// provisional basis where the reader may not have it is answered on the
// approved basis, which it states (Rollup.Basis, Score.Basis).
type ReadScope struct {
	// Reach is where the reader's unit sits; admins and the secretariat
	// read as ReachNational.
	Reach Reach
	// Root is the subtree the reader reads as its own: its province's
	// (ReachProvince) or its own unit's (ReachPartner); "" otherwise.
	Root string
	// Unit is the path of the reader's unit: values not yet approved are
	// read up its chain.
	Unit string
	// AllValues is set for admins and the secretariat, who read every
	// value and every report.
	AllValues bool
}

// NewReadScope is u's scope; unit finds the org units on u's path (the
// store's cached tree).
func NewReadScope(u *User, unit func(id int64) *OrgUnit) ReadScope {
	if u == nil || !u.Active {
		return ReadScope{}
	}
	if u.CanConfigure() {
		return ReadScope{Reach: ReachNational, Unit: u.UnitPath, AllValues: true}
	}
	reach, root := ReachOf(u.UnitPath, unit)
	return ReadScope{Reach: reach, Root: root, Unit: u.UnitPath}
}

// Everything reports whether the reader reads all work and indicators.
func (s ReadScope) Everything() bool { return s.Reach == ReachNational }

// Partner reports whether the reader is an external partner, who reads
// only the indicators linked to work it reads.
func (s ReadScope) Partner() bool { return s.Reach == ReachPartner }

// Nothing reports whether the reader reads no work at all.
func (s ReadScope) Nothing() bool { return s.Reach == ReachNone }

// Within reports whether the unit at path is in the subtree the reader
// reads as its own (everywhere, for Everything).
func (s ReadScope) Within(path string) bool {
	return s.Everything() || IsUnder(path, s.Root)
}

// ReadsWork reports whether the reader reads work owned by the unit at
// ownerPath — national when that unit is headquarters — with partner
// units at partnerPaths.
func (s ReadScope) ReadsWork(ownerPath string, national bool, partnerPaths []string) bool {
	if s.Within(ownerPath) || s.Reach == ReachProvince && national {
		return true
	}
	for _, p := range partnerPaths {
		if s.Within(p) {
			return true
		}
	}
	return false
}

// ReadsValue reports whether the reader, who reads the value's indicator,
// reads a value of the unit at unitPath in state st.
func (s ReadScope) ReadsValue(unitPath string, st ValueState) bool {
	return s.AllValues || st == ValueApproved || IsUnder(unitPath, s.Unit)
}

// ReadsProvisional reports whether the reader reads numbers of the unit
// at unitPath on the provisional basis.
func (s ReadScope) ReadsProvisional(unitPath string) bool {
	return s.Everything() || s.Reach == ReachProvince && IsUnder(unitPath, s.Unit)
}

// Basis is b when the reader may read the unit at unitPath on it, else
// the approved basis.
func (s ReadScope) Basis(unitPath string, b Basis) Basis {
	if b == BasisProvisional && !s.ReadsProvisional(unitPath) {
		return BasisApproved
	}
	return b
}

// ReadsReport reports whether the reader reads the report of the unit at
// unitPath: up its chain, and admins and the secretariat.
func (s ReadScope) ReadsReport(unitPath string) bool {
	return s.AllValues || IsUnder(unitPath, s.Unit)
}

// CanReportOn reports whether u may post progress on work owned by the
// unit at ownerPath with partner units at partnerPaths: whoever may change
// the owner's work, and a reporter whose subtree holds one of the
// partners. Partners report on shared work; changing its plan stays the
// owner's (CanEditWorkOf).
func (u *User) CanReportOn(ownerPath string, partnerPaths []string) bool {
	if u.CanEditWorkOf(ownerPath) {
		return true
	}
	for _, p := range partnerPaths {
		if u.CanEditWorkOf(p) {
			return true
		}
	}
	return false
}
