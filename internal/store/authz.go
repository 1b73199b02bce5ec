package store

import (
	"context"

	"payesh"
)

// requireUser returns the active user in ctx, or ErrUnauthorized.
func requireUser(ctx context.Context) (*payesh.User, error) {
	u := payesh.UserFrom(ctx)
	if u == nil || !u.Active {
		return nil, payesh.ErrUnauthorized
	}
	return u, nil
}

// requireConfigure allows admins and the secretariat: they shape the org
// tree and the documents everyone else works against.
func requireConfigure(ctx context.Context) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if !u.CanConfigure() {
		return payesh.ErrForbidden
	}
	return nil
}

// requireAdmin allows admins only: user management.
func requireAdmin(ctx context.Context) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if !u.CanAdminister() {
		return payesh.ErrForbidden
	}
	return nil
}

// requireEditWork allows a change to work owned by unitID when the actor
// may edit that unit's work (reporters only within their subtree).
func (tx *Tx) requireEditWork(unitID int64) error {
	if tx.actor.CanConfigure() {
		return nil
	}
	path, err := tx.unitPath(unitID)
	if err != nil {
		return err
	}
	if !tx.actor.CanEditWorkOf(path) {
		return payesh.ErrForbidden
	}
	return nil
}

// requireReadWork answers not found for an item out of the actor's read
// scope: a write reveals no more than a read would.
func (tx *Tx) requireReadWork(w *payesh.WorkItem) error {
	if !tx.scope.readsWork(w) {
		return payesh.NotFound("work_item")
	}
	return nil
}

// requireReportWork allows a progress update on w: by whoever may change
// the owner's work, and by a reporter of one of its partner units
// (payesh.User.CanReportOn); the update is recorded as that user's.
func (tx *Tx) requireReportWork(w *payesh.WorkItem) error {
	if tx.actor.CanConfigure() {
		return nil
	}
	owner, err := tx.unitPath(w.OwnerUnitID)
	if err != nil {
		return err
	}
	partners := make([]string, 0, len(w.PartnerUnitIDs))
	for _, id := range w.PartnerUnitIDs {
		p, err := tx.unitPath(id)
		if err != nil {
			return err
		}
		partners = append(partners, p)
	}
	if !tx.actor.CanReportOn(owner, partners) {
		return payesh.ErrForbidden
	}
	return nil
}
