package payesh

import (
	"context"
	"regexp"
	"strings"
	"time"
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

// ValidatePassword enforces the password policy: long enough to resist
// guessing; length beats composition rules.
func ValidatePassword(p string) error {
	if len([]rune(p)) < 10 {
		return Invalid(map[string]string{"password": "err.user.password_short"})
	}
	if len(p) > 256 {
		return Invalid(map[string]string{"password": "err.too_long"})
	}
	return nil
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
type Token struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
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

// UserService manages users, their passwords, API tokens and sessions.
type UserService interface {
	FindUserByID(ctx context.Context, id int64) (*User, error)
	FindUserByUsername(ctx context.Context, username string) (*User, error)
	FindUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	CreateUser(ctx context.Context, u *User, password string) error
	UpdateUser(ctx context.Context, id int64, up UserUpdate) (*User, error)
	SetPassword(ctx context.Context, id int64, password string) error

	// Authenticate checks a username and password; a wrong pair and an
	// unknown user give the same ErrUnauthorized.
	Authenticate(ctx context.Context, username, password string) (*User, error)

	CreateToken(ctx context.Context, userID int64, name string, ttl time.Duration) (secret string, t *Token, err error)
	UserByToken(ctx context.Context, secret string) (*User, error)

	CreateSession(ctx context.Context, userID int64, ttl time.Duration) (secret string, err error)
	UserBySession(ctx context.Context, secret string) (*User, error)
	DeleteSession(ctx context.Context, secret string) error
}
