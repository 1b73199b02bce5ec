package web

import (
	"fmt"
	"math"
	"net/http"

	"payesh"
)

// roundData is a round with every unit's report as the user may read it:
// its state, first submission, lateness and trust score.
type roundData struct {
	Round    *payesh.Round
	Period   string
	Rows     []roundRow
	Counts   roundCounts
	Units    map[int64]*payesh.OrgUnit
	CanClose bool
}

// roundRow is one unit's report in a round.
type roundRow struct {
	Score payesh.UnitScore
	Unit  *payesh.OrgUnit
}

// Late reports whether the unit reported after the deadline, or has not
// reported and the deadline has passed.
func (r roundRow) Late() bool { return r.Score.DaysLate > 0 }

// roundCounts are a round's totals. Submitted counts the reports sent at
// least once (whatever became of them); the states count where the
// reports stand now.
type roundCounts struct {
	Units, Submitted, Late, Approved, InReview, Returned, NotSubmitted int
	// Score is the units' average trust score.
	Score int
}

func countRows(rows []roundRow) roundCounts {
	var c roundCounts
	sum := 0
	for _, r := range rows {
		c.Units++
		sum += r.Score.Score
		if r.Score.SubmittedAt != nil {
			c.Submitted++
		} else {
			c.NotSubmitted++
		}
		if r.Late() {
			c.Late++
		}
		switch r.Score.State {
		case payesh.ReportApproved:
			c.Approved++
		case payesh.ReportSubmitted:
			c.InReview++
		case payesh.ReportReturned:
			c.Returned++
		}
	}
	if c.Units > 0 {
		c.Score = int(math.Round(float64(sum) / float64(c.Units)))
	}
	return c
}

// loadRound reads a round and its units' scores.
func (s *server) loadRound(r *http.Request) (*roundData, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	round, err := s.Reports.FindRound(r.Context(), id)
	if err != nil {
		return nil, err
	}
	scores, err := s.FollowUp.Scores(r.Context(), id)
	if err != nil {
		return nil, err
	}
	units, err := s.unitMap(r)
	if err != nil {
		return nil, err
	}
	d := &roundData{Round: round, Period: periodLabel(langOf(r), round.Period), Units: units,
		CanClose: !round.Closed && user(r).CanConfigure()}
	for _, sc := range scores {
		d.Rows = append(d.Rows, roundRow{Score: sc, Unit: units[sc.UnitID]})
	}
	d.Counts = countRows(d.Rows)
	return d, nil
}

// round shows /rounds/{id}.
func (s *server) round(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadRound(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "ui.round.title", d)
	v.Title = d.Round.Title
	return s.render(w, r, http.StatusOK, "round", v)
}

// roundClose closes the round against the version the user saw; its
// reports stay as they are, and no draft can be sent any more.
func (s *server) roundClose(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	if _, err := s.Reports.CloseRound(r.Context(), id, f.Int("version")); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/rounds/%d?flash=ui.round.flash.closed", id))
}
