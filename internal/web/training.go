package web

import (
	"net/http"
	"strings"

	"payesh"
)

// trainingPaths are the pages where a training set shows (payesh demo
// --training): indicators and their dashboards, the values grid and
// matrix, rounds, reports and the inbox. Their banner says that figures
// marked «آموزشی» are made up. The desk, the policy and the work pages
// show only the facts and carry no banner; the desk's lead to a training
// report names its round, whose title carries the mark.
var trainingPaths = []string{"/dashboard", "/indicators", "/values", "/rounds", "/reports", "/inbox"}

// trainingShown says whether r's page should carry the training banner:
// a signed-in reader on a page where training data shows, in a database
// that holds a training set. One small query, on those pages only.
func (s *server) trainingShown(r *http.Request) bool {
	if user(r) == nil || !trainingPage(r.URL.Path) {
		return false
	}
	tr, ok := s.Indicators.(payesh.TrainingReader)
	if !ok {
		return false
	}
	loaded, err := tr.TrainingLoaded(r.Context())
	if err != nil {
		s.Logger.WarnContext(r.Context(), "web: training set", "err", err)
		return false
	}
	return loaded
}

// trainingPage says whether path is a page where a training set shows,
// a unit's dashboard (/units/{id}/dashboard) among them.
func trainingPage(path string) bool {
	if strings.HasPrefix(path, "/units/") && strings.HasSuffix(path, "/dashboard") {
		return true
	}
	for _, p := range trainingPaths {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}
