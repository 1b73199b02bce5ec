package web

import (
	"net/http"

	"payesh"
)

// unreadCount is how many unread notifications the signed-in user has,
// for the header on every page, counted no further than the badge shows
// (payesh.MaxUnreadBadge): the store reads the partial index of unread
// rows and stops there, so the badge costs the same whatever the user's
// history. A failure only hides the number; the page itself matters more
// than its badge.
func (s *server) unreadCount(r *http.Request) int {
	if s.FollowUp == nil || user(r) == nil {
		return 0
	}
	n, err := s.FollowUp.UnreadCount(r.Context(), payesh.MaxUnreadBadge+1)
	if err != nil {
		s.Logger.WarnContext(r.Context(), "web: unread notifications", "err", err)
		return 0
	}
	return min(n, payesh.MaxUnreadBadge+1) // one more than the badge shows reads "99+"
}
