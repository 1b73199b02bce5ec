package payesh

import "context"

// SetupUnitsCap bounds the count of units without a user that Setup
// reads: the desk says "more than" past it rather than counting a tree of
// thousands on every visit.
const SetupUnitsCap = 100

// Setup says what an installation still lacks before people can work in
// it: the checklist an administrator or the secretariat sees on the desk
// of an empty setup, each item gone once done. Every field is read with
// an EXISTS or a LIMIT, cheap enough for every visit to the desk.
type Setup struct {
	// DocumentID is the first policy document; 0 when there is none.
	DocumentID int64
	// ClauseWithoutText is the first clause with no text, and
	// ClausesWithoutText how many there are (up to SetupUnitsCap); 0 when
	// every clause has its text.
	ClauseWithoutText  int64
	ClausesWithoutText int
	Indicators         bool // an indicator is defined
	Targets            bool // a target is set for one
	// UnitsWithoutUser counts the units at the top of the tree — roots
	// (the organization, the partners) and their children (deputies,
	// offices, provinces) — where no active user can report (a viewer
	// cannot), up to SetupUnitsCap; FirstUnitWithoutUser is the first of
	// them by path.
	UnitsWithoutUser     int
	FirstUnitWithoutUser int64
	OpenRound            bool // a reporting round is open
}

// Missing reports whether anything is left to set up.
func (s Setup) Missing() bool {
	return s.DocumentID == 0 || s.ClauseWithoutText != 0 || !s.Indicators || !s.Targets ||
		s.UnitsWithoutUser > 0 || !s.OpenRound
}

// SetupReader reads what is left to set up (admins and the secretariat).
type SetupReader interface {
	Setup(ctx context.Context) (Setup, error)
}
