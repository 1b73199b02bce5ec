package store

// Exported to the store_test package for the plan tests: the queries the
// digest and the unread badge run, as they run them.
var (
	UnreadCountSQL  = unreadCountSQL
	DigestWorkCount = digestWorkCount
)
