package store

import (
	"payesh"
	"payesh/internal/jalali"
)

// moveValues gives the unit's own values of the round's period the
// report's state: submitted with it, returned with it, approved — locked —
// with it.
func (tx *Tx) moveValues(rc *reportCtx, state payesh.ReportState) error {
	valueState := map[payesh.ReportState]payesh.ValueState{
		payesh.ReportSubmitted: payesh.ValueSubmitted, payesh.ReportReturned: payesh.ValueReturned,
		payesh.ReportApproved: payesh.ValueApproved, payesh.ReportDraft: payesh.ValueDraft,
	}[state]
	p, err := jalali.ParsePeriod(rc.round.Period)
	if err != nil {
		return err
	}
	for g := p.Gran; g <= jalali.Month; g++ {
		first, last := spanOf(p, g)
		if _, err := tx.ExecContext(tx.ctx, `UPDATE indicator_values SET state = $1
			WHERE unit_id = $2 AND gran = $3 AND period BETWEEN $4 AND $5`,
			valueState, rc.UnitID, int(g), first, last); err != nil {
			return err
		}
	}
	return nil
}
