package web

import "net/http"

// loadLateByMeeting adds to the board the late resolutions grouped by
// the meeting that made them, so the secretariat can chase a meeting's
// decisions together («پیگیری مصوبات»).
func (s *server) loadLateByMeeting(r *http.Request, d *boardData) error {
	if s.Meetings == nil {
		return nil
	}
	var err error
	if d.ByMeeting, err = s.Meetings.LateResolutions(r.Context(), d.Today); err != nil {
		return err
	}
	ix, err := s.unitIndexOf(r)
	if err != nil {
		return err
	}
	d.MeetingUnits = ix.byID
	return nil
}
