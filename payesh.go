// Package payesh holds the domain of Payesh, the system in which the permanent
// secretariat for the General Social Security Policies and every unit it follows
// up do their work: org units, policy documents and their clauses, work items
// (programs, actions, milestones, resolutions, research projects), users and the
// audit trail.
//
// The package holds types, validation rules, errors and the service interfaces
// the transports (internal/api, internal/web) call. It imports no transport and
// no database: internal/store implements the services.
package payesh

import (
	"context"
	"time"
)

// Tehran is Iran's civil time zone. Iran has observed no daylight saving time
// since 1401, so a fixed offset is exact and needs no tzdata on the server.
var Tehran = time.FixedZone("IRST", 3*3600+30*60)

// Today returns the calendar date in Tehran at instant now; overdue and
// "due this month" are judged by the date an Iranian office sees on its wall.
func Today(now time.Time) Date {
	return DateOf(now.In(Tehran))
}

type ctxKey int

const userKey ctxKey = 1

// WithUser returns a context that carries the signed-in user; services read it
// to authorize and to name the actor in the audit trail.
func WithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey, u)
}

// UserFrom returns the user in ctx, or nil for an anonymous or system context.
func UserFrom(ctx context.Context) *User {
	u, _ := ctx.Value(userKey).(*User)
	return u
}

// System is the actor of the command line and the demo loader: it may do
// everything, and the audit trail names it "system" with no user id.
var System = &User{Username: "system", Name: "سامانه", Role: RoleAdmin, Active: true, UnitPath: "/"}
