package web

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// dashFormulaTerms is how many numbers a formula spells out; beyond it the
// page says "the sum of 1,200 values" and the table lists them.
const dashFormulaTerms = 12

// dashOpenValues is how many values in all the steps' tables may show open;
// a national roll-up of every branch's months starts folded.
const dashOpenValues = 60

// dashExplainStep is one base period of an explanation: the values reported
// in it and their aggregate over units, with the arithmetic spelled out.
type dashExplainStep struct {
	Period  string
	Label   string
	Values  []dashExplainValue
	Formula dashMath // ends in the aggregate
}

// dashMath is arithmetic written out. Persian writes formulas left to
// right, as in school books, so pure arithmetic is shown LTR; a formula
// in words ("مجموع ۱٬۲۰۰ مقدار = …") reads with the sentence.
type dashMath struct {
	Text string
	LTR  bool
}

// dashExplainValue is one unit's reported value, written out exactly.
type dashExplainValue struct {
	Unit   *payesh.OrgUnit // nil if the unit has gone since
	Period string          // as people read it; set outside the steps
	Text   string
	State  payesh.ValueState
	Note   string
	// Why is the message key saying why an excluded value is not counted.
	Why string
}

// dashExplainRatio is a ratio's arithmetic: Σ numerator ÷ Σ denominator
// × scale, with the two indicators it divides.
type dashExplainRatio struct {
	Num, Den         *payesh.Indicator // nil if gone
	NumName, DenName string
	NumText, DenText string // "" when nothing was counted
	Formula          dashMath
}

// dashExplainPage shows how one rolled-up number came about.
type dashExplainPage struct {
	Ind         *payesh.Indicator
	Name        string
	Scope       dashScope
	Rule        string
	Steps       []dashExplainStep
	Count       int // values in all steps
	Open        bool
	TimeFormula dashMath // how the steps combine; empty with one base period
	Score       dashScoreRow
	Computed    string // "" when no value contributed
	Stored      string // "" when no roll-up is stored
	Agree       bool
	// Own is the unit's own official figure, which stands for its subtree
	// beside the sum of its units; Excluded the values of the subtree and
	// period this basis does not count, each with why.
	Own      []dashExplainValue
	Excluded []dashExplainValue
	Ratio    *dashExplainRatio
}

// indicatorExplain shows /indicators/{id}/explain?unit=ID&period=1403.
func (s *server) indicatorExplain(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	ind, err := s.Indicators.FindIndicatorByID(ctx, id)
	if err != nil {
		return err
	}
	sc, err := s.dashScopeOf(r)
	if err != nil {
		return err
	}
	ex, err := s.Indicators.Explain(ctx, id, sc.Unit.ID, sc.Period.String(), sc.Basis)
	if err != nil {
		return err
	}
	units, err := s.unitMap(r)
	if err != nil {
		return err
	}
	lang := langOf(r)
	d := &dashExplainPage{Ind: ind, Name: dashIndicatorName(lang, ind), Scope: sc, Rule: dashRuleText(lang, ind, &sc.Period)}
	d.fill(lang, ex, units)
	if ind.IsRatio() {
		if d.Ratio, err = s.dashRatio(r, ind, ex); err != nil {
			return err
		}
	}
	if d.Score, err = s.dashScoreAt(r, ind, sc.Unit.ID, sc.Period, sc.Basis); err != nil {
		return err
	}
	v := s.newView(r, "ui.dash.explain", d)
	v.Title = dashTf(v, "ui.dash.explain_of", d.Name, sc.Label)
	return s.render(w, r, http.StatusOK, "indicator_explain", v)
}

// fill copies an explanation into the page and spells out its arithmetic.
func (d *dashExplainPage) fill(lang i18n.Lang, ex *payesh.Explanation, units map[int64]*payesh.OrgUnit) {
	aggs := make([]float64, 0, len(ex.Steps))
	for _, st := range ex.Steps {
		step := dashExplainStep{Period: st.Period, Label: dashPeriodText(lang, st.Period)}
		vals := make([]float64, len(st.Values))
		for i, v := range st.Values {
			vals[i] = v.Value
			step.Values = append(step.Values, dashExplainValue{Unit: units[v.UnitID], Text: dashDigits(lang, dashExact(lang, v.Value)),
				State: v.State, Note: v.Note})
		}
		step.Formula = dashFormula(lang, d.Ind.UnitAgg, vals, st.Aggregate)
		d.Steps = append(d.Steps, step)
		d.Count += len(st.Values)
		aggs = append(aggs, st.Aggregate)
	}
	d.Open = d.Count <= dashOpenValues
	for _, v := range ex.Own {
		d.Own = append(d.Own, dashExplainOne(lang, v, units))
	}
	for _, v := range ex.Excluded {
		e := dashExplainOne(lang, v, units)
		e.Why = dashExcludedWhy(ex.Basis, v.State)
		d.Excluded = append(d.Excluded, e)
	}
	if ex.Computed != nil {
		d.Computed = dashDigits(lang, dashExact(lang, *ex.Computed))
	}
	if ex.Stored != nil {
		d.Stored = dashDigits(lang, dashExact(lang, *ex.Stored))
	}
	d.Agree = (ex.Computed == nil) == (ex.Stored == nil) && (ex.Computed == nil || dashSame(*ex.Computed, *ex.Stored))
	if len(d.Steps) > 1 && ex.Computed != nil {
		last := d.Steps[len(d.Steps)-1]
		d.TimeFormula = dashTimeFormula(lang, d.Ind.TimeAgg, aggs, *ex.Computed, last.Label)
	}
}

// dashExplainOne is a value outside the steps, with its period named.
func dashExplainOne(lang i18n.Lang, v payesh.IndicatorValue, units map[int64]*payesh.OrgUnit) dashExplainValue {
	return dashExplainValue{Unit: units[v.UnitID], Period: dashPeriodText(lang, v.Period),
		Text: dashDigits(lang, dashExact(lang, v.Value)), State: v.State, Note: v.Note}
}

// dashExcludedWhy says why a value of the subtree is not in the number:
// a draft was never sent, a returned value was sent back, and a submitted
// one waits for approval, which the provisional basis does not.
func dashExcludedWhy(b payesh.Basis, s payesh.ValueState) string {
	switch s {
	case payesh.ValueDraft:
		return "ui.trust.why.draft"
	case payesh.ValueReturned:
		return "ui.trust.why.returned"
	case payesh.ValueSubmitted:
		return "ui.trust.why.submitted"
	}
	return "ui.trust.why.other"
}

// dashRatio spells out a ratio: the indicators it divides, their sums
// over the subtree and period, and Σnum ÷ Σden × scale.
func (s *server) dashRatio(r *http.Request, ind *payesh.Indicator, ex *payesh.Explanation) (*dashExplainRatio, error) {
	lang := langOf(r)
	out := &dashExplainRatio{}
	load := func(id *int64) (*payesh.Indicator, string, error) {
		if id == nil {
			return nil, "—", nil
		}
		i, err := s.Indicators.FindIndicatorByID(r.Context(), *id)
		if payesh.ErrorCode(err) == payesh.ENOTFOUND {
			return nil, "#" + strconv.FormatInt(*id, 10), nil
		} else if err != nil {
			return nil, "", err
		}
		return i, dashIndicatorName(lang, i), nil
	}
	var err error
	if out.Num, out.NumName, err = load(ind.NumeratorID); err != nil {
		return nil, err
	}
	if out.Den, out.DenName, err = load(ind.DenominatorID); err != nil {
		return nil, err
	}
	if ex.Numerator != nil {
		out.NumText = dashDigits(lang, dashExact(lang, *ex.Numerator))
	}
	if ex.Denominator != nil {
		out.DenText = dashDigits(lang, dashExact(lang, *ex.Denominator))
	}
	if ex.Numerator != nil && ex.Denominator != nil && ex.Computed != nil {
		text := dashExact(lang, *ex.Numerator) + " ÷ " + dashExact(lang, *ex.Denominator)
		if ind.Scale != 1 {
			text += " × " + dashExact(lang, ind.Scale)
		}
		out.Formula = dashMath{Text: dashDigits(lang, text+" = "+dashExact(lang, *ex.Computed)), LTR: true}
	}
	return out, nil
}

// dashSame reports whether two results agree up to the rounding of adding
// the same numbers in another order.
func dashSame(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// dashFormula spells out an aggregate: "۱۰ + ۲۰ = ۳۰", "(۱۰ + ۲۰) ÷ ۲ = ۱۵";
// with many terms, "مجموع ۱٬۲۰۰ مقدار = …"; a single value is itself.
func dashFormula(lang i18n.Lang, agg payesh.Aggregation, vals []float64, result float64) dashMath {
	n := len(vals)
	total := " = " + dashExact(lang, result)
	switch {
	case n == 0:
		return dashMath{}
	case n == 1: // "۴۰ = ۴۰" says nothing
		return dashMath{Text: dashDigits(lang, dashExact(lang, result)), LTR: true}
	case n > dashFormulaTerms:
		key := "ui.dash.formula.sum_of"
		if agg == payesh.AggAvg {
			key = "ui.dash.formula.avg_of"
		}
		return dashMath{Text: dashDigits(lang, fmt.Sprintf(i18n.T(lang, key), groupThousands(n, lang))+total)}
	case agg == payesh.AggAvg:
		return dashMath{Text: dashDigits(lang, "("+dashJoin(lang, vals)+") ÷ "+groupThousands(n, lang)+total), LTR: true}
	}
	return dashMath{Text: dashDigits(lang, dashJoin(lang, vals)+total), LTR: true}
}

// dashTimeFormula spells out how the base periods combine into the period.
func dashTimeFormula(lang i18n.Lang, agg payesh.Aggregation, aggs []float64, result float64, lastLabel string) dashMath {
	if agg == payesh.AggLast {
		return dashMath{Text: dashDigits(lang, fmt.Sprintf(i18n.T(lang, "ui.dash.formula.last"), lastLabel, dashExact(lang, result)))}
	}
	return dashFormula(lang, agg, aggs, result)
}

func dashJoin(lang i18n.Lang, vals []float64) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = dashExact(lang, v)
	}
	return strings.Join(parts, " + ")
}

// dashExact shows a number with up to four decimals (the tables round
// to one), so that the arithmetic on the page can be checked by hand.
func dashExact(lang i18n.Lang, v float64) string {
	r := math.Round(v*10000) / 10000
	s := strconv.FormatFloat(math.Abs(r), 'f', -1, 64)
	whole, frac, hasFrac := strings.Cut(s, ".")
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return s // beyond int64: as Go writes it
	}
	out := groupThousands(n, lang)
	if hasFrac {
		dec := "."
		if lang == i18n.FA {
			dec = "٫"
		}
		out += dec + frac
	}
	if r < 0 {
		out = "-" + out
	}
	return out
}

func dashDigits(lang i18n.Lang, s string) string {
	if lang == i18n.FA {
		return jalali.ToPersianDigits(s)
	}
	return s
}
