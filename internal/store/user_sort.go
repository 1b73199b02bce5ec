package store

import "payesh"

// The Go step of migrations/017_user_sort.sql.
func init() {
	afterMigration["migrations/017_user_sort.sql"] = (*Tx).fillUserSortKeys
}

// userSortKey is the key a user is listed by: the name in Persian
// dictionary order, or the username for a user without a name.
func userSortKey(u *payesh.User) string {
	if u.Name == "" {
		return payesh.CollationKey(u.Username)
	}
	return payesh.CollationKey(u.Name)
}

// fillUserSortKeys writes the sort key of every existing user; there are
// thousands at most, read once at the upgrade.
func (tx *Tx) fillUserSortKeys() error {
	if tx.db.engine == Postgres {
		if _, err := tx.ExecContext(tx.ctx, `ALTER TABLE users ALTER COLUMN sort_key TYPE TEXT COLLATE "C"`); err != nil {
			return err
		}
	}
	rows, err := tx.QueryContext(tx.ctx, `SELECT id, username, name FROM users`)
	if err != nil {
		return err
	}
	var users []payesh.User
	for rows.Next() {
		var u payesh.User
		if err := rows.Scan(&u.ID, &u.Username, &u.Name); err != nil {
			rows.Close()
			return err
		}
		users = append(users, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, u := range users {
		if _, err := tx.ExecContext(tx.ctx, `UPDATE users SET sort_key = $1 WHERE id = $2`, userSortKey(&u), u.ID); err != nil {
			return err
		}
	}
	return nil
}
