package payesh

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// UnitKind says what an org unit is; it decides where the unit sits in
// reports (provinces are compared with each other, partners are external).
type UnitKind string

const (
	UnitOrganization UnitKind = "organization"
	UnitDeputy       UnitKind = "deputy"
	UnitOffice       UnitKind = "office"
	UnitProvince     UnitKind = "province"
	UnitBranch       UnitKind = "branch"
	UnitHospital     UnitKind = "hospital"
	UnitPartner      UnitKind = "partner"
)

// UnitKinds lists every kind, in display order.
var UnitKinds = []UnitKind{UnitOrganization, UnitDeputy, UnitOffice, UnitProvince, UnitBranch, UnitHospital, UnitPartner}

func (k UnitKind) Valid() bool { return contains(UnitKinds, k) }

// OrgUnit is a node of the organization tree: the organization, its deputies
// and offices, provincial directorates, branches and hospitals, and external
// partners (the ministry, universities, the seminary).
type OrgUnit struct {
	ID       int64    `json:"id"`
	ParentID *int64   `json:"parent_id"`
	Kind     UnitKind `json:"kind"`
	Code     string   `json:"code"`
	NameFA   string   `json:"name_fa"`
	NameEN   string   `json:"name_en"`
	// Path is the materialized path of ids ("/1/4/17/"); a subtree is every
	// unit whose path starts with its root's, which keeps roll-ups one query.
	Path      string    `json:"path"`
	Depth     int       `json:"depth"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

var codePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// Normalize cleans user-typed text before validation and storage.
func (u *OrgUnit) Normalize() {
	u.Code = NormalizeText(u.Code)
	u.NameFA = NormalizeText(u.NameFA)
	u.NameEN = NormalizeText(u.NameEN)
}

// Validate reports every field that is wrong at once.
func (u *OrgUnit) Validate() error {
	f := map[string]string{}
	if !u.Kind.Valid() {
		f["kind"] = "err.unit.kind"
	}
	if !codePattern.MatchString(u.Code) {
		f["code"] = "err.code"
	}
	if u.NameFA == "" {
		f["name_fa"] = "err.required"
	}
	if len([]rune(u.NameFA)) > 200 || len([]rune(u.NameEN)) > 200 {
		f["name_fa"] = "err.too_long"
	}
	if u.ParentID != nil && *u.ParentID == u.ID && u.ID != 0 {
		f["parent_id"] = "err.parent_cycle"
	}
	checkText(f, map[string]string{"code": u.Code, "name_fa": u.NameFA, "name_en": u.NameEN})
	return Invalid(f)
}

// OrgUnitUpdate is a partial change; nil fields stay as they are. ParentID
// pointing at 0 moves the unit to the root.
type OrgUnitUpdate struct {
	ParentID *int64    `json:"parent_id"`
	Kind     *UnitKind `json:"kind"`
	Code     *string   `json:"code"`
	NameFA   *string   `json:"name_fa"`
	NameEN   *string   `json:"name_en"`
	Version  int       `json:"version"`
}

// Apply copies the set fields of up onto u.
func (up OrgUnitUpdate) Apply(u *OrgUnit) {
	if up.ParentID != nil {
		u.ParentID = nonZero(*up.ParentID)
	}
	setIf(&u.Kind, up.Kind)
	setIf(&u.Code, up.Code)
	setIf(&u.NameFA, up.NameFA)
	setIf(&u.NameEN, up.NameEN)
}

// OrgUnitFilter selects units; zero fields do not filter.
type OrgUnitFilter struct {
	SubtreeOf int64 // the unit and everything under it
	ParentID  *int64
	Kind      UnitKind
	Q         string
	Page
}

// OrgUnitService manages the org tree.
type OrgUnitService interface {
	FindOrgUnitByID(ctx context.Context, id int64) (*OrgUnit, error)
	FindOrgUnitByCode(ctx context.Context, code string) (*OrgUnit, error)
	FindOrgUnits(ctx context.Context, f OrgUnitFilter) ([]*OrgUnit, int, error)
	CreateOrgUnit(ctx context.Context, u *OrgUnit) error
	UpdateOrgUnit(ctx context.Context, id int64, up OrgUnitUpdate) (*OrgUnit, error)
	DeleteOrgUnit(ctx context.Context, id int64, version int) error
}

// PathIDs reads the ids of a materialized path ("/1/4/17/"), root first.
func PathIDs(path string) []int64 {
	var ids []int64
	for _, part := range strings.Split(strings.Trim(path, "/"), "/") {
		if id, err := strconv.ParseInt(part, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// IsUnder reports whether the unit at path is the unit at root or under
// it. An empty root holds nothing: no path is under it.
func IsUnder(path, root string) bool {
	return root != "" && strings.HasPrefix(path, root)
}

// headquartersKind reports whether units of kind k make up the
// organization's headquarters: the organization itself, its deputies and
// its offices.
func headquartersKind(k UnitKind) bool {
	return k == UnitOrganization || k == UnitDeputy || k == UnitOffice
}

// Reach says which part of the org tree a unit belongs to, for reading
// (see ReadScope).
type Reach int

const (
	// ReachNone is a unit the tree does not hold: it reads nothing.
	ReachNone Reach = iota
	// ReachNational is headquarters: the organization, a deputy or an
	// office, with no province and no partner above it. Work it owns is
	// national, read by every unit of the organization.
	ReachNational
	// ReachProvince is a province and whatever is under it (branches,
	// hospitals); also any other unit of the organization outside the
	// headquarters (a branch hanging under an office), which then reads
	// as a province of its own.
	ReachProvince
	// ReachPartner is an external partner (kind partner) and anything
	// under one.
	ReachPartner
)

// ReachOf places the unit at the end of chain — the unit and its
// ancestors, root first, as unit(id) finds them along its path — and
// returns the root of the subtree it reads as its own: the province (or
// first non-headquarters unit) above it for ReachProvince, the unit
// itself for ReachPartner, "" for ReachNational. A unit or ancestor
// unit(id) does not know is ReachNone.
func ReachOf(path string, unit func(id int64) *OrgUnit) (Reach, string) {
	ids := PathIDs(path)
	if len(ids) == 0 {
		return ReachNone, ""
	}
	reach, root := ReachNational, ""
	for _, id := range ids {
		u := unit(id)
		switch {
		case u == nil:
			return ReachNone, ""
		case u.Kind == UnitPartner:
			return ReachPartner, path
		case reach == ReachNational && !headquartersKind(u.Kind):
			reach, root = ReachProvince, u.Path
		}
	}
	return reach, root
}
