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

// CreateToken issues an API token for a user: one's own, or anyone's for an
// admin. ttl 0 means it never expires.
func (db *DB) CreateToken(ctx context.Context, userID int64, name string, ttl time.Duration) (string, *payesh.Token, error) {
	if err := requireSelfOrAdmin(ctx, userID); err != nil {
		return "", nil, err
	}
	name = payesh.NormalizeText(name)
	if err := payesh.ValidateTokenName(name); err != nil {
		return "", nil, err
	}
	secret, hash, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	var token *payesh.Token
	err = db.write(ctx, func(tx *Tx) error {
		if _, err := findUser(ctx, tx, "u.id = $1", userID); err != nil {
			return err
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
