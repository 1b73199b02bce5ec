package web

import (
	"net/http"

	"payesh"
)

// clauseLibrary is what the clause page shows besides its work: the
// supporting documents, the articles of other documents linked to it,
// the resolutions answering it and the indicators measuring it.
type clauseLibrary struct {
	Library     *payesh.ClauseLibrary
	Resolutions []*payesh.WorkItem
	// MoreResolutions is how many resolutions there are beyond those shown.
	MoreResolutions int
	Indicators      []*payesh.Indicator
	MoreIndicators  int
}

// clauseSideLimit bounds the resolutions and indicators listed on a
// clause's page; the work list and the indicator list show them all.
const clauseSideLimit = 50

// loadClauseLibrary reads what the clause page shows of the library.
func (s *server) loadClauseLibrary(r *http.Request, clauseID int64) (*clauseLibrary, error) {
	ctx := r.Context()
	out := &clauseLibrary{}
	var err error
	if out.Library, err = s.Library.FindClauseLibrary(ctx, clauseID); err != nil {
		return nil, err
	}
	var n int
	wf := payesh.WorkItemFilter{ClauseID: clauseID, Kinds: []payesh.WorkKind{payesh.KindResolution},
		Page: payesh.Page{Limit: clauseSideLimit}}
	if out.Resolutions, n, err = s.Work.FindWorkItems(ctx, wf); err != nil {
		return nil, err
	}
	out.MoreResolutions = n - len(out.Resolutions)
	inf := payesh.IndicatorFilter{ClauseID: clauseID, Page: payesh.Page{Limit: clauseSideLimit}}
	if out.Indicators, n, err = s.Indicators.FindIndicators(ctx, inf); err != nil {
		return nil, err
	}
	out.MoreIndicators = n - len(out.Indicators)
	return out, nil
}
