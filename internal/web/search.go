package web

import (
	"net/http"
	"strconv"

	"payesh"
)

// searchPage is the one search's results, grouped by kind in the order
// payesh.SearchKinds gives.
type searchPage struct {
	Q      string
	Groups []searchGroup
	Count  int
}

type searchGroup struct {
	Kind string
	Hits []*payesh.SearchHit
}

// Href is where a hit leads: its own page.
func (searchPage) Href(h *payesh.SearchHit) string {
	switch h.Kind {
	case payesh.SearchWork:
		return "/work/" + strconv.FormatInt(h.ID, 10)
	case payesh.SearchDocument:
		return "/library/" + strconv.FormatInt(h.ID, 10)
	case payesh.SearchClause:
		return "/clauses/" + strconv.FormatInt(h.ID, 10)
	case payesh.SearchMeeting:
		return "/meetings/" + strconv.FormatInt(h.ID, 10)
	}
	return "/search"
}

// search answers the box in the top bar. An empty query shows the empty
// page with the hint; a query too short or too long is shown beside the
// field. The store spells Persian one way (payesh.FoldSearch) and keeps
// to what the reader reads.
func (s *server) search(w http.ResponseWriter, r *http.Request) error {
	d := &searchPage{Q: r.URL.Query().Get("q")}
	v := s.newView(r, "ui.search.title", d)
	v.Form = r.URL.Query()
	status := http.StatusOK
	if d.Q != "" {
		hits, err := s.Search.Search(r.Context(), payesh.SearchQuery{Q: d.Q, Limit: payesh.MaxSearchLimit})
		if fields, invalid := fieldErrors(err); invalid {
			v.Errors, status = fields, http.StatusBadRequest
		} else if err != nil {
			return err
		}
		d.Count = len(hits)
		for _, kind := range payesh.SearchKinds {
			g := searchGroup{Kind: kind}
			for _, h := range hits {
				if h.Kind == kind {
					g.Hits = append(g.Hits, h)
				}
			}
			if len(g.Hits) > 0 {
				d.Groups = append(d.Groups, g)
			}
		}
	}
	return s.render(w, r, status, "search", v)
}
