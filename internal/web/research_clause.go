package web

import (
	"net/http"

	"payesh"
)

// clauseResearch is the clause page's research section: the projects
// linked to the clause or under an axis linked to it, with their stages.
type clauseResearch struct {
	Projects []*payesh.ResearchProject
	More     int
	Today    payesh.Date
}

func (s *server) loadClauseResearch(r *http.Request, clauseID int64) (*clauseResearch, error) {
	out := &clauseResearch{Today: payesh.Today(s.Now())}
	if s.Research == nil {
		return out, nil
	}
	var n int
	var err error
	out.Projects, n, err = s.Research.FindResearchProjects(r.Context(),
		payesh.ResearchFilter{ClauseID: clauseID, Page: payesh.Page{Limit: clauseSideLimit}})
	out.More = n - len(out.Projects)
	return out, err
}
