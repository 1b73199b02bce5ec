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
