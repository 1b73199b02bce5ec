package payesh

import (
	"math"
	"slices"
	"strings"
)

// Basis says which values a number counts. Leadership reads approved
// values; the provisional basis adds submitted ones, and every number
// read on it says so.
type Basis string

const (
	BasisApproved    Basis = "approved"
	BasisProvisional Basis = "provisional"
)

// ParseBasis reads a basis from a query; empty is approved.
func ParseBasis(s string) (Basis, error) {
	switch Basis(s) {
	case "", BasisApproved:
		return BasisApproved, nil
	case BasisProvisional:
		return BasisProvisional, nil
	}
	return "", Invalid(map[string]string{"basis": "err.basis"})
}

// Counts reports whether a value in state s enters numbers on basis b.
func (b Basis) Counts(s ValueState) bool {
	return s == ValueApproved || (b == BasisProvisional && s == ValueSubmitted)
}

// IsPercent reports whether the indicator is measured in percent.
func (i *Indicator) IsPercent() bool {
	m := strings.ToLower(strings.TrimSpace(i.Measure))
	return m == "درصد" || m == "%" || m == "percent"
}

// IsRatio reports whether the indicator is computed from a numerator and
// a denominator rather than reported.
func (i *Indicator) IsRatio() bool { return i.UnitAgg == AggRatio }

// Reports reports whether units of kind k send values that add up to the
// indicator's roll-ups. An indicator with no reporting kinds is the
// organization's alone; a ratio is computed, never added up.
func (i *Indicator) Reports(k UnitKind) bool {
	if i.IsRatio() {
		return false
	}
	if len(i.ReportingKinds) == 0 {
		return k == UnitOrganization
	}
	return slices.Contains(i.ReportingKinds, k)
}

// kindsBelow are the kinds whose units sit under a unit of the key kind:
// a province may state its own total over its branches' figures.
var kindsBelow = map[UnitKind][]UnitKind{
	UnitOrganization: UnitKinds,
	UnitDeputy:       {UnitOffice},
	UnitProvince:     {UnitBranch, UnitHospital},
}

// OwnFigureFrom reports whether a unit of kind k may state its own
// official figure — kept apart from the sum of the units below it, never
// added to it: the organization always, a deputy or province when the
// indicator is reported below it.
func (i *Indicator) OwnFigureFrom(k UnitKind) bool {
	if i.Reports(k) {
		return false
	}
	if k == UnitOrganization {
		return true
	}
	for _, below := range kindsBelow[k] {
		if slices.Contains(i.ReportingKinds, below) {
			return true
		}
	}
	return false
}

// CheckBounds returns the error key of a value outside the indicator's
// bounds, or "".
func (i *Indicator) CheckBounds(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "err.number"
	case i.Min != nil && v < *i.Min:
		return "err.indicator.below_min"
	case i.Max != nil && v > *i.Max:
		return "err.indicator.above_max"
	}
	return ""
}

// normalizeRules fills what a percentage or a ratio gets unless the
// secretariat says otherwise: bounds 0–100, a scale of 100.
func (i *Indicator) normalizeRules() {
	if i.IsPercent() && i.Min == nil && i.Max == nil && !i.IsRatio() {
		lo, hi := 0.0, 100.0
		i.Min, i.Max = &lo, &hi
	}
	if i.IsRatio() && i.Scale == 0 {
		i.Scale = 1
		if i.IsPercent() {
			i.Scale = 100
		}
	}
	if !i.IsRatio() {
		i.NumeratorID, i.DenominatorID, i.Scale = nil, nil, 0
	}
}

// validateRules checks bounds and the ratio definition into f.
func (i *Indicator) validateRules(f map[string]string) {
	for name, b := range map[string]*float64{"min": i.Min, "max": i.Max} {
		if b != nil && (math.IsNaN(*b) || math.IsInf(*b, 0)) {
			f[name] = "err.number"
		}
	}
	if i.Min != nil && i.Max != nil && *i.Min > *i.Max {
		f["max"] = "err.indicator.bounds"
	}
	if !i.IsRatio() {
		return
	}
	if i.NumeratorID == nil {
		f["numerator_id"] = "err.required"
	}
	if i.DenominatorID == nil {
		f["denominator_id"] = "err.required"
	}
	if i.NumeratorID != nil && i.DenominatorID != nil && *i.NumeratorID == *i.DenominatorID {
		f["denominator_id"] = "err.indicator.ratio_same"
	}
	if i.Scale <= 0 || math.IsInf(i.Scale, 0) || math.IsNaN(i.Scale) {
		f["scale"] = "err.number"
	}
}
