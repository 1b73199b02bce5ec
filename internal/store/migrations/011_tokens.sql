-- API tokens are listed per user (a person's own list, an admin's view of
-- one user) and all of a user's end together with a new password or
-- deactivation: both look them up by user.
CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at);
