package demo

import (
	"fmt"

	"payesh"
)

// indicatorSpec is one demo indicator and the figures the sources give for
// it. Indicators the sources name without a figure (treatment coverage,
// audience satisfaction) are defined with no values: the dashboards then
// say "no data", which is the truth.
type indicatorSpec struct {
	code, nameFA, nameEN, measure, desc string
	dir                                 payesh.Direction
	unitAgg, timeAgg                    payesh.Aggregation
	kinds                               []payesh.UnitKind
	clauses                             []string
	values                              []figure
	// num and den name a ratio's numerator and denominator (codes of
	// indicators listed before it).
	num, den string
}

// figure is one reported value: a unit (by code), a Jalali year, the
// number and the source's own words.
type figure struct {
	unit, period string
	value        float64
	note         string
}

const (
	factsNote  = "منبع: گزارش‌های عمومی دربارهٔ سازمان تأمین اجتماعی (DOMAIN-FACTS)."
	approxNote = "رقم تقریبی است، آن‌گونه که منبع گفته است."
)

func indicatorSpecs() []indicatorSpec {
	output := func(code, fa, en, measure string, v float64, words string) indicatorSpec {
		return indicatorSpec{code: code, nameFA: fa, nameEN: en, measure: measure, dir: payesh.HigherIsBetter,
			unitAgg: payesh.AggSum, timeAgg: payesh.AggSum, kinds: []payesh.UnitKind{payesh.UnitOffice}, clauses: clause8,
			desc:   "بروندادهای دفتر امور زنان و خانواده در سال نخست پس از ابلاغ سیاست‌ها. " + src003,
			values: []figure{{unitWomen, "1401", v, words + " (گزارش یک‌ساله، ۱۴۰۲/۰۱/۲۱). " + src003}}}
	}
	province := []payesh.UnitKind{payesh.UnitProvince}
	return []indicatorSpec{
		{code: "insured-population", nameFA: "جمعیت زیر پوشش بیمه", nameEN: "Insured population", measure: "نفر",
			dir: payesh.HigherIsBetter, unitAgg: payesh.AggSum, timeAgg: payesh.AggLast, kinds: province,
			desc: "شمار افراد زیر پوشش بیمه در هر استان، صورت نسبت پوشش. رقم استانی در منابع نیست. " + factsNote},
		{code: "population", nameFA: "جمعیت", nameEN: "Population", measure: "نفر",
			dir: payesh.HigherIsBetter, unitAgg: payesh.AggSum, timeAgg: payesh.AggLast, kinds: province,
			desc: "جمعیت هر استان، مخرج نسبت پوشش. رقم استانی در منابع نیست. " + factsNote},
		{code: "coverage-insurance", nameFA: "پوشش بیمهٔ اجتماعی جمعیت کشور", nameEN: "Social insurance coverage of the population", measure: "درصد",
			dir: payesh.HigherIsBetter, unitAgg: payesh.AggRatio, timeAgg: payesh.AggLast, kinds: province,
			num: "insured-population", den: "population",
			desc: "سهم جمعیت کشور زیر پوشش بیمهٔ اجتماعی، از همهٔ صندوق‌ها و بیمه‌گرها و نه تنها سازمان؛ سهم خود سازمان در منابع «بیش از نیمی از جمعیت» آمده است. " +
				"رقم هر استان از تقسیم جمعیت زیر پوشش بر جمعیت آن به دست می‌آید. " + factsNote,
			values: []figure{{unitSSO, "1401", 73, "بیش از ۷۳ درصد جمعیت کشور زیر پوشش بیمهٔ اجتماعی، همهٔ بیمه‌گرها (حدود ۱۴۰۱ تا ۱۴۰۲). " + factsNote}}},
		{code: "coverage-treatment", nameFA: "پوشش درمانی", nameEN: "Treatment coverage", measure: "درصد",
			dir: payesh.HigherIsBetter, unitAgg: payesh.AggAvg, timeAgg: payesh.AggLast, kinds: province,
			desc: "در گزارش به استاندار خراسان رضوی از آن یاد شده، اما رقمی در منابع نیست. " + src004},
		{code: "government-debt", nameFA: "بدهی دولت به سازمان", nameEN: "Government debt to the organization", measure: "ریال",
			dir: payesh.LowerIsBetter, unitAgg: payesh.AggSum, timeAgg: payesh.AggLast,
			desc:   "توقف انباشت بدهی دولت به صندوق‌ها از ویژگی‌های سیاست‌هاست. " + factsNote,
			values: []figure{{unitSSO, "1401", 3000e12, "حدود ۳٬۰۰۰ هزار میلیارد ریال در زمان بودجهٔ ۱۴۰۱. " + approxNote + " " + factsNote}}},
		{code: "audience-satisfaction", nameFA: "رضایت مخاطبان از خدمات", nameEN: "Audience satisfaction", measure: "درصد",
			dir: payesh.HigherIsBetter, unitAgg: payesh.AggAvg, timeAgg: payesh.AggAvg, kinds: province,
			desc: "مدیرعامل افزایش رضایتمندی مخاطبان را اولویت اصلی خواند؛ رقمی در منابع نیست. " + src004},
		{code: "pensioners", nameFA: "مستمری‌بگیران", nameEN: "Pensioners", measure: "نفر",
			dir: payesh.HigherIsBetter, unitAgg: payesh.AggSum, timeAgg: payesh.AggLast, kinds: province,
			desc:   "شمار مستمری‌بگیران سازمان؛ رقم منبع رقم کل سازمان است. " + factsNote,
			values: []figure{{unitSSO, "1396", 6.08e6, "۶٫۰۸ میلیون نفر در پایان ۱۳۹۶ (۳٫۴۷ میلیون مستمری‌بگیر اصلی). " + factsNote}}},
		{code: "contributors", nameFA: "بیمه‌پردازان", nameEN: "Contributors", measure: "نفر",
			dir: payesh.HigherIsBetter, unitAgg: payesh.AggSum, timeAgg: payesh.AggLast, kinds: province,
			desc: "شمار بیمه‌شدگان پرداخت‌کنندهٔ حق بیمه، صورت نسبت پشتیبانی. رقم استانی در منابع نیست. " + factsNote},
		{code: "support-ratio", nameFA: "نسبت پشتیبانی (بیمه‌پرداز به مستمری‌بگیر)", nameEN: "Support ratio (contributors per pensioner)", measure: "نسبت",
			dir: payesh.HigherIsBetter, unitAgg: payesh.AggRatio, timeAgg: payesh.AggLast, kinds: province,
			num: "contributors", den: "pensioners",
			desc:   "رقم سازمان؛ پیش از ۱۳۵۷ حدود ۲۲ بود. " + factsNote,
			values: []figure{{unitSSO, "1401", 4.2, "حدود ۴٫۲ (حدود ۱۴۰۱ تا ۱۴۰۲). " + approxNote + " " + factsNote}}},
		output("c8-content", "محتوای منتشرشده دربارهٔ تحکیم خانواده و فرزندآوری", "Content published on family and childbearing", "محتوا", 258, "بیش از ۲۵۸ محتوا"),
		output("c8-courses", "دوره‌های آموزشی قانون جوانی جمعیت", "Training courses on the Youthful Population law", "دوره", 8, "۸ دوره"),
		output("c8-research-hours", "کار کارگروه پژوهشی زنان", "Women's research working group", "نفرساعت", 300, "بیش از ۳۰۰ نفرساعت"),
		output("c8-counselling-hours", "مشاورهٔ میدانی ناباروری", "Field infertility counselling", "ساعت", 50, "بیش از ۵۰ ساعت"),
	}
}

// loadIndicators defines the indicators and enters their figures. No
// target is set: the sources give none.
func (l *loader) loadIndicators() error {
	if l.svc.Indicators == nil {
		return nil
	}
	byCode := map[string]*payesh.Indicator{}
	for _, s := range indicatorSpecs() {
		ind := &payesh.Indicator{Code: s.code, NameFA: s.nameFA, NameEN: s.nameEN, Description: s.desc, Measure: s.measure,
			Direction: s.dir, UnitAgg: s.unitAgg, TimeAgg: s.timeAgg, Frequency: payesh.Yearly,
			ReportingKinds: s.kinds, ClauseIDs: l.clauseIDs(s.clauses)}
		if s.num != "" {
			ind.NumeratorID, ind.DenominatorID = &byCode[s.num].ID, &byCode[s.den].ID
		}
		byCode[s.code] = ind
		if err := l.svc.Indicators.CreateIndicator(l.ctx, ind); err != nil {
			return fmt.Errorf("indicator %s: %w", s.code, err)
		}
		l.sum.Indicators++
		var vals []payesh.IndicatorValue
		for _, f := range s.values {
			vals = append(vals, payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: l.unit(f.unit), Period: f.period, Value: f.value, Note: f.note})
		}
		if len(vals) == 0 {
			continue
		}
		saved, err := l.svc.Indicators.SaveValues(l.ctx, vals)
		if err != nil {
			return fmt.Errorf("indicator %s values: %w", s.code, err)
		}
		// The sources' figures are published facts: the secretariat
		// approves them, so leadership numbers show them.
		ids := make([]int64, len(saved))
		for n, v := range saved {
			ids[n] = v.ID
		}
		if _, err := l.svc.Indicators.ReviewValues(l.ctx, ids, payesh.ValueApproved); err != nil {
			return fmt.Errorf("indicator %s approval: %w", s.code, err)
		}
		l.sum.Values += len(vals)
	}
	return nil
}
