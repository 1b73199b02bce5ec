package api

import (
	"net/http"

	"payesh"
)

// roundInput is what the secretariat sets when opening a round; the id,
// closed flag, version and timestamps are the store's. An absent chain is
// the default one: the province, then the secretariat.
type roundInput struct {
	Title    string               `json:"title"`
	Period   string               `json:"period"`
	Deadline payesh.Date          `json:"deadline"`
	Chain    []payesh.ReviewLevel `json:"chain"`
	UnitIDs  []int64              `json:"unit_ids"`
	// What a report must hold to be sent; absent is not required.
	RequireNarrative bool `json:"require_narrative"`
	RequireEvidence  bool `json:"require_evidence"`
	RequireValues    bool `json:"require_values"`
	// AllowSelfReview lets the secretariat step be taken by whoever sent
	// or wrote a report, or by its unit's people; absent is not allowed.
	AllowSelfReview bool `json:"allow_self_review"`
}

// roundJSON is a round with its deadline also in Jalali, as work items
// carry theirs, so that no client needs a Jalali calendar.
type roundJSON struct {
	*payesh.Round
	DeadlineJalali *string `json:"deadline_jalali"`
}

func presentRound(r *payesh.Round) *roundJSON {
	if r == nil {
		return nil
	}
	return &roundJSON{r, jalaliOf(r.Deadline)}
}

// versionInput is the body of an action that changes a row without other
// input, such as closing a round.
type versionInput struct {
	Version int `json:"version"`
}

func (s *server) listRounds(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := payesh.RoundFilter{Open: q.boolean("open"), Page: q.page()}
	if err := q.err(); err != nil {
		return err
	}
	rounds, total, err := s.Reports.FindRounds(r.Context(), f)
	if err != nil {
		return err
	}
	return writeList(w, rounds, total, f.Page)
}

// createRound opens a round and a draft report for each of its units.
func (s *server) createRound(w http.ResponseWriter, r *http.Request) error {
	var in roundInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	round := &payesh.Round{Title: in.Title, Period: in.Period, Deadline: in.Deadline, Chain: in.Chain, UnitIDs: in.UnitIDs,
		RequireNarrative: in.RequireNarrative, RequireEvidence: in.RequireEvidence, RequireValues: in.RequireValues,
		AllowSelfReview: in.AllowSelfReview}
	if err := s.Reports.CreateRound(r.Context(), round); err != nil {
		return err
	}
	return writeCreated(w, prefix+"/rounds", round.ID, round)
}

func (s *server) getRound(w http.ResponseWriter, r *http.Request) error {
	return getRow(w, r, s.Reports.FindRound)
}

// closeRound ends a round; its reports stay as they are, and no more can
// be submitted.
func (s *server) closeRound(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in versionInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return errVersion
	}
	round, err := s.Reports.CloseRound(r.Context(), id, in.Version)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, present(round))
}

// roundScores returns the trust score of every unit of the round the user
// may read, in the order of the org tree.
func (s *server) roundScores(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	// No filters: a unit asked for is the caller's mistake, not all units.
	q := newQuery(r)
	format := q.exportFormat()
	if err := q.err(); err != nil {
		return err
	}
	scores, err := s.FollowUp.Scores(r.Context(), id)
	if err != nil {
		return err
	}
	if format != "" {
		return s.exportRoundScores(w, r, format, id, scores)
	}
	if scores == nil {
		scores = []payesh.UnitScore{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": scores})
}

// roundLateClosures lists the work of the round's units done after its
// due date within the round's period, each with how many days late.
func (s *server) roundLateClosures(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := newQuery(r).err(); err != nil {
		return err
	}
	list, err := s.Reports.LateClosures(r.Context(), id)
	if err != nil {
		return err
	}
	if list == nil {
		list = []payesh.LateClosure{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}
