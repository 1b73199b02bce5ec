package store

import (
	"context"
	"database/sql"
	"strings"

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
// itself, its province, the organization — and by the secretariat.
func canRead(u *payesh.User, unitPath string) bool {
	return u.CanConfigure() || strings.HasPrefix(unitPath, u.UnitPath)
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
		return nil, payesh.ErrForbidden
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

// reportsToReview keeps the submitted reports whose current step is the
// user's; the chain depends on each unit's place in the tree, so it is
// decided in Go.
func (db *DB) reportsToReview(ctx context.Context, u *payesh.User, w *where, page payesh.Page) ([]*payesh.Report, int, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT p.id FROM reports p JOIN org_units o ON o.id = p.unit_id`+w.String()+
		` ORDER BY p.round_id DESC, o.path, p.id`, w.args...)
	if err != nil {
		return nil, 0, err
	}
	ids, err := scanAll(rows, func(r *sql.Rows) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	})
	if err != nil {
		return nil, 0, err
	}
	var mine []*payesh.Report
	for _, id := range ids {
		rc, err := db.loadReport(ctx, db.db, id)
		if err != nil {
			return nil, 0, err
		}
		chain, err := db.chainOf(ctx, db.db, rc)
		if err != nil {
			return nil, 0, err
		}
		if rc.Level < len(chain) && mayReview(u, chain[rc.Level]) {
			mine = append(mine, rc.Report)
		}
	}
	p := page.Normalized()
	end := min(p.Offset+p.Limit, len(mine))
	if p.Offset >= len(mine) {
		return []*payesh.Report{}, len(mine), nil
	}
	return mine[p.Offset:end], len(mine), nil
}

// chainOf resolves a round's chain for one report: the province level
// becomes the nearest provincial directorate above the unit, or nothing.
func (db *DB) chainOf(ctx context.Context, q queryer, rc *reportCtx) ([]payesh.ChainStep, error) {
	var steps []payesh.ChainStep
	for _, l := range rc.round.Chain {
		if l == payesh.LevelSecretariat {
			steps = append(steps, payesh.ChainStep{Level: l})
			continue
		}
		prov, err := provinceAbove(ctx, q, rc.unitPath)
		if err != nil {
			return nil, err
		}
		if prov != 0 {
			steps = append(steps, payesh.ChainStep{Level: l, UnitID: prov})
		}
	}
	return steps, nil
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
		return nil, payesh.ErrForbidden
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
