package store

// Exported to the store_test package for the plan tests: the queries the
// digest, the unread badge and the board run, as they run them.
var (
	UnreadCountSQL  = unreadCountSQL
	DigestWorkCount = digestWorkCount
	LateResolutions = lateResolutionsSQL
)
