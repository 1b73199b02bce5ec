package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"time"

	"payesh"
	"payesh/internal/password"
)

// Secrets are 32 random bytes; the database keeps only their SHA-256, so a
// leaked backup reveals no usable token or session.
func newSecret() (secret, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	secret = base64.RawURLEncoding.EncodeToString(b)
	return secret, hashSecret(secret), nil
}

func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// isSystem reports whether u is the system actor (the command line, the
// demo loader), which is no person and has no id.
func isSystem(u *payesh.User) bool { return u != nil && u.ID == 0 }

// day is the unit of a token's lifetime as people ask for it.
const day = 24 * time.Hour

// TokenMaxTTL is the longest lifetime IssueToken grants (Options.TokenMaxTTL).
func (db *DB) TokenMaxTTL() time.Duration { return db.tokenMaxTTL }

// CreateToken issues an API token as the server's operator: only the system
// actor (the command line) may, for any user and with any lifetime; ttl 0
// means it never expires. People ask for theirs through IssueToken, which
// checks their password and keeps to the maximum lifetime.
func (db *DB) CreateToken(ctx context.Context, userID int64, name string, ttl time.Duration) (string, *payesh.Token, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return "", nil, err
	}
	if !isSystem(u) {
		return "", nil, payesh.ErrForbidden
	}
	name = payesh.NormalizeText(name)
	if err := payesh.ValidateTokenName(name); err != nil {
		return "", nil, err
	}
	if ttl < 0 {
		return "", nil, payesh.Invalid(map[string]string{"ttl": "err.negative"})
	}
	return db.insertToken(ctx, userID, name, ttl)
}

// IssueToken issues the signed-in user a token of their own. The request
// carries the user's current password, checked before anything is written,
// so a stolen session — or a stolen token, which could otherwise renew
// itself forever — cannot mint a new credential. The lifetime is
// TTLDays, at most the maximum (nil means the maximum); a token that never
// expires is refused, since only the operator may make one.
func (db *DB) IssueToken(ctx context.Context, in payesh.TokenInput) (string, *payesh.Token, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return "", nil, err
	}
	if isSystem(u) {
		return "", nil, payesh.ErrForbidden // the system has no password; it uses CreateToken
	}
	name := payesh.NormalizeText(in.Name)
	f := map[string]string{}
	ttl := db.tokenMaxTTL
	switch maxDays := int(db.tokenMaxTTL / day); {
	case in.TTLDays == nil:
	case *in.TTLDays <= 0:
		f["ttl_days"] = "err.token.ttl_never"
	case *in.TTLDays > maxDays:
		f["ttl_days"] = "err.token.ttl_max"
	default:
		ttl = time.Duration(*in.TTLDays) * day
	}
	if in.Password == "" {
		f["password"] = "err.required"
	}
	if err := firstInvalid(payesh.ValidateTokenName(name), payesh.Invalid(f)); err != nil {
		return "", nil, err
	}
	if err := db.reauthenticate(ctx, u.ID, in.Password, "password"); err != nil {
		return "", nil, err
	}
	return db.insertToken(ctx, u.ID, name, ttl)
}

// reauthenticate checks the current password of user id, asked again
// before a sensitive change; a wrong one is ReauthFailed on field. It costs the
// same hashing time as a sign-in, which is all that slows down guessing
// through it.
func (db *DB) reauthenticate(ctx context.Context, id int64, pw, field string) error {
	if !payesh.Storable(pw) {
		password.Verify(pw, db.dummyHash())
		return payesh.ReauthFailed(field)
	}
	var hash string
	err := db.db.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = $1 AND active = 1`, id).Scan(&hash)
	if err == sql.ErrNoRows {
		return payesh.ErrUnauthorized
	} else if err != nil {
		return err
	}
	if ok, err := password.Verify(pw, hash); err != nil || !ok {
		return payesh.ReauthFailed(field)
	}
	return nil
}

// insertToken writes a token for userID that lives ttl (0: for ever), with
// its audit event. A person's expired tokens are swept on the way, and
// their live ones are bounded by payesh.MaxLiveTokens.
func (db *DB) insertToken(ctx context.Context, userID int64, name string, ttl time.Duration) (string, *payesh.Token, error) {
	secret, hash, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	var token *payesh.Token
	err = db.write(ctx, func(tx *Tx) error {
		if _, err := findUser(ctx, tx, "u.id = $1", userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM api_tokens WHERE user_id = $1 AND expires_at <= $2`, userID, tx.now); err != nil {
			return err
		}
		if !isSystem(tx.actor) {
			var live int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM api_tokens WHERE user_id = $1`, userID).Scan(&live); err != nil {
				return err
			}
			if live >= payesh.MaxLiveTokens {
				return payesh.Errorf(payesh.ECONFLICT, "err.token.too_many")
			}
		}
		t := &payesh.Token{UserID: userID, Name: name, CreatedAt: tx.now}
		if ttl > 0 {
			exp := tx.now.Add(ttl)
			t.ExpiresAt = &exp
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, hash, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, userID, name, hash, tx.now, t.ExpiresAt).Scan(&t.ID)
		if err != nil {
			return err
		}
		if err := tx.audit("user", userID, payesh.ActionToken, nil, t); err != nil {
			return err
		}
		token = t
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	return secret, token, nil
}

// maxListedTokens bounds a token list: a person holds at most
// MaxLiveTokens, and expired ones are swept when the next is made, but the
// command line may make any number.
const maxListedTokens = 500

const tokenColumns = `t.id, t.user_id, t.name, t.created_at, t.expires_at, t.last_used_at`

func scanToken(r interface{ Scan(...any) error }) (*payesh.Token, error) {
	var t payesh.Token
	var exp, used sql.NullTime
	if err := r.Scan(&t.ID, &t.UserID, &t.Name, &t.CreatedAt, &exp, &used); err != nil {
		return nil, err
	}
	if exp.Valid {
		t.ExpiresAt = &exp.Time
	}
	if used.Valid {
		t.LastUsedAt = &used.Time
	}
	return &t, nil
}

// FindTokens lists a user's tokens, newest first, expired ones included
// until they are swept: one's own, or anyone's for an admin.
func (db *DB) FindTokens(ctx context.Context, userID int64) ([]*payesh.Token, error) {
	if err := requireSelfOrAdmin(ctx, userID); err != nil {
		return nil, err
	}
	if _, err := findUser(ctx, db.db, "u.id = $1", userID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens t WHERE t.user_id = $1
		ORDER BY t.created_at DESC, t.id DESC LIMIT $2`, userID, maxListedTokens)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.Token, error) { return scanToken(r) })
}

// RevokeToken deletes a token, which stops working at once: one's own, or
// anyone's for an admin. Someone else's token is not found, as if it did
// not exist.
func (db *DB) RevokeToken(ctx context.Context, id int64) error {
	if _, err := requireUser(ctx); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		t, err := scanToken(tx.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens t WHERE t.id = $1`, id))
		if err != nil {
			return notFoundIfNoRows(err, "token")
		}
		if t.UserID != tx.actor.ID && !tx.actor.CanAdminister() {
			return payesh.NotFound("token")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM api_tokens WHERE id = $1`, id); err != nil {
			return err
		}
		return tx.audit("user", t.UserID, payesh.ActionTokenRevoke, t, nil)
	})
}

// endCredentials ends every token and session of a user, in the
// transaction that changes their password or deactivates them; each token
// gets its revoke event, so the trail says which ones died.
func (tx *Tx) endCredentials(userID int64) error {
	rows, err := tx.QueryContext(tx.ctx, `SELECT `+tokenColumns+` FROM api_tokens t WHERE t.user_id = $1 ORDER BY t.id`, userID)
	if err != nil {
		return err
	}
	tokens, err := scanAll(rows, func(r *sql.Rows) (*payesh.Token, error) { return scanToken(r) })
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(tx.ctx, `DELETE FROM api_tokens WHERE user_id = $1`, userID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(tx.ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
		return err
	}
	if len(tokens) == 0 {
		return nil
	}
	events := make([]auditEvent, len(tokens))
	for i, t := range tokens {
		events[i] = auditEvent{entity: "user", id: userID, action: payesh.ActionTokenRevoke, before: t}
	}
	return tx.auditMany(events)
}

// UserByToken authenticates an API token.
func (db *DB) UserByToken(ctx context.Context, secret string) (*payesh.User, error) {
	u, err := db.userBySecret(ctx, `api_tokens t ON t.user_id = u.id`, `t.hash = $1 AND (t.expires_at IS NULL OR t.expires_at > $2)`, secret)
	if err != nil {
		return nil, err
	}
	// A token's last use is kept to the minute: written on every request
	// it would make each API read a write, and writes queue on SQLite.
	now := db.timestamp()
	_, err = db.db.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1
		WHERE hash = $2 AND (last_used_at IS NULL OR last_used_at < $3)`, now, hashSecret(secret), now.Add(-tokenUseGrain))
	return u, err
}

// tokenUseGrain is how precisely a token's last use is recorded.
const tokenUseGrain = time.Minute

// CreateSession starts a browser session for a user who has authenticated.
func (db *DB) CreateSession(ctx context.Context, userID int64, ttl time.Duration) (string, error) {
	secret, hash, err := newSecret()
	if err != nil {
		return "", err
	}
	now := db.timestamp()
	// Expired sessions are swept here, on the path every sign-in takes.
	if _, err := db.db.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, now); err != nil {
		return "", err
	}
	_, err = db.db.ExecContext(ctx, `INSERT INTO sessions (hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
		hash, userID, now, now.Add(ttl))
	return secret, err
}

// UserBySession authenticates a session cookie.
func (db *DB) UserBySession(ctx context.Context, secret string) (*payesh.User, error) {
	return db.userBySecret(ctx, `sessions s ON s.user_id = u.id`, `s.hash = $1 AND s.expires_at > $2`, secret)
}

// DeleteSession ends a session.
func (db *DB) DeleteSession(ctx context.Context, secret string) error {
	_, err := db.db.ExecContext(ctx, `DELETE FROM sessions WHERE hash = $1`, hashSecret(secret))
	return err
}

func (db *DB) userBySecret(ctx context.Context, join, cond, secret string) (*payesh.User, error) {
	if secret == "" {
		return nil, payesh.ErrUnauthorized
	}
	u, err := scanUser(db.db.QueryRowContext(ctx, `SELECT `+userColumns+userFrom+` JOIN `+join+
		` WHERE u.active = 1 AND `+cond, hashSecret(secret), db.timestamp()))
	if err == sql.ErrNoRows {
		return nil, payesh.ErrUnauthorized
	}
	return u, err
}
