package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/valuebook"
)

// roundFormData is the form that opens a round: its title, period (a
// year and a season of it, or the whole year), deadline, the units that
// must report and the review chain.
type roundFormData struct {
	Years    []int
	Seasons  []roundSeason
	Units    []workOption
	Chains   []roundChain
	Requires []roundRequire
	picked   map[int64]bool
	form     url.Values
}

// roundSeason is an option of the period's second select: 0 is the whole
// year, 1–4 its seasons.
type roundSeason struct {
	N     int
	Label string
}

// roundChain is a review chain a round may have, as the form sends it,
// with its label's key.
type roundChain struct{ Value, Label string }

// roundChains: a branch's province then the secretariat, or the
// secretariat only.
var roundChains = []roundChain{
	{"province,secretariat", "ui.round.chain.province"},
	{"secretariat", "ui.round.chain.secretariat"},
}

// roundRequire is a requirement a round may set on its reports: the
// form's checkbox and its label's key.
type roundRequire struct{ Name, Label string }

// roundRequires are what a round may require before a report is sent;
// what it does not require is only pointed out to the unit.
var roundRequires = []roundRequire{
	{"require_narrative", "ui.round.require_narrative"},
	{"require_evidence", "ui.round.require_evidence"},
	{"require_values", "ui.round.require_values"},
}

// roundAllKinds are the quick choices beside the tree: every provincial
// directorate, or every office and deputy at headquarters.
var roundAllKinds = map[string][]payesh.UnitKind{
	"provinces": {payesh.UnitProvince},
	"offices":   {payesh.UnitDeputy, payesh.UnitOffice},
}

// Picked reports whether a unit is ticked.
func (d *roundFormData) Picked(id int64) bool { return d.picked[id] }

// AllPicked reports whether a quick choice is ticked.
func (d *roundFormData) AllPicked(name string) bool {
	for _, v := range d.form["all"] {
		if v == name {
			return true
		}
	}
	return false
}

// roundNew shows the empty form: this year's current season, the default
// chain.
func (s *server) roundNew(w http.ResponseWriter, r *http.Request) error {
	if !user(r).CanConfigure() {
		return payesh.ErrForbidden
	}
	today := payesh.Today(s.Now()).Jalali()
	form := url.Values{
		"year":   {strconv.Itoa(today.Year)},
		"season": {strconv.Itoa((today.Month-1)/3 + 1)},
		"chain":  {roundChains[0].Value},
	}
	return s.renderRoundForm(w, r, http.StatusOK, form, nil)
}

func (s *server) renderRoundForm(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) error {
	opts, _, err := s.workUnits(r)
	if err != nil {
		return err
	}
	lang := langOf(r)
	this := payesh.Today(s.Now()).Jalali().Year
	d := &roundFormData{Units: opts, Chains: roundChains, Requires: roundRequires, picked: map[int64]bool{}, form: form}
	for y := this + 1; y >= this-3; y-- {
		d.Years = append(d.Years, y)
	}
	d.Seasons = append(d.Seasons, roundSeason{0, ""})
	for n := 1; n <= 4; n++ {
		d.Seasons = append(d.Seasons, roundSeason{n, valuebook.PeriodName(lang, jalali.Period{Gran: jalali.Quarter, Year: this, N: n})})
	}
	for _, s := range form["unit_ids"] {
		if id, err := strconv.ParseInt(jalali.ToLatinDigits(s), 10, 64); err == nil {
			d.picked[id] = true
		}
	}
	v := s.newView(r, "ui.round.new", d)
	v.Form, v.Errors = form, errs
	return s.render(w, r, status, "round_new", v)
}

// roundCreate opens the round and shows it; any problem shows the form
// again with everything kept and the messages beside the fields.
func (s *server) roundCreate(w http.ResponseWriter, r *http.Request) error {
	if !user(r).CanConfigure() {
		return payesh.ErrForbidden
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	units, err := s.unitMap(r)
	if err != nil {
		return err
	}
	round := roundInput(f, units)
	errs := map[string]string{}
	if f.Err() != nil {
		check := *round
		check.Normalize()
		if domain, ok := fieldErrors(check.Validate()); ok {
			errs = domain
		}
		for k, v := range f.errors {
			errs[k] = v
		}
		return s.renderRoundForm(w, r, http.StatusBadRequest, r.PostForm, errs)
	}
	if err := s.Reports.CreateRound(r.Context(), round); err != nil {
		if fields, ok := fieldErrors(err); ok {
			return s.renderRoundForm(w, r, http.StatusBadRequest, r.PostForm, fields)
		}
		return err
	}
	return redirect(w, r, fmt.Sprintf("/rounds/%d?flash=ui.round.flash.created", round.ID))
}

// roundInput reads the form: the period from its year and season, the
// units ticked plus those of the quick choices.
func roundInput(f *form, units map[int64]*payesh.OrgUnit) *payesh.Round {
	rd := &payesh.Round{
		Title:            f.String("title"),
		Deadline:         f.Date("deadline"),
		UnitIDs:          f.IDs("unit_ids"),
		RequireNarrative: f.String("require_narrative") == "1",
		RequireEvidence:  f.String("require_evidence") == "1",
		RequireValues:    f.String("require_values") == "1",
		AllowSelfReview:  f.String("allow_self_review") == "1",
	}
	if year := f.Int("year"); year != 0 {
		rd.Period = strconv.Itoa(year)
		if season := f.Int("season"); season != 0 {
			rd.Period += "Q" + strconv.Itoa(season)
		}
	}
	// Each quick choice counts once, however often the form repeats it:
	// the tree is walked per choice, not per value posted.
	for all, kinds := range roundAllKinds {
		if !slices.Contains(f.r.PostForm["all"], all) {
			continue
		}
		for _, u := range units {
			if slices.Contains(kinds, u.Kind) {
				rd.UnitIDs = append(rd.UnitIDs, u.ID)
			}
		}
	}
	if c := f.String("chain"); c != "" {
		for _, l := range strings.Split(c, ",") {
			rd.Chain = append(rd.Chain, payesh.ReviewLevel(l))
		}
	}
	return rd
}
