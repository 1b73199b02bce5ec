package payesh

import "fmt"

// MaxValueNote and MaxValueEvidence bound a value's note and evidence
// reference, as the store has always refused longer ones.
const (
	MaxValueNote     = 4000
	MaxValueEvidence = 2000
)

// Normalize cleans what a unit types beside a value: the note as any text,
// the evidence as a reference (a link keeps its letters).
func (v *IndicatorValue) Normalize() {
	v.Note, v.Evidence = NormalizeText(v.Note), NormalizeRef(v.Evidence)
}

// ValidateValues checks a batch of values before any is saved: at most
// MaxValues of them, each naming its indicator, unit and period, with a
// note and evidence both engines can store. A problem of the n-th value is
// named "values.n.field", as the store names its own; whether the
// indicator and unit exist, and the period fits, the store checks.
func ValidateValues(values []IndicatorValue) error {
	f := map[string]string{}
	checkCount(f, "values", len(values), MaxValues)
	if len(f) > 0 {
		return Invalid(f) // past the bound, each value's problems are noise
	}
	for n, v := range values {
		field := func(name string) string { return fmt.Sprintf("values.%d.%s", n, name) }
		for name, missing := range map[string]bool{"indicator_id": v.IndicatorID <= 0, "unit_id": v.UnitID <= 0, "period": v.Period == ""} {
			if missing {
				f[field(name)] = "err.required"
			}
		}
		if len([]rune(v.Note)) > MaxValueNote {
			f[field("note")] = "err.too_long"
		}
		if len(v.Evidence) > MaxValueEvidence {
			f[field("evidence")] = "err.too_long"
		}
		checkText(f, map[string]string{field("note"): v.Note, field("evidence"): v.Evidence, field("period"): v.Period})
	}
	return Invalid(f)
}

// ValidateTargets checks the size of a batch of targets; periods and
// units are checked by the store.
func ValidateTargets(targets []Target) error {
	f := map[string]string{}
	checkCount(f, "targets", len(targets), MaxTargets)
	return Invalid(f)
}
