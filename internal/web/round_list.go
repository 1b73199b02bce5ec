package web

import (
	"net/http"

	"payesh"
)

// roundsData lists reporting rounds, newest first.
type roundsData struct {
	Rounds   []roundItem
	Pager    pager
	CanRound bool
}

// roundItem is a round with its period's name and what the list shows.
type roundItem struct {
	Round  *payesh.Round
	Period string
	Units  int
}

// rounds shows /rounds.
func (s *server) rounds(w http.ResponseWriter, r *http.Request) error {
	page := pageOf(r, 20)
	list, total, err := s.Reports.FindRounds(r.Context(), payesh.RoundFilter{Page: page})
	if err != nil {
		return err
	}
	lang := langOf(r)
	d := &roundsData{Pager: newPager(r, total, page), CanRound: user(r).CanConfigure()}
	for _, rd := range list {
		d.Rounds = append(d.Rounds, roundItem{Round: rd, Period: periodLabel(lang, rd.Period), Units: len(rd.UnitIDs)})
	}
	return s.render(w, r, http.StatusOK, "rounds", s.newView(r, "ui.round.list_title", d))
}
