-- Sign-in throttling (internal/login): one row per counter — a pair
-- (username, client address), an address, or a username — shared by every
-- instance. scope is 'pair', 'addr' or 'user'; the part a scope does not
-- use is ''. A row is read and written under its lock (login_attempts.go)
-- and deleted once expires_at has passed, so the table holds only what the
-- last day or so of attempts, and the last month's successful pairs, left.

CREATE TABLE login_attempts (
    scope TEXT NOT NULL,
    username TEXT NOT NULL,
    addr TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    since_at {{TIME}},
    next_at {{TIME}},
    ok_at {{TIME}},
    expires_at {{TIME}} NOT NULL,
    PRIMARY KEY (scope, username, addr)
) {{KEYED}};
CREATE INDEX login_attempts_expires ON login_attempts (expires_at);
