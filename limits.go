package payesh

// The most items each list in a request may hold. They are part of the API
// contract (openapi.json states each as maxItems), and the domain enforces
// them in Validate, so the API, the web UI and the store refuse the same
// lists: 400, code "invalid", the list's field name, KeyTooMany.
//
// Each bound serves the largest honest request with room to spare, and
// keeps what a request costs small: SQLite lets one writer at a time, so a
// write transaction must finish in a fraction of a second (the figures
// below are a 2-core machine's), and no statement may come near SQLite's
// 32,766 parameters.
const (
	// MaxRoundUnits bounds a round's unit_ids. The organization at
	// national size has about 2,016 units (the organization, 31 provinces,
	// 248 counties, 1,736 branches) and a round may ask every one to report; 5,000
	// leaves room to grow. Each unit is one report row: 5,000 take about
	// 0.2 s on SQLite.
	MaxRoundUnits = 5000

	// MaxPartnerUnits bounds a work item's partner_unit_ids: a national
	// program may name every province and county; 500 is a page of the
	// unit picker.
	MaxPartnerUnits = 500

	// MaxClauseLinks bounds the clause_ids of a work item or an indicator:
	// the policy has nine clauses, and a development plan a few hundred
	// articles and sub-clauses.
	MaxClauseLinks = 500

	// MaxWorkItemLinks bounds an indicator's work_item_ids: the programs
	// and actions an indicator measures.
	MaxWorkItemLinks = 500

	// MaxValues bounds one save of indicator values: a unit's year of a
	// hundred monthly indicators is 1,200 values. Every value updates the
	// roll-ups of each ancestor unit in the same transaction; 1,200 take
	// about 0.15 s on SQLite (5,000 took 0.75 s).
	MaxValues = 1200

	// MaxTargets bounds one save of an indicator's targets: every
	// province's months for ten years are 3,720, and a target is one
	// upsert (5,000 take about 0.07 s on SQLite).
	MaxTargets = 5000

	// MaxReviewComments bounds the comments of one review action: one on
	// the report, its three narrative parts, and each of the unit's work
	// items, values and files the reviewer remarks on.
	MaxReviewComments = 200

	// MaxReminderUnits bounds the units of one bulk reminder from the
	// follow-up board: every unit of the organization at national size
	// (about 2,016) may be late at once. Each unit is a reminder row, an
	// audit event and a notification per active user, a few thousand
	// rows in one transaction.
	MaxReminderUnits = 2016

	// MaxIDs bounds a list of ids that selects rather than writes —
	// notifications to mark read, the units or indicators of a
	// dashboard query: a page of them, as lists are paged.
	MaxIDs = MaxLimit
)

// KeyTooMany is the field error of a list longer than its bound, and
// KeyTooManyIDs that of a list of ids past MaxIDs, which says the number.
const (
	KeyTooMany    = "err.too_many"
	KeyTooManyIDs = "err.too_many_ids"
)

// checkCount sets KeyTooMany on field when a list of n items exceeds max.
func checkCount(f map[string]string, field string, n, max int) {
	if n > max {
		f[field] = KeyTooMany
	}
}

// ValidateIDs refuses a list of ids longer than MaxIDs or holding an id
// that is not positive, naming field.
func ValidateIDs(field string, ids []int64) error {
	f := map[string]string{}
	for _, id := range ids {
		if id <= 0 {
			f[field] = "err.bad_id"
			break
		}
	}
	if len(ids) > MaxIDs {
		f[field] = KeyTooManyIDs
	}
	return Invalid(f)
}
