package payesh

import (
	"context"
	"math"
	"time"

	"payesh/internal/jalali"
)

// Direction says which way an indicator improves.
type Direction string

const (
	HigherIsBetter Direction = "higher"
	LowerIsBetter  Direction = "lower"
)

// Aggregation says how values combine: over the units of a subtree (sum or
// average) and over the periods of a longer period (sum, average, or the
// last reported value, for stocks such as the number of pensioners).
type Aggregation string

const (
	AggSum  Aggregation = "sum"
	AggAvg  Aggregation = "avg"
	AggLast Aggregation = "last"
	// AggRatio rolls a ratio up as Σnumerator/Σdenominator of two other
	// indicators (covered people over population), times Scale: a mean of
	// the units' percentages would weigh a small province like Tehran.
	AggRatio Aggregation = "ratio"
)

// Frequency is how often an indicator is reported: the Jalali month,
// quarter (season) or fiscal year.
type Frequency string

const (
	Monthly   Frequency = "monthly"
	Quarterly Frequency = "quarterly"
	Yearly    Frequency = "yearly"
)

// IndicatorStatus is where an indicator stands against its target.
type IndicatorStatus string

const (
	OnTrack  IndicatorStatus = "on_track"
	AtRisk   IndicatorStatus = "at_risk"
	OffTrack IndicatorStatus = "off_track"
	NoData   IndicatorStatus = "no_data"
	// NoTarget is a value with nothing to judge it against: not "no data".
	NoTarget IndicatorStatus = "no_target"
)

// Thresholds turn an achievement ratio (actual against target, inverted for
// lower-is-better) into a status: at or above OnTrack is on track, at or
// above AtRisk is at risk, below is off track. They are percentages.
type Thresholds struct {
	OnTrack float64 `json:"on_track"`
	AtRisk  float64 `json:"at_risk"`
}

// DefaultThresholds are what an indicator gets unless the secretariat sets
// its own.
var DefaultThresholds = Thresholds{OnTrack: 95, AtRisk: 80}

// Indicator is a measure of progress: coverage, debt, satisfaction, outputs.
type Indicator struct {
	ID             int64       `json:"id"`
	Code           string      `json:"code"`
	NameFA         string      `json:"name_fa"`
	NameEN         string      `json:"name_en"`
	Description    string      `json:"description"`
	Measure        string      `json:"measure"` // unit of measure: نفر، درصد، ریال…
	Direction      Direction   `json:"direction"`
	UnitAgg        Aggregation `json:"unit_agg"`
	TimeAgg        Aggregation `json:"time_agg"`
	Frequency      Frequency   `json:"frequency"`
	Baseline       *float64    `json:"baseline"`
	BaselinePeriod string      `json:"baseline_period"`
	Thresholds     Thresholds  `json:"thresholds"`
	// Min and Max bound every reported value; a percentage gets 0–100
	// unless the secretariat says otherwise.
	Min *float64 `json:"min"`
	Max *float64 `json:"max"`
	// NumeratorID and DenominatorID define a ratio indicator (UnitAgg
	// ratio): its value is Scale × numerator / denominator at every level.
	NumeratorID   *int64  `json:"numerator_id"`
	DenominatorID *int64  `json:"denominator_id"`
	Scale         float64 `json:"scale"`
	// ReportingKinds are the kinds of unit that report values which add up;
	// none means the organization alone reports.
	ReportingKinds []UnitKind `json:"reporting_kinds"`
	ClauseIDs      []int64    `json:"clause_ids"`
	WorkItemIDs    []int64    `json:"work_item_ids"`
	Version        int        `json:"version"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

// Ratio returns how much of target actual achieves, in percent: actual over
// target when higher is better, target over actual when lower is better;
// ok is false when it cannot be computed (a zero divisor).
func Ratio(actual, target float64, d Direction) (float64, bool) {
	num, den := actual, target
	if d == LowerIsBetter {
		num, den = target, actual
	}
	if den == 0 || math.IsNaN(num) || math.IsNaN(den) {
		return 0, false
	}
	return 100 * num / den, true
}

// StatusOf judges an actual value against a target with thresholds t. A
// missing actual is no data; a value without a target is no target.
func StatusOf(actual, target *float64, d Direction, t Thresholds) IndicatorStatus {
	switch {
	case actual == nil:
		return NoData
	case target == nil:
		return NoTarget
	}
	r, ok := Ratio(*actual, *target, d)
	switch {
	case !ok && *actual == *target:
		return OnTrack // zero against a zero target
	case !ok:
		return NoData
	case r >= t.OnTrack:
		return OnTrack
	case r >= t.AtRisk:
		return AtRisk
	}
	return OffTrack
}

// Interpolate returns the target at position x (e.g. a month index) on the
// straight line from (x0, v0), the baseline, to (x1, v1), the next set
// target. Outside the segment it returns the nearer end.
func Interpolate(x0, v0, x1, v1, x float64) float64 {
	if x1 == x0 || x >= x1 {
		return v1
	}
	if x <= x0 {
		return v0
	}
	return v0 + (v1-v0)*(x-x0)/(x1-x0)
}

// Granularity returns the Jalali period length of a frequency.
func (f Frequency) Granularity() (jalali.Granularity, bool) {
	switch f {
	case Monthly:
		return jalali.Month, true
	case Quarterly:
		return jalali.Quarter, true
	case Yearly:
		return jalali.Year, true
	}
	return 0, false
}

// ValueState is where a reported value stands in review.
type ValueState string

const (
	ValueDraft     ValueState = "draft"
	ValueSubmitted ValueState = "submitted"
	ValueApproved  ValueState = "approved"
	ValueReturned  ValueState = "returned"
)

// IndicatorValue is one unit's value of an indicator for one base period
// ("1403-02" for a monthly indicator).
type IndicatorValue struct {
	ID          int64      `json:"id"`
	IndicatorID int64      `json:"indicator_id"`
	UnitID      int64      `json:"unit_id"`
	Period      string     `json:"period"`
	Value       float64    `json:"value"`
	Note        string     `json:"note"`
	Evidence    string     `json:"evidence"`
	State       ValueState `json:"state"`
	AuthorID    *int64     `json:"author_id"`
	Version     int        `json:"version"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Rollup is an indicator's value for a unit's whole subtree over a period,
// as the roll-up rules make it, on one basis.
type Rollup struct {
	IndicatorID int64   `json:"indicator_id"`
	UnitID      int64   `json:"unit_id"`
	Period      string  `json:"period"`
	Value       float64 `json:"value"`
	// Count is how many unit values contributed to the base periods.
	Count int `json:"count"`
	// Own says Value is the unit's own official figure, which stands for
	// its subtree in place of the sum of its units.
	Own   bool  `json:"own"`
	Basis Basis `json:"basis"`
}

func (i *Indicator) Normalize() {
	i.Code = NormalizeText(i.Code)
	i.NameFA = NormalizeText(i.NameFA)
	i.NameEN = NormalizeText(i.NameEN)
	i.Description = NormalizeText(i.Description)
	i.Measure = NormalizeText(i.Measure)
	if i.Thresholds == (Thresholds{}) {
		i.Thresholds = DefaultThresholds
	}
	if p, err := jalali.ParsePeriod(i.BaselinePeriod); err == nil {
		i.BaselinePeriod = p.String() // "۱۴۰۰" is stored as "1400"
	}
	i.ClauseIDs, i.WorkItemIDs = uniqueIDs(i.ClauseIDs), uniqueIDs(i.WorkItemIDs)
	i.ReportingKinds = uniqueKinds(i.ReportingKinds)
	i.normalizeRules()
}

// uniqueKinds returns kinds without repeats, in their order; the valid
// ones are then at most len(UnitKinds), and the check of a long list of
// repeats stays linear.
func uniqueKinds(kinds []UnitKind) []UnitKind {
	if kinds == nil {
		return nil
	}
	out := make([]UnitKind, 0, len(UnitKinds))
	seen := map[UnitKind]bool{}
	for _, k := range kinds {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func (i *Indicator) Validate() error {
	f := map[string]string{}
	if !codePattern.MatchString(i.Code) {
		f["code"] = "err.code"
	}
	if i.NameFA == "" {
		f["name_fa"] = "err.required"
	}
	if len([]rune(i.NameFA)) > 300 || len([]rune(i.NameEN)) > 300 {
		f["name_fa"] = "err.too_long"
	}
	if len(i.Description) > 64<<10 {
		f["description"] = "err.too_long"
	}
	if len([]rune(i.Measure)) > 100 {
		f["measure"] = "err.too_long"
	}
	if i.Direction != HigherIsBetter && i.Direction != LowerIsBetter {
		f["direction"] = "err.indicator.direction"
	}
	if i.UnitAgg != AggSum && i.UnitAgg != AggAvg && i.UnitAgg != AggRatio {
		f["unit_agg"] = "err.indicator.unit_agg"
	}
	if i.TimeAgg != AggSum && i.TimeAgg != AggAvg && i.TimeAgg != AggLast {
		f["time_agg"] = "err.indicator.time_agg"
	}
	if _, ok := i.Frequency.Granularity(); !ok {
		f["frequency"] = "err.indicator.frequency"
	}
	i.validateRules(f)
	if t := i.Thresholds; t.AtRisk < 0 || t.OnTrack <= t.AtRisk {
		f["thresholds"] = "err.indicator.thresholds"
	}
	for _, k := range i.ReportingKinds {
		if !k.Valid() {
			f["reporting_kinds"] = "err.unit.kind"
		}
	}
	if i.BaselinePeriod != "" {
		if _, err := jalali.ParsePeriod(i.BaselinePeriod); err != nil {
			f["baseline_period"] = "err.period"
		}
	}
	checkCount(f, "clause_ids", len(i.ClauseIDs), MaxClauseLinks)
	checkCount(f, "work_item_ids", len(i.WorkItemIDs), MaxWorkItemLinks)
	checkText(f, map[string]string{"code": i.Code, "name_fa": i.NameFA, "name_en": i.NameEN,
		"description": i.Description, "measure": i.Measure})
	return Invalid(f)
}

// Target is what an indicator should reach for a unit's subtree in a
// period. Periods without one get a target interpolated between the
// baseline and the next set target (see Interpolate).
type Target struct {
	IndicatorID int64   `json:"indicator_id"`
	UnitID      int64   `json:"unit_id"`
	Period      string  `json:"period"`
	Value       float64 `json:"value"`
}

// Score is an indicator judged for one unit and period: the rolled-up
// value, the target (set or interpolated) and the status.
type Score struct {
	Indicator    *Indicator      `json:"indicator"`
	UnitID       int64           `json:"unit_id"`
	Period       string          `json:"period"`
	Value        *float64        `json:"value"`
	Target       *float64        `json:"target"`
	Interpolated bool            `json:"interpolated"`
	Status       IndicatorStatus `json:"status"`
	Basis        Basis           `json:"basis"`
	// Value is the unit's own figure when it reported one (Own), else the
	// roll-up of its units (Units); both are shown with their difference.
	Own   *float64 `json:"own"`
	Units *float64 `json:"units"`
}

// Difference is the unit's own figure minus the sum of its units, when
// both exist: the reconciliation line under an official total.
func (s Score) Difference() *float64 {
	if s.Own == nil || s.Units == nil {
		return nil
	}
	d := *s.Own - *s.Units
	return &d
}

// IndicatorUpdate is a partial change of an indicator's definition. The
// aggregation rules and frequency are fixed once values exist, since the
// stored roll-ups follow them.
type IndicatorUpdate struct {
	NameFA         *string     `json:"name_fa"`
	NameEN         *string     `json:"name_en"`
	Description    *string     `json:"description"`
	Measure        *string     `json:"measure"`
	Direction      *Direction  `json:"direction"`
	Baseline       *float64    `json:"baseline"`
	BaselinePeriod *string     `json:"baseline_period"`
	Thresholds     *Thresholds `json:"thresholds"`
	Min            *float64    `json:"min"`
	Max            *float64    `json:"max"`
	ReportingKinds *[]UnitKind `json:"reporting_kinds"`
	ClauseIDs      *[]int64    `json:"clause_ids"`
	WorkItemIDs    *[]int64    `json:"work_item_ids"`
	Version        int         `json:"version"`
}

// Apply copies the set fields of up onto i.
func (up IndicatorUpdate) Apply(i *Indicator) {
	setIf(&i.NameFA, up.NameFA)
	setIf(&i.NameEN, up.NameEN)
	setIf(&i.Description, up.Description)
	setIf(&i.Measure, up.Measure)
	setIf(&i.Direction, up.Direction)
	if up.Baseline != nil {
		i.Baseline = up.Baseline
	}
	setIf(&i.BaselinePeriod, up.BaselinePeriod)
	setIf(&i.Thresholds, up.Thresholds)
	if up.Min != nil {
		i.Min = up.Min
	}
	if up.Max != nil {
		i.Max = up.Max
	}
	setIf(&i.ReportingKinds, up.ReportingKinds)
	setIf(&i.ClauseIDs, up.ClauseIDs)
	setIf(&i.WorkItemIDs, up.WorkItemIDs)
}

// IndicatorFilter selects indicators; zero fields do not filter.
type IndicatorFilter struct {
	ClauseID int64 // measuring the clause or a sub-clause
	Q        string
	Page
}

// ValueFilter selects reported values: one indicator or all, one unit
// (exactly, not its subtree), base periods from..to.
type ValueFilter struct {
	IndicatorID int64
	UnitID      int64
	// UnitIDs, when not nil, selects the values of these units only, each
	// exactly (the provinces of a matrix); an empty list selects none.
	UnitIDs []int64
	// IndicatorIDs, when not nil, selects the values of these indicators
	// only (the rows a grid shows); an empty list selects none.
	IndicatorIDs []int64
	From, To     string
}

// ValueTally is how many values one indicator has in a range of periods
// (a ValueFilter's), and how many of them were returned.
type ValueTally struct {
	IndicatorID     int64
	Saved, Returned int
}

// ExplanationStep is one base period of an explanation: the values that
// reported in it and their aggregate over units.
type ExplanationStep struct {
	Period    string           `json:"period"`
	Values    []IndicatorValue `json:"values"`
	Aggregate float64          `json:"aggregate"`
}

// Explanation says how a rolled-up number came about, so that anyone can
// redo the arithmetic: the rules, every contributing value by period, the
// result computed from them and the value the dashboards read.
type Explanation struct {
	Indicator *Indicator        `json:"indicator"`
	UnitID    int64             `json:"unit_id"`
	Period    string            `json:"period"`
	Basis     Basis             `json:"basis"`
	Steps     []ExplanationStep `json:"steps"`
	Computed  *float64          `json:"computed"`
	Stored    *float64          `json:"stored"`
	// Own is the unit's own figure for the period, shown in place of the
	// sum of its units and beside it; Excluded are the subtree's values of
	// the period that this basis does not count (drafts, returned values,
	// submitted ones on the approved basis), each with its state.
	Own      []IndicatorValue `json:"own"`
	Excluded []IndicatorValue `json:"excluded"`
	// Numerator and Denominator are a ratio's inputs for the unit's
	// subtree and period; Computed is Scale × Numerator / Denominator.
	Numerator   *float64 `json:"numerator"`
	Denominator *float64 `json:"denominator"`
}

// IndicatorService manages indicators, their targets and values, and
// answers the dashboards' questions from the roll-ups.
type IndicatorService interface {
	FindIndicatorByID(ctx context.Context, id int64) (*Indicator, error)
	FindIndicators(ctx context.Context, f IndicatorFilter) ([]*Indicator, int, error)
	CreateIndicator(ctx context.Context, i *Indicator) error
	UpdateIndicator(ctx context.Context, id int64, up IndicatorUpdate) (*Indicator, error)
	SetTargets(ctx context.Context, indicatorID int64, targets []Target) error
	FindTargets(ctx context.Context, indicatorID int64) ([]Target, error)
	// FindUnitTargets returns one unit's targets of a Jalali year for the
	// given indicators: what its values grid shows beside the cells.
	FindUnitTargets(ctx context.Context, unitID int64, indicatorIDs []int64, year int) ([]Target, error)

	// SaveValues upserts values (a unit's grid) and keeps every roll-up
	// current in the same transaction.
	SaveValues(ctx context.Context, values []IndicatorValue) ([]*IndicatorValue, error)
	FindValues(ctx context.Context, f ValueFilter) ([]*IndicatorValue, error)
	// TallyValues counts, by indicator, the values FindValues would
	// return for f and how many of them were returned.
	TallyValues(ctx context.Context, f ValueFilter) ([]ValueTally, error)
	// ReviewValues approves or returns values outside a round (the
	// secretariat), moving them into or out of the leadership numbers.
	ReviewValues(ctx context.Context, ids []int64, state ValueState) ([]*IndicatorValue, error)

	// FindRollupSeries returns the numbers of units over the periods
	// from..to of one granularity ("1403-01".."1403-12") on basis b.
	FindRollupSeries(ctx context.Context, indicatorID int64, unitIDs []int64, from, to string, b Basis) ([]Rollup, error)
	FindScores(ctx context.Context, indicatorIDs []int64, unitID int64, period string, b Basis) ([]Score, error)
	// FindScorecard judges the indicators of a clause and its sub-clauses;
	// clause 0 is the indicators linked to no clause.
	FindScorecard(ctx context.Context, clauseID, unitID int64, period string, b Basis) ([]Score, error)
	// LatestPeriod returns the latest period of granularity g in which any
	// indicator has a number for the unit on basis b, or false.
	LatestPeriod(ctx context.Context, unitID int64, g jalali.Granularity, b Basis) (jalali.Period, bool, error)
	Explain(ctx context.Context, indicatorID, unitID int64, period string, b Basis) (*Explanation, error)
}
