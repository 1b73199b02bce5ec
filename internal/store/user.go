package store

import (
	"context"
	"database/sql"
	"strings"

	"payesh"
	"payesh/internal/password"
)

const userColumns = `u.id, u.username, u.name, u.email, u.unit_id, u.role, u.active, u.last_login_at,
	u.version, u.created_at, u.updated_at, ou.path`

const userFrom = ` FROM users u JOIN org_units ou ON ou.id = u.unit_id`

func scanUser(r interface{ Scan(...any) error }) (*payesh.User, error) {
	var u payesh.User
	var last sql.NullTime
	err := r.Scan(&u.ID, &u.Username, &u.Name, &u.Email, &u.UnitID, &u.Role, &u.Active, &last,
		&u.Version, &u.CreatedAt, &u.UpdatedAt, &u.UnitPath)
	if last.Valid {
		u.LastLoginAt = &last.Time
	}
	return &u, err
}

func findUser(ctx context.Context, q queryer, cond string, arg any) (*payesh.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+userFrom+` WHERE `+cond, arg))
	return u, notFoundIfNoRows(err, "user")
}

// requireSelfOrAdmin lets users read their own row and admins every row.
func requireSelfOrAdmin(ctx context.Context, id int64) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if u.ID != id && !u.CanAdminister() {
		return payesh.ErrForbidden
	}
	return nil
}

// FindUserByID returns a user: oneself, or anyone for an admin.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*payesh.User, error) {
	if err := requireSelfOrAdmin(ctx, id); err != nil {
		return nil, err
	}
	return findUser(ctx, db.db, "u.id = $1", id)
}

// FindUserByUsername returns a user by name (admins only).
func (db *DB) FindUserByUsername(ctx context.Context, username string) (*payesh.User, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	if !payesh.Storable(username) {
		return nil, payesh.NotFound("user") // no stored name has a NUL byte
	}
	return findUser(ctx, db.db, "u.username = $1", username)
}

// FindUsers lists users in Persian dictionary order of their names
// (admins only).
func (db *DB) FindUsers(ctx context.Context, f payesh.UserFilter) ([]*payesh.User, int, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, 0, err
	}
	w := &where{}
	if f.UnitID != 0 {
		w.add("ou.path LIKE (SELECT path FROM org_units WHERE id = ?) || '%'", f.UnitID)
	}
	if f.Role != "" {
		w.add("u.role = ?", f.Role)
	}
	if f.Q != "" {
		w.add(`(`+foldedColumn("u.name")+` LIKE ? ESCAPE '\' OR u.username LIKE ? ESCAPE '\')`, likeFolded(f.Q), like(f.Q))
	}
	total, err := db.count(ctx, "users u JOIN org_units ou ON ou.id = u.unit_id", w)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+userColumns+userFrom+w.String()+` ORDER BY u.sort_key, u.username, u.id`+pageSQL(f.Page), w.args...)
	if err != nil {
		return nil, 0, err
	}
	users, err := scanAll(rows, func(r *sql.Rows) (*payesh.User, error) { return scanUser(r) })
	return users, total, err
}

// CreateUser adds a user with a password (admins only).
func (db *DB) CreateUser(ctx context.Context, u *payesh.User, pw string) error {
	if err := requireAdmin(ctx); err != nil {
		return err
	}
	u.Normalize()
	u.Active = true
	if err := firstInvalid(u.Validate(), payesh.ValidatePassword(pw, u.Username)); err != nil {
		return err
	}
	hash, err := password.Hash(pw, db.pw)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if u.UnitPath, err = tx.unitPath(u.UnitID); payesh.ErrorCode(err) == payesh.ENOTFOUND {
			return payesh.Invalid(map[string]string{"unit_id": "err.unknown_ref"})
		} else if err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `
			INSERT INTO users (username, name, email, unit_id, role, active, password_hash, created_at, updated_at, sort_key)
			VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7, $8) RETURNING id`,
			u.Username, u.Name, u.Email, u.UnitID, u.Role, hash, tx.now, userSortKey(u)).Scan(&u.ID)
		if isUniqueViolation(err) {
			return &payesh.Error{Code: payesh.ECONFLICT, Message: "err.user.username_taken",
				Fields: map[string]string{"username": "err.user.username_taken"}}
		} else if err != nil {
			return err
		}
		u.Version, u.CreatedAt, u.UpdatedAt = 1, tx.now, tx.now
		if err := tx.audit("user", u.ID, payesh.ActionCreate, nil, u); err != nil {
			return err
		}
		return nil
	})
}

// UpdateUser changes a user's profile, unit, role or activity (admins only).
func (db *DB) UpdateUser(ctx context.Context, id int64, up payesh.UserUpdate) (*payesh.User, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(up.Version); err != nil {
		return nil, err
	}
	var after *payesh.User
	err := db.write(ctx, func(tx *Tx) error {
		before, err := findUser(ctx, tx, "u.id = $1", id)
		if err != nil {
			return err
		}
		u := *before
		up.Apply(&u)
		u.Normalize()
		if err := u.Validate(); err != nil {
			return err
		}
		if u.UnitPath, err = tx.unitPath(u.UnitID); payesh.ErrorCode(err) == payesh.ENOTFOUND {
			return payesh.Invalid(map[string]string{"unit_id": "err.unknown_ref"})
		} else if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `
			UPDATE users SET name = $1, email = $2, unit_id = $3, role = $4, active = $5, updated_at = $6, version = version + 1,
				sort_key = $9
			WHERE id = $7 AND version = $8`,
			u.Name, u.Email, u.UnitID, u.Role, boolInt(u.Active), tx.now, id, up.Version, userSortKey(&u))
		if err != nil {
			return err
		}
		if err := checkVersion(res, func() (any, error) { return findUser(ctx, tx, "u.id = $1", id) }); err != nil {
			return err
		}
		u.Version, u.UpdatedAt = before.Version+1, tx.now
		if !u.Active {
			// A deactivated user is signed out everywhere at once, and
			// their tokens end: reactivation must not revive them.
			if err := tx.endCredentials(id); err != nil {
				return err
			}
		}
		if err := tx.audit("user", id, payesh.ActionUpdate, before, &u); err != nil {
			return err
		}
		after = &u
		return nil
	})
	return after, err
}

// SetPassword resets another user's password: admins may, and the system
// actor (the command line) for anyone. One's own password is changed with
// ChangePassword, which asks for the current one — an admin's session left
// open must not be enough to take over the admin's account. Every token and
// session of the user ends in the same transaction.
func (db *DB) SetPassword(ctx context.Context, id int64, pw string) error {
	me, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if me.ID == id {
		return payesh.Invalid(map[string]string{"current_password": "err.user.current_password"})
	}
	if !me.CanAdminister() {
		return payesh.ErrForbidden
	}
	u, err := findUser(ctx, db.db, "u.id = $1", id)
	if err != nil {
		return err
	}
	return db.storePassword(ctx, u, pw)
}

// ChangePassword changes the signed-in user's own password after checking
// the current one; a wrong one is payesh.ReauthFailed on current_password.
// Every token and session of the user ends, the caller's own session too:
// a web page that wants to keep its browser signed in opens a new one.
func (db *DB) ChangePassword(ctx context.Context, current, pw string) error {
	me, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if isSystem(me) {
		return payesh.ErrForbidden // the system has no password of its own
	}
	u, err := findUser(ctx, db.db, "u.id = $1", me.ID)
	if err != nil {
		return err
	}
	f := map[string]string{}
	if current == "" {
		f["current_password"] = "err.required"
	}
	if err := firstInvalid(payesh.Invalid(f), payesh.ValidatePassword(pw, u.Username)); err != nil {
		return err
	}
	if err := db.reauthenticate(ctx, u.ID, current, "current_password"); err != nil {
		return err
	}
	return db.storePassword(ctx, u, pw)
}

// storePassword checks pw against the policy, hashes it and saves it for
// u, ending u's tokens and sessions in the same transaction.
func (db *DB) storePassword(ctx context.Context, u *payesh.User, pw string) error {
	if err := payesh.ValidatePassword(pw, u.Username); err != nil {
		return err
	}
	hash, err := password.Hash(pw, db.pw)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3`, hash, tx.now, u.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return payesh.NotFound("user")
		}
		if err := tx.endCredentials(u.ID); err != nil {
			return err
		}
		return tx.audit("user", u.ID, payesh.ActionPassword, nil, nil)
	})
}

// Authenticate checks a username and password. Unknown users cost the same
// hashing time as known ones, so timing does not reveal which names exist.
func (db *DB) Authenticate(ctx context.Context, username, pw string) (*payesh.User, error) {
	name := strings.ToLower(payesh.NormalizeText(username))
	if !payesh.Storable(name) {
		// No stored name has a NUL byte, and PostgreSQL would fail on
		// one: answer as for any unknown name, after the same work.
		password.Verify(pw, db.dummyHash())
		return nil, payesh.Errorf(payesh.EUNAUTHORIZED, "err.login")
	}
	var hash string
	u, err := scanUserWithHash(db.db.QueryRowContext(ctx,
		`SELECT `+userColumns+`, u.password_hash`+userFrom+` WHERE u.username = $1`, name), &hash)
	if err == sql.ErrNoRows {
		password.Verify(pw, db.dummyHash())
		return nil, payesh.Errorf(payesh.EUNAUTHORIZED, "err.login")
	} else if err != nil {
		return nil, err
	}
	ok, err := password.Verify(pw, hash)
	if err != nil || !ok || !u.Active {
		return nil, payesh.Errorf(payesh.EUNAUTHORIZED, "err.login")
	}
	now := db.timestamp()
	if _, err := db.db.ExecContext(ctx, `UPDATE users SET last_login_at = $1 WHERE id = $2`, now, u.ID); err != nil {
		return nil, err
	}
	u.LastLoginAt = &now
	return u, nil
}

// dummyHash is verified for unknown usernames to keep timing even; it is
// made once, with the DB's own costs, on first use.
func (db *DB) dummyHash() string {
	db.dummyOnce.Do(func() { db.dummy, _ = password.Hash("payesh-timing-equalizer", db.pw) })
	return db.dummy
}

func scanUserWithHash(r *sql.Row, hash *string) (*payesh.User, error) {
	var u payesh.User
	var last sql.NullTime
	err := r.Scan(&u.ID, &u.Username, &u.Name, &u.Email, &u.UnitID, &u.Role, &u.Active, &last,
		&u.Version, &u.CreatedAt, &u.UpdatedAt, &u.UnitPath, hash)
	if last.Valid {
		u.LastLoginAt = &last.Time
	}
	return &u, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// firstInvalid merges validation errors so a form shows every problem.
func firstInvalid(errs ...error) error {
	fields := map[string]string{}
	for _, err := range errs {
		if err == nil {
			continue
		}
		e, ok := err.(*payesh.Error)
		if !ok || e.Code != payesh.EINVALID {
			return err
		}
		for k, v := range e.Fields {
			fields[k] = v
		}
	}
	return payesh.Invalid(fields)
}
