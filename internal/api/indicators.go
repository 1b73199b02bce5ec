package api

import (
	"fmt"
	"net/http"
	"payesh/internal/sheet"

	"payesh"
)

// indicatorInput is what a client may set when defining an indicator; the
// id, version and timestamps are the store's. Absent thresholds get the
// defaults (95 and 80).
type indicatorInput struct {
	Code           string             `json:"code"`
	NameFA         string             `json:"name_fa"`
	NameEN         string             `json:"name_en"`
	Description    string             `json:"description"`
	Measure        string             `json:"measure"`
	Direction      payesh.Direction   `json:"direction"`
	UnitAgg        payesh.Aggregation `json:"unit_agg"`
	TimeAgg        payesh.Aggregation `json:"time_agg"`
	Frequency      payesh.Frequency   `json:"frequency"`
	Baseline       *float64           `json:"baseline"`
	BaselinePeriod string             `json:"baseline_period"`
	Thresholds     payesh.Thresholds  `json:"thresholds"`
	ReportingKinds []payesh.UnitKind  `json:"reporting_kinds"`
	ClauseIDs      []int64            `json:"clause_ids"`
	WorkItemIDs    []int64            `json:"work_item_ids"`
	Min            *float64           `json:"min"`
	Max            *float64           `json:"max"`
	NumeratorID    *int64             `json:"numerator_id"`
	DenominatorID  *int64             `json:"denominator_id"`
	Scale          float64            `json:"scale"`
}

func (in indicatorInput) indicator() *payesh.Indicator {
	i := &payesh.Indicator{
		Code: in.Code, NameFA: in.NameFA, NameEN: in.NameEN, Description: in.Description, Measure: in.Measure,
		Direction: in.Direction, UnitAgg: in.UnitAgg, TimeAgg: in.TimeAgg, Frequency: in.Frequency,
		Baseline: in.Baseline, BaselinePeriod: in.BaselinePeriod, Thresholds: in.Thresholds,
		ReportingKinds: in.ReportingKinds, ClauseIDs: in.ClauseIDs, WorkItemIDs: in.WorkItemIDs,
		Min: in.Min, Max: in.Max, NumeratorID: in.NumeratorID, DenominatorID: in.DenominatorID, Scale: in.Scale,
	}
	if i.ReportingKinds == nil {
		i.ReportingKinds = []payesh.UnitKind{} // answered as [], as a read answers it
	}
	return i
}

func (s *server) listIndicators(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := payesh.IndicatorFilter{
		ClauseID: q.id("clause"),
		Q:        q.str("q"),
		Page:     q.page(),
	}
	if err := q.err(); err != nil {
		return err
	}
	inds, total, err := s.Indicators.FindIndicators(r.Context(), f)
	if err != nil {
		return err
	}
	return writeList(w, inds, total, f.Page)
}

func (s *server) createIndicator(w http.ResponseWriter, r *http.Request) error {
	var in indicatorInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	i := in.indicator()
	if err := s.Indicators.CreateIndicator(r.Context(), i); err != nil {
		return err
	}
	return writeCreated(w, prefix+"/indicators", i.ID, i)
}

func (s *server) getIndicator(w http.ResponseWriter, r *http.Request) error {
	return getRow(w, r, s.Indicators.FindIndicatorByID)
}

func (s *server) patchIndicator(w http.ResponseWriter, r *http.Request) error {
	return patchRow(w, r, func(up payesh.IndicatorUpdate) int { return up.Version }, s.Indicators.UpdateIndicator)
}

// indicatorOf reads the {id} of an indicator's sub-resource and checks that
// the indicator exists, so that an unknown one is a 404, not an empty list.
func (s *server) indicatorOf(r *http.Request) (*payesh.Indicator, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.Indicators.FindIndicatorByID(r.Context(), id)
}

// listTargets returns the targets set for an indicator, by unit and
// period; interpolated targets are not rows and appear only in scores.
func (s *server) listTargets(w http.ResponseWriter, r *http.Request) error {
	ind, err := s.indicatorOf(r)
	if err != nil {
		return err
	}
	q := newQuery(r)
	switch q.str("format") {
	case "", "json":
	case "xlsx":
		if err := q.err(); err != nil {
			return err
		}
		return s.targetsWorkbook(w, r, ind)
	default:
		q.bad("format")
	}
	if err := q.err(); err != nil {
		return err
	}
	targets, err := s.Indicators.FindTargets(r.Context(), ind.ID)
	if err != nil {
		return err
	}
	if targets == nil {
		targets = []payesh.Target{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": targets})
}

type targetInput struct {
	UnitID int64    `json:"unit_id"`
	Period string   `json:"period"`
	Value  *float64 `json:"value"`
}

type targetsInput struct {
	Targets []targetInput `json:"targets"`
}

// putTargets sets the targets listed, all or none; targets of other units
// and periods stay as they are.
func (s *server) putTargets(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if mediaType(r) == sheet.ContentType {
		return s.uploadTargets(w, r, id)
	}
	var in targetsInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if len(in.Targets) == 0 {
		return invalid("err.invalid", "targets", "err.required")
	}
	f := map[string]string{}
	targets := make([]payesh.Target, len(in.Targets))
	for n, t := range in.Targets {
		field := func(name string) string { return fmt.Sprintf("targets.%d.%s", n, name) }
		if t.UnitID <= 0 {
			f[field("unit_id")] = "err.required"
		}
		if t.Period == "" {
			f[field("period")] = "err.required"
		}
		if t.Value == nil {
			f[field("value")] = "err.required"
			continue
		}
		targets[n] = payesh.Target{IndicatorID: id, UnitID: t.UnitID, Period: t.Period, Value: *t.Value}
	}
	if err := payesh.ValidateTargets(targets); err != nil {
		return err // the bound first: row errors past it are noise
	}
	if err := payesh.Invalid(f); err != nil {
		return err
	}
	if err := s.Indicators.SetTargets(r.Context(), id, targets); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
