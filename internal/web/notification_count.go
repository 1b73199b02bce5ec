package web

import (
	"net/http"

	"payesh"
)

// unreadCount is how many unread notifications the signed-in user has,
// for the header on every page. It asks for one row and reads the total:
// the store counts with the user's index, and the page never waits on a
// full list. A failure only hides the number; the page itself matters
// more than its badge.
func (s *server) unreadCount(r *http.Request) int {
	if s.FollowUp == nil || user(r) == nil {
		return 0
	}
	_, n, err := s.FollowUp.Notifications(r.Context(), true, payesh.Page{Limit: 1})
	if err != nil {
		s.Logger.WarnContext(r.Context(), "web: unread notifications", "err", err)
		return 0
	}
	return n
}
