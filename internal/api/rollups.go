package api

import (
	"net/http"

	"payesh"
)

// The dashboards' questions: rolled-up series, "how was this computed",
// and indicators judged against their targets. All read stored roll-ups,
// which value saves and reviews keep current. Numbers count approved
// values unless basis=provisional asks for submitted ones too.

// listRollups returns an indicator's rolled-up values — each unit's whole
// subtree — for the units listed over the periods from..to, which share
// one granularity ("1403-01".."1403-12", "1403Q1".."1403Q4", "1401".."1403").
// Units and periods without data are absent.
func (s *server) listRollups(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := newQuery(r)
	units := q.ids("units")
	from, to, basis := q.period("from"), q.period("to"), q.basis()
	q.require("units", len(units) > 0)
	q.require("from", from != "")
	q.require("to", to != "")
	if err := q.err(); err != nil {
		return err
	}
	if _, err := s.Indicators.FindIndicatorByID(r.Context(), id); err != nil {
		return err
	}
	rollups, err := s.Indicators.FindRollupSeries(r.Context(), id, units, from, to, basis)
	if err != nil {
		return err
	}
	if rollups == nil {
		rollups = []payesh.Rollup{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": rollups})
}

// explainIndicator recomputes one rolled-up number from the raw values of
// the unit's subtree, step by step, beside the stored number.
func (s *server) explainIndicator(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := newQuery(r)
	unit, period, basis := q.id("unit"), q.period("period"), q.basis()
	q.require("unit", unit != 0)
	q.require("period", period != "")
	if err := q.err(); err != nil {
		return err
	}
	ex, err := s.Indicators.Explain(r.Context(), id, unit, period, basis)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ex)
}

// scorecard judges every indicator measuring a clause or its sub-clauses
// for one unit's subtree and period; without a clause, the indicators
// linked to none.
func (s *server) scorecard(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	clause, unit, period, basis := q.id("clause"), q.id("unit"), q.period("period"), q.basis()
	format := q.exportFormat()
	q.require("unit", unit != 0)
	q.require("period", period != "")
	if err := q.err(); err != nil {
		return err
	}
	// An unknown clause or unit is a 404, not a card of no data.
	var c *payesh.Clause
	if clause != 0 {
		var err error
		if c, err = s.Documents.FindClauseByID(r.Context(), clause); err != nil {
			return err
		}
	}
	u, err := s.Units.FindOrgUnitByID(r.Context(), unit)
	if err != nil {
		return err
	}
	scores, err := s.Indicators.FindScorecard(r.Context(), clause, unit, period, basis)
	if err != nil {
		return err
	}
	if format != "" {
		return s.exportScorecard(w, r, format, scoreCard{clause: c, unit: u, period: period, basis: basis, scores: scores})
	}
	return writeScores(w, scores)
}

// scores judges the indicators listed, in the order listed, for one
// unit's subtree and period.
func (s *server) scores(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	ids, unit, period, basis := q.ids("indicators"), q.id("unit"), q.period("period"), q.basis()
	q.require("indicators", len(ids) > 0)
	q.require("unit", unit != 0)
	q.require("period", period != "")
	if err := q.err(); err != nil {
		return err
	}
	if _, err := s.Units.FindOrgUnitByID(r.Context(), unit); err != nil {
		return err
	}
	scores, err := s.Indicators.FindScores(r.Context(), ids, unit, period, basis)
	if err != nil {
		return err
	}
	return writeScores(w, scores)
}

func writeScores(w http.ResponseWriter, scores []payesh.Score) error {
	if scores == nil {
		scores = []payesh.Score{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": scores})
}
