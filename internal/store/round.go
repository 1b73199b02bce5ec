package store

import (
	"context"
	"database/sql"
	"strings"

	"payesh"
)

var _ payesh.ReportService = (*DB)(nil)

const roundColumns = `r.id, r.title, r.period, r.deadline, r.chain, r.closed, r.version, r.created_at, r.updated_at`

// roundRequireColumns follow roundColumns where a round is read whole;
// they are apart so that queries reading a round beside other rows (the
// digest) keep their columns.
const roundRequireColumns = `, r.require_narrative, r.require_evidence, r.require_values, r.allow_self_review`

func scanRound(row interface{ Scan(...any) error }) (*payesh.Round, error) {
	var r payesh.Round
	var chain string
	err := row.Scan(&r.ID, &r.Title, &r.Period, &r.Deadline, &chain, &r.Closed, &r.Version, &r.CreatedAt, &r.UpdatedAt,
		&r.RequireNarrative, &r.RequireEvidence, &r.RequireValues, &r.AllowSelfReview)
	r.Chain = []payesh.ReviewLevel{}
	for _, l := range strings.Split(chain, ",") {
		if l != "" {
			r.Chain = append(r.Chain, payesh.ReviewLevel(l))
		}
	}
	return &r, err
}

func (db *DB) findRound(ctx context.Context, q queryer, id int64) (*payesh.Round, error) {
	r, err := scanRound(q.QueryRowContext(ctx, `SELECT `+roundColumns+roundRequireColumns+` FROM rounds r WHERE r.id = $1`, id))
	if err != nil {
		return nil, notFoundIfNoRows(err, "round")
	}
	r.UnitIDs, err = idList(ctx, q, `SELECT unit_id FROM reports WHERE round_id = $1 ORDER BY unit_id`, id)
	return r, err
}

// CreateRound opens a round and a draft report for each unit that must
// report, in one transaction (secretariat and admins).
func (db *DB) CreateRound(ctx context.Context, r *payesh.Round) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	r.Normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.allExist("org_units", r.UnitIDs, "unit_ids"); err != nil {
			return err
		}
		err := tx.QueryRowContext(tx.ctx, `INSERT INTO rounds (title, period, deadline, chain,
			require_narrative, require_evidence, require_values, allow_self_review, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`, r.Title, r.Period, r.Deadline, joinLevels(r.Chain),
			boolInt(r.RequireNarrative), boolInt(r.RequireEvidence), boolInt(r.RequireValues), boolInt(r.AllowSelfReview),
			tx.now).Scan(&r.ID)
		if err != nil {
			return err
		}
		if err := tx.insertMany(`INSERT INTO reports (round_id, unit_id, state, updated_at) VALUES `, "", 4, len(r.UnitIDs),
			func(i int) []any { return []any{r.ID, r.UnitIDs[i], payesh.ReportDraft, tx.now} }); err != nil {
			return err
		}
		r.Version, r.CreatedAt, r.UpdatedAt = 1, tx.now, tx.now
		if err := tx.tellRoundOpened(r); err != nil {
			return err
		}
		return tx.audit("round", r.ID, payesh.ActionCreate, nil, r)
	})
}

func joinLevels(ls []payesh.ReviewLevel) string {
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = string(l)
	}
	return strings.Join(s, ",")
}

// FindRound returns a round with its units.
func (db *DB) FindRound(ctx context.Context, id int64) (*payesh.Round, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	return db.findRound(ctx, db.db, id)
}

// FindRounds lists rounds, newest first.
func (db *DB) FindRounds(ctx context.Context, f payesh.RoundFilter) ([]*payesh.Round, int, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, 0, err
	}
	w := &where{}
	if f.Open != nil {
		w.add("r.closed = ?", boolInt(!*f.Open))
	}
	total, err := db.count(ctx, "rounds r", w)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+roundColumns+roundRequireColumns+` FROM rounds r`+w.String()+` ORDER BY r.id DESC`+pageSQL(f.Page), w.args...)
	if err != nil {
		return nil, 0, err
	}
	rounds, err := scanAll(rows, func(r *sql.Rows) (*payesh.Round, error) { return scanRound(r) })
	if err != nil {
		return nil, 0, err
	}
	for _, r := range rounds {
		if r.UnitIDs, err = idList(ctx, db.db, `SELECT unit_id FROM reports WHERE round_id = $1 ORDER BY unit_id`, r.ID); err != nil {
			return nil, 0, err
		}
	}
	return rounds, total, nil
}

// CloseRound ends a round: its reports stay as they are.
func (db *DB) CloseRound(ctx context.Context, id int64, version int) (*payesh.Round, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(version); err != nil {
		return nil, err
	}
	var after *payesh.Round
	err := db.write(ctx, func(tx *Tx) error {
		before, err := db.findRound(tx.ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return payesh.Conflict(before)
		}
		if before.Closed {
			return payesh.Errorf(payesh.ECONFLICT, "err.report.round_closed")
		}
		res, err := tx.ExecContext(tx.ctx, `UPDATE rounds SET closed = 1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3`, tx.now, id, version)
		if err != nil {
			return err
		}
		if err := checkVersion(res, func() (any, error) { return db.findRound(tx.ctx, tx, id) }); err != nil {
			return err
		}
		r := *before
		r.Closed, r.Version, r.UpdatedAt = true, before.Version+1, tx.now
		after = &r
		return tx.audit("round", id, "close", before, after)
	})
	return after, err
}
