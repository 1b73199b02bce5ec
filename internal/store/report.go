package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"payesh"
	"payesh/internal/jalali"
)

const reportColumns = `p.id, p.round_id, p.unit_id, p.state, p.level, p.achievements, p.obstacles, p.requests,
	p.submitted_at, p.approved_at, p.version, p.updated_at`

func scanReport(row interface{ Scan(...any) error }, extra ...any) (*payesh.Report, error) {
	var r payesh.Report
	var sub, appr sql.NullTime
	dest := append([]any{&r.ID, &r.RoundID, &r.UnitID, &r.State, &r.Level, &r.Achievements, &r.Obstacles, &r.Requests,
		&sub, &appr, &r.Version, &r.UpdatedAt}, extra...)
	err := row.Scan(dest...)
	if sub.Valid {
		r.SubmittedAt = &sub.Time
	}
	if appr.Valid {
		r.ApprovedAt = &appr.Time
	}
	return &r, err
}

// reportCtx is a report with what deciding on it needs: its unit's path
// and its round.
type reportCtx struct {
	*payesh.Report
	unitPath string
	round    *payesh.Round
}

func (db *DB) loadReport(ctx context.Context, q queryer, id int64) (*reportCtx, error) {
	var path string
	r, err := scanReport(q.QueryRowContext(ctx, `SELECT `+reportColumns+`, o.path FROM reports p
		JOIN org_units o ON o.id = p.unit_id WHERE p.id = $1`, id), &path)
	if err != nil {
		return nil, notFoundIfNoRows(err, "report")
	}
	round, err := db.findRound(ctx, q, r.RoundID)
	if err != nil {
		return nil, err
	}
	return &reportCtx{Report: r, unitPath: path, round: round}, nil
}

// canRead: a report is read by its unit's subtree's ancestors — the unit
// itself, its province, the organization — and by the secretariat
// (payesh.ReadScope.ReadsReport). Anyone else is told it does not exist.
func canRead(u *payesh.User, unitPath string) bool {
	return u.CanConfigure() || payesh.IsUnder(unitPath, u.UnitPath)
}

// FindReport returns a report its reader may see.
func (db *DB) FindReport(ctx context.Context, id int64) (*payesh.Report, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	rc, err := db.loadReport(ctx, db.db, id)
	if err != nil {
		return nil, err
	}
	if !canRead(u, rc.unitPath) {
		return nil, payesh.NotFound("report")
	}
	return rc.Report, nil
}

// FindReports lists reports the user may read, by round then unit.
func (db *DB) FindReports(ctx context.Context, f payesh.ReportFilter) ([]*payesh.Report, int, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, 0, err
	}
	w := &where{}
	if f.ToReview {
		w.args = []any{u.ID} // $1: the reviewer, whose part in each report is read beside it
	}
	if !u.CanConfigure() {
		w.add("o.path LIKE ?", u.UnitPath+"%")
	}
	if f.RoundID != 0 {
		w.add("p.round_id = ?", f.RoundID)
	}
	if f.UnitID != 0 {
		w.add("o.path LIKE (SELECT path FROM org_units WHERE id = ?) || '%'", f.UnitID)
	}
	if len(f.States) > 0 {
		w.add("p.state IN "+inList(len(f.States)), anySlice(f.States)...)
	}
	if f.ToReview {
		w.add("p.state = ?", payesh.ReportSubmitted)
		return db.reportsToReview(ctx, u, w, f.Page)
	}
	from := "reports p JOIN org_units o ON o.id = p.unit_id"
	total, err := db.count(ctx, from, w)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+reportColumns+` FROM `+from+w.String()+
		` ORDER BY p.round_id DESC, o.path, p.id`+pageSQL(f.Page), w.args...)
	if err != nil {
		return nil, 0, err
	}
	reports, err := scanAll(rows, func(r *sql.Rows) (*payesh.Report, error) { return scanReport(r) })
	return reports, total, err
}

// reportsToReview keeps the submitted reports whose current step the
// user takes and may take: by role (mayReview) and by separation of duties
// (dutyBar). One query reads each candidate's unit path, round chain and
// the user's part in it — report_authors by its key, (report, user) — and
// the chains are resolved in Go against the cached org tree, so the list
// is one query however many reports wait, not a few per report; only the
// page's reports are then read whole. w holds the user's id as $1.
func (db *DB) reportsToReview(ctx context.Context, u *payesh.User, w *where, page payesh.Page) ([]*payesh.Report, int, error) {
	units, err := db.FindAllOrgUnits(ctx)
	if err != nil {
		return nil, 0, err
	}
	kinds := make(map[int64]payesh.UnitKind, len(units))
	for _, o := range units {
		kinds[o.ID] = o.Kind
	}
	var mine []int64
	err = db.eachRow(ctx, `SELECT p.id, p.unit_id, p.level, o.path, r.chain, r.allow_self_review,
		COALESCE((SELECT a.submitter + 1 FROM report_authors a WHERE a.report_id = p.id AND a.user_id = $1), 0)
		FROM reports p JOIN org_units o ON o.id = p.unit_id JOIN rounds r ON r.id = p.round_id`+w.String()+
		` ORDER BY p.round_id DESC, o.path, p.id`, w.args, func(scan func(...any) error) error {
		var c reviewCase
		var path, chain string
		var level int
		if err := scan(&c.reportID, &c.unitID, &level, &path, &chain, &c.allowSelf, &c.part); err != nil {
			return err
		}
		steps := resolveChain(splitLevels(chain), provinceIn(path, kinds))
		if level < len(steps) && mayReview(u, steps[level]) && dutyBar(u, c, steps[level]) == nil {
			mine = append(mine, c.reportID)
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	p := page.Normalized()
	if p.Offset >= len(mine) {
		return []*payesh.Report{}, len(mine), nil
	}
	ids := mine[p.Offset:min(p.Offset+p.Limit, len(mine))]
	in := &where{}
	in.add("p.id IN "+inList(len(ids)), anySlice(ids)...)
	rows, err := db.db.QueryContext(ctx, `SELECT `+reportColumns+` FROM reports p`+in.String(), in.args...)
	if err != nil {
		return nil, 0, err
	}
	list, err := scanAll(rows, func(r *sql.Rows) (*payesh.Report, error) { return scanReport(r) })
	if err != nil {
		return nil, 0, err
	}
	byID := make(map[int64]*payesh.Report, len(list))
	for _, r := range list {
		byID[r.ID] = r
	}
	out := make([]*payesh.Report, 0, len(ids))
	for _, id := range ids {
		if r := byID[id]; r != nil {
			out = append(out, r)
		}
	}
	return out, len(mine), nil
}

// provinceIn returns the nearest unit of kind province strictly above the
// unit at path, by the kinds of the org tree, or 0.
func provinceIn(path string, kinds map[int64]payesh.UnitKind) int64 {
	ids := ancestors(path)
	for i := len(ids) - 2; i >= 0; i-- {
		if kinds[ids[i]] == payesh.UnitProvince {
			return ids[i]
		}
	}
	return 0
}

// resolveChain turns a round's levels into a report's steps: the province
// level is the province above the unit, or no step when there is none.
func resolveChain(levels []payesh.ReviewLevel, province int64) []payesh.ChainStep {
	var steps []payesh.ChainStep
	for _, l := range levels {
		switch {
		case l == payesh.LevelSecretariat:
			steps = append(steps, payesh.ChainStep{Level: l})
		case province != 0:
			steps = append(steps, payesh.ChainStep{Level: l, UnitID: province})
		}
	}
	return steps
}

// chainOf resolves a round's chain for one report: the province level
// becomes the nearest provincial directorate above the unit, or nothing.
func (db *DB) chainOf(ctx context.Context, q queryer, rc *reportCtx) ([]payesh.ChainStep, error) {
	var prov int64
	if slices.Contains(rc.round.Chain, payesh.LevelProvince) {
		var err error
		if prov, err = provinceAbove(ctx, q, rc.unitPath); err != nil {
			return nil, err
		}
	}
	return resolveChain(rc.round.Chain, prov), nil
}

// provinceAbove returns the nearest unit of kind province strictly above
// the unit at path, or 0.
func provinceAbove(ctx context.Context, q queryer, path string) (int64, error) {
	ids := ancestors(path)
	for i := len(ids) - 2; i >= 0; i-- {
		var kind payesh.UnitKind
		if err := q.QueryRowContext(ctx, `SELECT kind FROM org_units WHERE id = $1`, ids[i]).Scan(&kind); err != nil {
			return 0, err
		}
		if kind == payesh.UnitProvince {
			return ids[i], nil
		}
	}
	return 0, nil
}

// mayReview: the province's own people (not its viewers) review at the
// province step, admins anywhere; the secretariat step is the
// secretariat's.
func mayReview(u *payesh.User, s payesh.ChainStep) bool {
	if s.Level == payesh.LevelSecretariat {
		return u.CanConfigure()
	}
	return u.CanAdminister() || (u.Active && u.UnitID == s.UnitID && u.Role != payesh.RoleViewer)
}

// Separation of duties. Whoever may take a step by role (mayReview) still
// leaves a report to someone else when they submitted it, wrote part of it
// in this submission, or belong to its unit: a province reporter does not
// approve what it sent for its branch, a branch's own people never review
// their branch's report, and a secretariat-only chain needs a second
// secretariat user. A round with AllowSelfReview lets the secretariat step
// be taken by them all the same; the province step never is.

// authorship is a user's part in a report's latest submission.
type authorship int

const (
	noPart authorship = iota
	// wroteIt: wrote its narrative, attached a file or entered a value of
	// it since the report last came back from a reviewer.
	wroteIt
	// sentIt: submitted it.
	sentIt
)

// reviewCase is what separation of duties judges a report by, for one
// user. dutyBar names the first rule that bars the user, in the order the
// report page tells them too: they sent it, it is their unit's, they
// wrote part of it.
type reviewCase struct {
	reportID, unitID int64
	allowSelf        bool // the round's AllowSelfReview
	part             authorship
}

// dutyBar returns why u must leave step s of the report to someone else
// (ESELFREVIEW, saying which rule), or nil when nothing bars u.
func dutyBar(u *payesh.User, c reviewCase, s payesh.ChainStep) error {
	if s.Level == payesh.LevelSecretariat && c.allowSelf {
		return nil
	}
	switch {
	case c.part == sentIt:
		return payesh.Errorf(payesh.ESELFREVIEW, "err.report.self_review")
	case u.UnitID != 0 && u.UnitID == c.unitID:
		return payesh.Errorf(payesh.ESELFREVIEW, "err.report.own_unit")
	case c.part == wroteIt:
		return payesh.Errorf(payesh.ESELFREVIEW, "err.report.self_review_author")
	}
	return nil
}

// partIn returns u's part in the report's latest submission: as recorded
// when it was sent (report_authors), or, for content written since (a
// value saved while the report waits), as the content says now.
func partIn(ctx context.Context, q queryer, rc *reportCtx, u *payesh.User) (authorship, error) {
	if u.ID == 0 {
		return noPart, nil // the system is no person
	}
	var submitter bool
	err := q.QueryRowContext(ctx, `SELECT submitter FROM report_authors WHERE report_id = $1 AND user_id = $2`,
		rc.ID, u.ID).Scan(&submitter)
	switch {
	case err == nil && submitter:
		return sentIt, nil
	case err == nil:
		return wroteIt, nil
	case !errors.Is(err, sql.ErrNoRows):
		return noPart, err
	}
	authors, err := authorsOf(ctx, q, rc)
	if err != nil || !authors[u.ID] {
		return noPart, err
	}
	return wroteIt, nil
}

// authorsOf returns who wrote the report's content since it last came back
// from a reviewer (returned or reopened), or since the round opened: its
// narrative (the audit trail of its saves), its files, and the unit's
// values of the period (each value's last author). Every read is a range
// of an index: audit_events (entity, entity_id), evidence (report_id),
// indicator_values (unit_id, gran, period).
func authorsOf(ctx context.Context, q queryer, rc *reportCtx) (map[int64]bool, error) {
	var since sql.NullTime
	err := q.QueryRowContext(ctx, `SELECT created_at FROM review_comments WHERE report_id = $1 AND action IN ($2, $3)
		ORDER BY id DESC LIMIT 1`, rc.ID, payesh.ActReturn, payesh.ActReopen).Scan(&since)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	after := func(w *where, col string) *where {
		if since.Valid {
			w.add(col+" >= ?", since.Time)
		}
		return w
	}
	out := map[int64]bool{}
	read := func(query string, w *where) error {
		rows, err := q.QueryContext(ctx, query+w.String(), w.args...)
		if err != nil {
			return err
		}
		ids, err := scanAll(rows, func(r *sql.Rows) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		})
		for _, id := range ids {
			if id != 0 {
				out[id] = true
			}
		}
		return err
	}
	w := &where{}
	w.add("entity = ? AND entity_id = ? AND action = ? AND actor_id IS NOT NULL", "report", rc.ID, payesh.ActionUpdate)
	if err := read(`SELECT DISTINCT actor_id FROM audit_events`, after(w, "at")); err != nil {
		return nil, err
	}
	w = &where{}
	w.add("report_id = ? AND uploaded_by IS NOT NULL", rc.ID)
	if err := read(`SELECT DISTINCT uploaded_by FROM evidence`, after(w, "created_at")); err != nil {
		return nil, err
	}
	p, err := jalali.ParsePeriod(rc.round.Period)
	if err != nil {
		return nil, err
	}
	for g := p.Gran; g <= jalali.Month; g++ {
		first, last := spanOf(p, g)
		w = &where{}
		w.add("unit_id = ? AND gran = ? AND period BETWEEN ? AND ? AND author_id IS NOT NULL", rc.UnitID, int(g), first, last)
		if err := read(`SELECT DISTINCT author_id FROM indicator_values`, after(w, "updated_at")); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ReviewChain returns the steps a report passes.
func (db *DB) ReviewChain(ctx context.Context, id int64) ([]payesh.ChainStep, error) {
	rc, err := db.readableReport(ctx, id)
	if err != nil {
		return nil, err
	}
	return db.chainOf(ctx, db.db, rc)
}

// readableReport loads a report the signed-in user may read.
func (db *DB) readableReport(ctx context.Context, id int64) (*reportCtx, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	rc, err := db.loadReport(ctx, db.db, id)
	if err != nil {
		return nil, err
	}
	if !canRead(u, rc.unitPath) {
		return nil, payesh.NotFound("report")
	}
	return rc, nil
}

// periodSpan returns the first and last month codes of the round's period,
// whose values the report covers.
func periodSpan(period string) (int, int, error) {
	p, err := jalali.ParsePeriod(period)
	if err != nil {
		return 0, 0, err
	}
	first, last := spanOf(p, jalali.Month)
	return first, last, nil
}
