-- People are listed in Persian dictionary order (payesh.CollationKey of
-- the name), which neither engine's collation gives: sort_key is written
-- with each name (user.go) and filled for existing users by the Go step of
-- this migration (user_sort.go), which on PostgreSQL also makes it compare
-- byte by byte (COLLATE "C"), as SQLite's BINARY does.

ALTER TABLE users ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';

CREATE INDEX users_sort ON users (sort_key, username);
