package demo

import (
	"context"
	"fmt"
	"math"
	"time"

	"payesh"
	"payesh/internal/jalali"
)

// The training set (payesh demo --training, make run) gives people
// something to practise on that the facts cannot: provinces' monthly
// values, targets to judge them by, and a reporting round in progress.
// Every number in it is made up, so it is kept apart from the facts of
// the source reports and marked wherever it shows (payesh.TrainingPrefix,
// TrainingMark, TrainingNote): its own indicators, linked to no clause,
// so that no clause's status counts it; a round whose title says it is
// for training; and a note on every value. The facts are not touched.

// TrainingSummary tells what LoadTraining did.
type TrainingSummary struct {
	// Skipped is true when the training set was already loaded.
	Skipped    bool
	Indicators int
	Values     int
	Targets    int
	RoundID    int64
	Reports    int
	Submitted  int
}

// String is the one-line report the command line prints.
func (s TrainingSummary) String() string {
	if s.Skipped {
		return "training set already loaded; nothing to do"
	}
	return fmt.Sprintf("training set loaded (illustrative, marked «آموزشی»): %d indicators with %d monthly values and %d targets, a round in progress with %d reports (%d submitted)",
		s.Indicators, s.Values, s.Targets, s.Reports, s.Submitted)
}

// trainingSpec is one training indicator and how its made-up monthly
// figure for a province is drawn: base and spread by the province's
// place in the list, a slow trend over the months.
type trainingSpec struct {
	code, nameFA, nameEN, measure, desc string
	dir                                 payesh.Direction
	unitAgg, timeAgg                    payesh.Aggregation
	value                               func(province, month int) float64
	// target is a province's target for a year whose last month is
	// lastMonth (counted as value counts its months).
	target func(province, lastMonth int) float64
}

func trainingSpecs() []trainingSpec {
	base := func(p int) float64 { return float64(20000 + (p*7919)%60000) }
	// A province's level grows 1.5% a month; its target for a year is the
	// level of the year's last month times a stretch of its own, so that
	// some provinces are on track, some at risk and some off track.
	stretch := func(p int) float64 { return []float64{0.92, 1.0, 1.08, 1.2, 1.35}[p%5] }
	return []trainingSpec{
		{code: payesh.TrainingPrefix + "main-insured", nameFA: payesh.TrainingMark + "بیمه‌شدگان اصلی", nameEN: "[Training] Main insured persons",
			measure: "نفر", dir: payesh.HigherIsBetter, unitAgg: payesh.AggSum, timeAgg: payesh.AggLast,
			desc: "شاخص آموزشی: شمار بیمه‌شدگان اصلی هر استان در پایان هر ماه. " + payesh.TrainingNote,
			value: func(p, m int) float64 {
				return math.Round(base(p)*(1+0.015*float64(m)) + float64((p*31+m*17)%60))
			},
			target: func(p, lastMonth int) float64 {
				return math.Round(base(p)*(1+0.015*float64(lastMonth))*stretch(p)/100) * 100
			}},
		{code: payesh.TrainingPrefix + "pension-days", nameFA: payesh.TrainingMark + "میانگین زمان رسیدگی به درخواست مستمری", nameEN: "[Training] Average days to settle a pension claim",
			measure: "روز", dir: payesh.LowerIsBetter, unitAgg: payesh.AggAvg, timeAgg: payesh.AggAvg,
			desc: "شاخص آموزشی: میانگین روزهایی که از ثبت درخواست مستمری تا برقراری آن می‌گذرد. " + payesh.TrainingNote,
			value: func(p, m int) float64 {
				return float64(14 + (p*7)%12 + (m*5+p)%6 - m/4)
			},
			target: func(p, _ int) float64 { return []float64{21, 18, 16}[p%3] }},
	}
}

// trainingSilent are the provinces that report nothing in the training
// set, so that the rankings show what a province that did not report
// looks like (listed apart, under «بدون داده»).
var trainingSilent = map[string]bool{"prov-ilam": true, "prov-semnan": true, "prov-khorasan-jonubi": true}

// LoadTraining adds the training set to a database the demo is loaded in,
// as of now: the last year's months and this year's months before the
// current one, the latest of them left as drafts (entered, not yet
// approved); a target per province for both years; a round for the last
// season, due in two weeks, that some provinces have submitted. It is
// idempotent: when the training indicators exist it does nothing. svc
// needs Units, Indicators and Reports.
func LoadTraining(ctx context.Context, svc Services, now time.Time) (TrainingSummary, error) {
	var sum TrainingSummary
	if payesh.UserFrom(ctx) == nil {
		ctx = payesh.WithUser(ctx, payesh.System)
	}
	if svc.Indicators == nil || svc.Reports == nil {
		return sum, fmt.Errorf("demo: the training set needs the indicator and report services")
	}
	if loaded, err := Loaded(ctx, svc.Documents); err != nil {
		return sum, err
	} else if !loaded {
		return sum, fmt.Errorf("demo: load the demo before its training set")
	}
	specs := trainingSpecs()
	if found, _, err := svc.Indicators.FindIndicators(ctx, payesh.IndicatorFilter{Q: specs[0].code, Page: payesh.Page{Limit: 10}}); err != nil {
		return sum, err
	} else {
		for _, ind := range found {
			if ind.Code == specs[0].code {
				return TrainingSummary{Skipped: true}, nil
			}
		}
	}
	var provinces []*payesh.OrgUnit
	for _, s := range orgUnits() {
		if s.kind != payesh.UnitProvince {
			continue
		}
		u, err := svc.Units.FindOrgUnitByCode(ctx, s.code)
		if err != nil {
			return sum, fmt.Errorf("demo: training: unit %s: %w", s.code, err)
		}
		provinces = append(provinces, u)
	}
	root, err := svc.Units.FindOrgUnitByCode(ctx, unitSSO)
	if err != nil {
		return sum, err
	}
	today := payesh.Today(now).Jalali()
	months := trainingMonths(today)
	for _, s := range specs {
		if err := loadTrainingIndicator(ctx, svc, s, root, provinces, months, today.Year, &sum); err != nil {
			return sum, fmt.Errorf("demo: training indicator %s: %w", s.code, err)
		}
	}
	if err := loadTrainingRound(ctx, svc, provinces, now, &sum); err != nil {
		return sum, fmt.Errorf("demo: training round: %w", err)
	}
	return sum, nil
}

// trainingMonths are the months with training values: the whole of last
// year, and this year's months before the current one.
func trainingMonths(today jalali.Date) []jalali.Period {
	var ms []jalali.Period
	for n := 1; n <= 12; n++ {
		ms = append(ms, jalali.Period{Gran: jalali.Month, Year: today.Year - 1, N: n})
	}
	for n := 1; n < today.Month; n++ {
		ms = append(ms, jalali.Period{Gran: jalali.Month, Year: today.Year, N: n})
	}
	return ms
}

func loadTrainingIndicator(ctx context.Context, svc Services, s trainingSpec, root *payesh.OrgUnit, provinces []*payesh.OrgUnit,
	months []jalali.Period, year int, sum *TrainingSummary) error {
	ind := &payesh.Indicator{Code: s.code, NameFA: s.nameFA, NameEN: s.nameEN, Description: s.desc, Measure: s.measure,
		Direction: s.dir, UnitAgg: s.unitAgg, TimeAgg: s.timeAgg, Frequency: payesh.Monthly,
		ReportingKinds: []payesh.UnitKind{payesh.UnitProvince}}
	if err := svc.Indicators.CreateIndicator(ctx, ind); err != nil {
		return err
	}
	sum.Indicators++
	// Months are counted from the first month of last year: last
	// year ends at 11, this year at 23.
	var targets []payesh.Target
	for k, y := range []int{year - 1, year} {
		var national float64
		for i, u := range provinces {
			t := s.target(i, 12*k+11)
			national += t
			targets = append(targets, payesh.Target{UnitID: u.ID, Period: fmt.Sprint(y), Value: t})
		}
		if s.unitAgg == payesh.AggAvg {
			national = math.Round(national / float64(len(provinces)))
		}
		targets = append(targets, payesh.Target{UnitID: root.ID, Period: fmt.Sprint(y), Value: national})
	}
	if err := svc.Indicators.SetTargets(ctx, ind.ID, targets); err != nil {
		return err
	}
	sum.Targets += len(targets)
	for mi, m := range months {
		var vals []payesh.IndicatorValue
		for i, u := range provinces {
			if trainingSilent[u.Code] {
				continue
			}
			vals = append(vals, payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: u.ID, Period: m.String(),
				Value: s.value(i, mi), Note: payesh.TrainingNote})
		}
		saved, err := svc.Indicators.SaveValues(ctx, vals)
		if err != nil {
			return fmt.Errorf("values of %s: %w", m, err)
		}
		sum.Values += len(saved)
		if mi == len(months)-1 {
			break // the latest month stays entered, not yet approved
		}
		ids := make([]int64, len(saved))
		for n, v := range saved {
			ids[n] = v.ID
		}
		if _, err := svc.Indicators.ReviewValues(ctx, ids, payesh.ValueApproved); err != nil {
			return fmt.Errorf("approving %s: %w", m, err)
		}
	}
	return nil
}

// loadTrainingRound opens a round for the last season, due in two weeks,
// for every province, and submits the reports of every third one.
func loadTrainingRound(ctx context.Context, svc Services, provinces []*payesh.OrgUnit, now time.Time, sum *TrainingSummary) error {
	today := payesh.Today(now)
	j := today.Jalali()
	season := jalali.Period{Gran: jalali.Quarter, Year: j.Year, N: (j.Month-1)/3 + 1}
	if season.N == 1 {
		season = jalali.Period{Gran: jalali.Quarter, Year: j.Year - 1, N: 4}
	} else {
		season.N--
	}
	ids := make([]int64, len(provinces))
	for i, u := range provinces {
		ids[i] = u.ID
	}
	round := &payesh.Round{Title: payesh.TrainingMark + "گزارش فصلی استان‌ها — " + season.Label(), Period: season.String(),
		Deadline: today.AddDays(14), UnitIDs: ids}
	if err := svc.Reports.CreateRound(ctx, round); err != nil {
		return err
	}
	sum.RoundID = round.ID
	reports, n, err := svc.Reports.FindReports(ctx, payesh.ReportFilter{RoundID: round.ID, Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		return err
	}
	sum.Reports = n
	for i, rep := range reports {
		if i%3 != 0 {
			continue
		}
		if _, err := svc.Reports.Review(ctx, rep.ID, payesh.ReviewInput{Action: payesh.ActSubmit, Version: rep.Version, Confirm: true}); err != nil {
			return fmt.Errorf("submitting report %d: %w", rep.ID, err)
		}
		sum.Submitted++
	}
	return nil
}
