package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/analytics"
	"payesh/internal/jalali"
)

var _ payesh.IndicatorService = (*DB)(nil)

// FindIndicators lists the indicators the user may read, by code.
func (db *DB) FindIndicators(ctx context.Context, f payesh.IndicatorFilter) ([]*payesh.Indicator, int, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, 0, err
	}
	readable, err := db.readableIndicators(ctx, s)
	if err != nil {
		return nil, 0, err
	}
	if f.ClauseID == 0 && f.Q == "" {
		return db.allIndicators(ctx, f.Page, readable)
	}
	w := &where{}
	if readable != nil {
		if len(readable) == 0 {
			return []*payesh.Indicator{}, 0, nil
		}
		w.add("i.id IN "+inList(len(readable)), anySlice(mapKeys(readable))...)
	}
	if f.ClauseID != 0 {
		w.add(`i.id IN (SELECT ic.indicator_id FROM indicator_clauses ic JOIN clauses c ON c.id = ic.clause_id
			WHERE c.path LIKE (SELECT path FROM clauses WHERE id = ?) || '%')`, f.ClauseID)
	}
	if f.Q != "" {
		w.add(`(`+foldedColumn("i.name_fa")+` LIKE ? ESCAPE '\' OR lower(i.name_en) LIKE ? ESCAPE '\' OR i.code LIKE ? ESCAPE '\')`, likeFolded(f.Q), like(f.Q), like(f.Q))
	}
	total, err := db.count(ctx, "indicators i", w)
	if err != nil {
		return nil, 0, err
	}
	inds, err := db.indicatorsWhere(ctx, w, ` ORDER BY i.code, i.id`+pageSQL(f.Page))
	return inds, total, err
}

// allIndicators pages the whole list of indicators with their links,
// which the grid and the dashboards read on every request: it is kept
// while nothing changes (read_cache.go), and each caller gets copies.
// readable, when not nil, keeps only the indicators it holds.
func (db *DB) allIndicators(ctx context.Context, page payesh.Page, readable map[int64]bool) ([]*payesh.Indicator, int, error) {
	all, err := db.cachedIndicators(ctx)
	if err != nil {
		return nil, 0, err
	}
	if readable != nil {
		all = slices.DeleteFunc(slices.Clone(all), func(i *payesh.Indicator) bool { return !readable[i.ID] })
	}
	p := page.Normalized()
	lo, hi := min(p.Offset, len(all)), min(p.Offset+p.Limit, len(all))
	out := make([]*payesh.Indicator, 0, hi-lo)
	for _, i := range all[lo:hi] {
		out = append(out, copyIndicator(i))
	}
	return out, len(all), nil
}

// cachedIndicators is every indicator with its links, by code, shared by
// all readers: they copy what they hand on (copyIndicator).
func (db *DB) cachedIndicators(ctx context.Context) ([]*payesh.Indicator, error) {
	v, err := db.cached(ctx, cacheKey{"indicators", 0}, func() (any, error) {
		return db.indicatorsWhere(ctx, &where{}, ` ORDER BY i.code, i.id`)
	})
	if err != nil {
		return nil, err
	}
	return v.([]*payesh.Indicator), nil
}

func copyIndicator(i *payesh.Indicator) *payesh.Indicator {
	c := *i
	c.ReportingKinds, c.ClauseIDs, c.WorkItemIDs = slices.Clone(i.ReportingKinds), slices.Clone(i.ClauseIDs), slices.Clone(i.WorkItemIDs)
	return &c
}

// UpdateIndicator changes an indicator's definition and links.
func (db *DB) UpdateIndicator(ctx context.Context, id int64, up payesh.IndicatorUpdate) (*payesh.Indicator, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(up.Version); err != nil {
		return nil, err
	}
	var after *payesh.Indicator
	err := db.write(ctx, func(tx *Tx) error {
		before, err := db.findIndicator(ctx, tx, id)
		if err != nil {
			return err
		}
		i := *before
		up.Apply(&i)
		i.Normalize()
		// The indicator's own rules first: they bound the lists whose ids the
		// queries below look up.
		if err := i.Validate(); err != nil {
			return err
		}
		if err := firstInvalid(tx.allExist("clauses", i.ClauseIDs, "clause_ids"), tx.allExist("work_items", i.WorkItemIDs, "work_item_ids")); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE indicators SET name_fa = $1, name_en = $2, description = $3, measure = $4,
			direction = $5, baseline = $6, baseline_period = $7, on_track = $8, at_risk = $9, reporting_kinds = $10,
			updated_at = $11, version = version + 1, min_value = $14, max_value = $15 WHERE id = $12 AND version = $13`,
			i.NameFA, i.NameEN, i.Description, i.Measure, i.Direction, i.Baseline, i.BaselinePeriod,
			i.Thresholds.OnTrack, i.Thresholds.AtRisk, joinKinds(i.ReportingKinds), tx.now, id, up.Version, i.Min, i.Max)
		if err != nil {
			return err
		}
		if err := checkVersion(res, func() (any, error) { return db.findIndicator(ctx, tx, id) }); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM indicator_clauses WHERE indicator_id = $1`, `DELETE FROM indicator_work WHERE indicator_id = $1`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		if err := tx.setIndicatorLinks(&i); err != nil {
			return err
		}
		if !slices.Equal(i.ReportingKinds, before.ReportingKinds) {
			// Who reports decides which values add up and which are own
			// figures: every number of the indicator is made again.
			if err := tx.rebuildRollups(&i); err != nil {
				return err
			}
		}
		i.Version, i.UpdatedAt = before.Version+1, tx.now
		if err := tx.audit("indicator", id, payesh.ActionUpdate, before, &i); err != nil {
			return err
		}
		after = &i
		return nil
	})
	return after, err
}

// FindTargets lists an indicator's set targets by unit and period.
func (db *DB) FindTargets(ctx context.Context, indicatorID int64) ([]payesh.Target, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	if err := db.requireIndicator(ctx, s, indicatorID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT unit_id, gran, period, value FROM indicator_targets
		WHERE indicator_id = $1 ORDER BY unit_id, gran, period`, indicatorID)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (payesh.Target, error) {
		t := payesh.Target{IndicatorID: indicatorID}
		var k periodKey
		err := r.Scan(&t.UnitID, &k.gran, &k.code, &t.Value)
		t.Period = k.period().String()
		return t, err
	})
}

const valueColumns = `v.id, v.indicator_id, v.unit_id, v.gran, v.period, v.value, v.note, v.evidence, v.state, v.author_id, v.version, v.updated_at`

// scanValue scans valueColumns, then any extra columns into extra.
func scanValue(r interface{ Scan(...any) error }, extra ...any) (*payesh.IndicatorValue, error) {
	var v payesh.IndicatorValue
	var k periodKey
	var author sql.NullInt64
	dest := append([]any{&v.ID, &v.IndicatorID, &v.UnitID, &k.gran, &k.code, &v.Value, &v.Note, &v.Evidence, &v.State, &author, &v.Version, &v.UpdatedAt}, extra...)
	err := r.Scan(dest...)
	v.Period = k.period().String()
	if author.Valid {
		v.AuthorID = &author.Int64
	}
	return &v, err
}

// FindValues lists reported values of one unit (a grid to fill in), or of
// a set of units (the provinces of a matrix), as the user may read them:
// a value not yet approved only up its unit's chain, and for a partner
// only values of the indicators it reads (payesh.ReadScope).
func (db *DB) FindValues(ctx context.Context, f payesh.ValueFilter) ([]*payesh.IndicatorValue, error) {
	s, readable, err := db.valueReader(ctx)
	if err != nil {
		return nil, err
	}
	q, args, err := findValuesSQL(s, readable, f)
	if err != nil || q == "" {
		return []*payesh.IndicatorValue{}, err
	}
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.IndicatorValue, error) { return scanValue(r) })
}

// TallyValues counts, by indicator, the values FindValues would return
// for f and how many of them were returned, without reading them: a
// grid shown one axis at a time states the empty and returned cells of
// every axis, and read the unit's year of every indicator in full for
// those two numbers.
func (db *DB) TallyValues(ctx context.Context, f payesh.ValueFilter) ([]payesh.ValueTally, error) {
	s, readable, err := db.valueReader(ctx)
	if err != nil {
		return nil, err
	}
	q, args, err := tallyValuesSQL(s, readable, f)
	if err != nil || q == "" {
		return []payesh.ValueTally{}, err
	}
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (t payesh.ValueTally, err error) {
		return t, r.Scan(&t.IndicatorID, &t.Saved, &t.Returned)
	})
}

// valueReader is what decides the values the user in ctx reads: the read
// scope and, for a partner, the indicators it reads (nil: every one).
func (db *DB) valueReader(ctx context.Context) (payesh.ReadScope, map[int64]bool, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return payesh.ReadScope{}, nil, err
	}
	readable, err := db.readableIndicators(ctx, s)
	return s.ReadScope, readable, err
}

// maxValueUnits bounds the units one read of values names: the provinces,
// or any list a page builds, never the whole tree by id.
const maxValueUnits = 2000

// maxValueIndicators bounds the indicators one read of values names: a
// grid's rows, never every indicator by id.
const maxValueIndicators = 2000

// findValuesSQL is FindValues' query for a reader with scope s and, for a
// partner, the indicators it reads; "" when the reader reads none of
// what f asks for.
func findValuesSQL(s payesh.ReadScope, readable map[int64]bool, f payesh.ValueFilter) (string, []any, error) {
	w, err := valuesWhere(s, readable, f)
	if err != nil || w == nil {
		return "", nil, err
	}
	return `SELECT ` + valueColumns + ` FROM indicator_values v` + w.String() +
		` ORDER BY v.indicator_id, v.unit_id, v.gran, v.period LIMIT 10000`, w.args, nil
}

// tallyValuesSQL is TallyValues' query; "" when the reader reads none of
// what f asks for. A unit's range of periods is read from
// indicator_values_unit_period alone, which holds the indicator and the
// state (migrations/025_unit_values_tally.sql).
func tallyValuesSQL(s payesh.ReadScope, readable map[int64]bool, f payesh.ValueFilter) (string, []any, error) {
	w, err := valuesWhere(s, readable, f)
	if err != nil || w == nil {
		return "", nil, err
	}
	returned := "$" + strconv.Itoa(len(w.args)+1)
	return `SELECT v.indicator_id, COUNT(*), SUM(CASE WHEN v.state = ` + returned + ` THEN 1 ELSE 0 END)
		FROM indicator_values v` + w.String() + ` GROUP BY v.indicator_id ORDER BY v.indicator_id`, append(w.args, payesh.ValueReturned), nil
}

// valuesWhere is the condition of FindValues and TallyValues; nil when
// the reader reads none of what f asks for. One indicator over a set of
// units and a period range is a seek per unit on the values' key
// (indicator, unit, gran, period); a unit's row of indicators, a seek per
// indicator.
func valuesWhere(s payesh.ReadScope, readable map[int64]bool, f payesh.ValueFilter) (*where, error) {
	if len(f.UnitIDs) > maxValueUnits {
		return nil, payesh.Invalid(map[string]string{"units": "err.too_many"})
	}
	if len(f.IndicatorIDs) > maxValueIndicators {
		return nil, payesh.Invalid(map[string]string{"indicators": "err.too_many"})
	}
	w := &where{}
	if readable != nil {
		if len(readable) == 0 || f.IndicatorID != 0 && !readable[f.IndicatorID] {
			return nil, nil
		}
		w.add("v.indicator_id IN "+inList(len(readable)), anySlice(mapKeys(readable))...)
	}
	switch {
	case s.AllValues:
	case s.Unit == "":
		w.add("v.state = ?", payesh.ValueApproved)
	default:
		lo, hi := subtreeRange(s.Unit)
		w.add("(v.state = ? OR v.unit_id IN ("+subtreeUnits+"))", payesh.ValueApproved, lo, hi)
	}
	if f.IndicatorID != 0 {
		w.add("v.indicator_id = ?", f.IndicatorID)
	}
	if f.UnitID != 0 {
		w.add("v.unit_id = ?", f.UnitID)
	}
	if f.UnitIDs != nil {
		if len(f.UnitIDs) == 0 {
			return nil, nil
		}
		w.add("v.unit_id IN "+inList(len(f.UnitIDs)), anySlice(f.UnitIDs)...)
	}
	if f.IndicatorIDs != nil {
		if len(f.IndicatorIDs) == 0 {
			return nil, nil
		}
		w.add("v.indicator_id IN "+inList(len(f.IndicatorIDs)), anySlice(f.IndicatorIDs)...)
	}
	for _, b := range []struct {
		s, op, field string
	}{{f.From, ">=", "from"}, {f.To, "<=", "to"}} {
		if b.s == "" {
			continue
		}
		p, err := parsePeriodField(b.s, b.field)
		if err != nil {
			return nil, err
		}
		w.add("v.gran = ? AND v.period "+b.op+" ?", int(p.Gran), keyOf(p).code)
	}
	return w, nil
}

// FindRollupSeries is FindRollups with periods as text.
func (db *DB) FindRollupSeries(ctx context.Context, indicatorID int64, unitIDs []int64, from, to string, b payesh.Basis) ([]payesh.Rollup, error) {
	f, err := parsePeriodField(from, "from")
	if err != nil {
		return nil, err
	}
	t, err := parsePeriodField(to, "to")
	if err != nil {
		return nil, err
	}
	return db.FindRollups(ctx, indicatorID, unitIDs, f, t, b)
}

// LatestPeriod returns the latest period of granularity g in which any
// indicator has a number for the unit on basis b: where a dashboard
// opens. On the approved basis it seeks, per indicator and layer, the end
// of the unit's key range of roll-ups, not every period in it: ten years
// of months were 120 entries an indicator. The provisional basis adds the
// few submitted rows. The answer is kept while nothing changes
// (read_cache.go), but for a partner, who reads a few indicators.
func (db *DB) LatestPeriod(ctx context.Context, unitID int64, g jalali.Granularity, b payesh.Basis) (jalali.Period, bool, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return jalali.Period{}, false, err
	}
	readable, err := db.readableIndicators(ctx, s)
	if err != nil {
		return jalali.Period{}, false, err
	}
	b = s.basisAt(b, unitID)
	if readable != nil {
		// A partner's few indicators, by id: no placeholder, so the
		// statements' numbering stays as it is.
		ids := make([]string, 0, len(readable)+1)
		ids = append(ids, "0")
		for id := range readable {
			ids = append(ids, strconv.FormatInt(id, 10))
		}
		return db.latestPeriod(ctx, unitID, g, b, ` AND i.id IN (`+strings.Join(ids, ", ")+`)`)
	}
	// Everyone else reads every indicator: the answer is theirs alike,
	// kept while nothing changes (a dashboard opens on every visit).
	type latest struct {
		p  jalali.Period
		ok bool
	}
	v, err := db.cached(ctx, cacheKey{"latest:" + strconv.Itoa(int(g)) + ":" + string(b), unitID}, func() (any, error) {
		p, ok, err := db.latestPeriod(ctx, unitID, g, b, "")
		return latest{p, ok}, err
	})
	if err != nil {
		return jalali.Period{}, false, err
	}
	return v.(latest).p, v.(latest).ok, nil
}

// latestPeriod is LatestPeriod of the indicators only selects ("" all).
func (db *DB) latestPeriod(ctx context.Context, unitID int64, g jalali.Granularity, b payesh.Basis, only string) (jalali.Period, bool, error) {
	last := func(layer string) string {
		return `SELECT (SELECT r.period FROM indicator_rollups r WHERE r.indicator_id = i.id AND r.unit_id = $1
			AND r.layer = ` + layer + ` AND r.gran = $4 AND r.cnt > 0 ORDER BY r.period DESC LIMIT 1) AS p
			FROM indicators i WHERE 1 = 1` + only
	}
	var approved sql.NullInt64
	if err := db.db.QueryRowContext(ctx, `SELECT MAX(x.p) FROM (`+last("$2")+` UNION ALL `+last("$3")+`) x`,
		unitID, layerUnitsApproved, layerOwnApproved, int(g)).Scan(&approved); err != nil {
		return jalali.Period{}, false, err
	}
	var keys []periodKey
	if approved.Valid {
		keys = append(keys, periodKey{gran: int(g), code: int(approved.Int64)})
	}
	if b == payesh.BasisProvisional {
		rows, err := db.db.QueryContext(ctx, `SELECT r.gran, MAX(r.period) FROM indicators i CROSS JOIN indicator_rollups r
			WHERE r.indicator_id = i.id AND r.unit_id = $1 AND r.layer IN ($2, $3) AND r.cnt > 0`+only+` GROUP BY r.gran`,
			unitID, layerUnitsSubmitted, layerOwnSubmitted)
		if err != nil {
			return jalali.Period{}, false, err
		}
		submitted, err := scanAll(rows, func(r *sql.Rows) (periodKey, error) {
			var k periodKey
			return k, r.Scan(&k.gran, &k.code)
		})
		if err != nil {
			return jalali.Period{}, false, err
		}
		keys = append(keys, submitted...)
	}
	var best jalali.Period
	found := false
	for _, k := range keys {
		p := jalali.PeriodOf(k.period().First(), g) // a submitted month names its year
		if !found || keyOf(p).code > keyOf(best).code {
			best, found = p, true
		}
	}
	return best, found, nil
}

// Explain recomputes one number from the raw values of the unit's
// subtree on basis b, with every contributing value, beside the stored
// one; the unit's own figure and the values the basis leaves out are
// listed with their states. A ratio is explained by its numerator and
// denominator.
//
// The steps and the own figure are what the number counts, on a basis
// the user may read the unit on (else the approved one, payesh.ReadScope);
// of the values it leaves out, the user sees only those it may read: a
// draft, returned or submitted value only up its unit's chain.
func (db *DB) Explain(ctx context.Context, indicatorID, unitID int64, period string, b payesh.Basis) (*payesh.Explanation, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	p, err := parsePeriodField(period, "period")
	if err != nil {
		return nil, err
	}
	ind, err := db.findIndicator(ctx, db.db, indicatorID)
	if err != nil {
		return nil, err
	}
	if err := db.requireIndicator(ctx, s, indicatorID); err != nil {
		return nil, err
	}
	var rootPath string
	if err := db.db.QueryRowContext(ctx, `SELECT path FROM org_units WHERE id = $1`, unitID).Scan(&rootPath); err != nil {
		return nil, notFoundIfNoRows(err, "org_unit")
	}
	if b == payesh.BasisProvisional && !s.ReadsProvisional(rootPath) {
		b = payesh.BasisApproved
	}
	out := &payesh.Explanation{Indicator: ind, UnitID: unitID, Period: p.String(), Basis: b,
		Steps: []payesh.ExplanationStep{}, Own: []payesh.IndicatorValue{}, Excluded: []payesh.IndicatorValue{}}
	points, tree, err := db.explainValues(ctx, out, rootPath, p)
	if err != nil {
		return nil, err
	}
	if ind.IsRatio() {
		err = db.explainRatio(ctx, out, p)
	} else {
		explainSteps(out, tree, points, p)
	}
	if err != nil {
		return nil, err
	}
	units, _, err := db.numbersAt(ctx, []*payesh.Indicator{ind}, unitID, p, b)
	out.Stored = ptrIf(units, indicatorID)
	if !s.AllValues {
		hideValues(out, s)
	}
	return out, err
}

// hideValues leaves out of an explanation's excluded values those the
// reader may not read.
func hideValues(out *payesh.Explanation, s scope) {
	out.Excluded = slices.DeleteFunc(out.Excluded, func(v payesh.IndicatorValue) bool { return !s.readsValue(&v) })
}

// explainValues reads the subtree's values of the period and sorts them:
// those the basis counts become points, the unit's own figure goes to
// Own, the rest to Excluded. The own figures of units below are another
// number's and are left out.
func (db *DB) explainValues(ctx context.Context, out *payesh.Explanation, rootPath string, p jalali.Period) ([]explainPoint, analytics.Tree, error) {
	base, _ := out.Indicator.Frequency.Granularity()
	first, last := spanOf(p, base)
	rows, err := db.db.QueryContext(ctx, `SELECT `+valueColumns+`, o.path, v.own FROM indicator_values v JOIN org_units o ON o.id = v.unit_id
		WHERE v.indicator_id = $1 AND v.gran = $2 AND v.period BETWEEN $3 AND $4 AND o.path LIKE $5 || '%'
		ORDER BY v.period, v.unit_id`, out.Indicator.ID, int(base), first, last, rootPath)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	tree := analytics.Tree{out.UnitID: rootPath}
	var points []explainPoint
	for rows.Next() {
		var path string
		var own bool
		v, err := scanValue(rows, &path, &own)
		if err != nil {
			return nil, nil, err
		}
		counted := out.Basis.Counts(v.State)
		switch {
		case own && v.UnitID == out.UnitID && counted:
			out.Own = append(out.Own, *v)
		case own:
			if v.UnitID == out.UnitID {
				out.Excluded = append(out.Excluded, *v)
			}
		case counted:
			tree[v.UnitID] = path
			points = append(points, explainPoint{*v, path})
		default:
			out.Excluded = append(out.Excluded, *v)
		}
	}
	return points, tree, rows.Err()
}

// explainPoint is a counted value and its unit's path.
type explainPoint struct {
	v    payesh.IndicatorValue
	path string
}

// explainSteps redoes the roll-up of the counted values by the rules.
func explainSteps(out *payesh.Explanation, tree analytics.Tree, pts []explainPoint, p jalali.Period) {
	points := make([]analytics.Point, len(pts))
	byKey := map[[2]string]payesh.IndicatorValue{}
	for n, pt := range pts {
		vp, _ := jalali.ParsePeriod(pt.v.Period)
		points[n] = analytics.Point{UnitID: pt.v.UnitID, Period: vp, Value: pt.v.Value}
		byKey[[2]string{pt.v.Period, pt.path}] = pt.v
	}
	ex := analytics.Compute(analytics.Rule{UnitAgg: out.Indicator.UnitAgg, TimeAgg: out.Indicator.TimeAgg}, tree, points, out.UnitID, p)
	for _, s := range ex.Steps {
		step := payesh.ExplanationStep{Period: s.Period.String(), Aggregate: s.Aggregate}
		for _, pt := range s.Points {
			step.Values = append(step.Values, byKey[[2]string{s.Period.String(), tree[pt.UnitID]}])
		}
		out.Steps = append(out.Steps, step)
	}
	if ex.HasAny {
		out.Computed = &ex.Value
	}
}

// numberOf reads the roll-up of a unit's units for one period on basis b,
// or nil.
func (db *DB) numberOf(ctx context.Context, ind *payesh.Indicator, unitID int64, p jalali.Period, b payesh.Basis) (*payesh.Rollup, error) {
	if b == payesh.BasisProvisional {
		units, err := db.provisionalSeries(ctx, ind, []int64{unitID}, p, p, false)
		if r, ok := units[seriesKey{unitID, p}]; ok {
			return &r, err
		}
		return nil, err
	}
	k := keyOf(p)
	r := &payesh.Rollup{IndicatorID: ind.ID, UnitID: unitID, Period: p.String(), Basis: b}
	err := db.db.QueryRowContext(ctx, `SELECT value, cnt FROM indicator_rollups
		WHERE indicator_id = $1 AND unit_id = $2 AND layer = $3 AND gran = $4 AND period = $5 AND cnt > 0`,
		ind.ID, unitID, layerUnitsApproved, k.gran, k.code).Scan(&r.Value, &r.Count)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return r, err
}

// explainRatio reads a ratio's numerator and denominator for the unit and
// period on the basis and divides, under the rule the stored ratio
// follows (ratioRows): both from as many values, a denominator not zero.
func (db *DB) explainRatio(ctx context.Context, out *payesh.Explanation, p jalali.Period) error {
	ind := out.Indicator
	counts := map[int64]int{}
	for _, in := range []struct {
		id  int64
		dst **float64
	}{{*ind.NumeratorID, &out.Numerator}, {*ind.DenominatorID, &out.Denominator}} {
		input, err := db.findIndicator(ctx, db.db, in.id)
		if err != nil {
			return err
		}
		r, err := db.numberOf(ctx, input, out.UnitID, p, out.Basis)
		if err != nil || r == nil {
			return err
		}
		*in.dst, counts[in.id] = &r.Value, r.Count
	}
	if out.Numerator != nil && out.Denominator != nil && *out.Denominator != 0 &&
		counts[*ind.NumeratorID] == counts[*ind.DenominatorID] {
		v := ind.Scale * *out.Numerator / *out.Denominator
		out.Computed = &v
	}
	return nil
}
