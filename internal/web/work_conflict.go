package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// workConflict is what the edit form says on a version conflict: who
// changed the item since this person opened the form, when, and field by
// field what changed. The form it comes with is merged: the fields this
// person did not touch hold the saved values, the ones they did hold what
// they typed, with the saved value beside it. So saving again is a choice
// made knowing what it replaces, and never silently undoes a colleague's
// change to a field this person did not mean to edit.
type workConflict struct {
	// By and At name the last change since the form was opened; By is ""
	// when the trail does not say (the item's own time is At then).
	By string
	At time.Time
	// Changes counts the changes since the form was opened, 0 when the
	// trail does not reach back that far.
	Changes int
	// Headline says who made the last change and when.
	Headline string
	// Known is set when the version the form was opened on was found in
	// the trail: the form could then be merged field by field. Without
	// it the form keeps what was typed and shows the saved value beside
	// every field that differs.
	Known bool
	// Fields are the fields that differ from what the person loaded (or,
	// not Known, from what they typed), in the form's order.
	Fields []*workFieldConflict
	byName map[string]*workFieldConflict
}

// workFieldConflict is one field the other person changed.
type workFieldConflict struct {
	Name  string
	Label string
	// Mine is set when this person changed the field too: what they
	// typed stays in the field.
	Mine bool
	// Note is the sentence beside the field: who changed it, when, and
	// the value it had or the value now saved.
	Note string
}

// Note returns the sentence to show beside field, "" if it did not
// change; templates call it for every field of the form.
func (c *workConflict) Note(field string) string {
	if c == nil || c.byName[field] == nil {
		return ""
	}
	return c.byName[field].Note
}

// workConflictFields are the form's fields that a conflict compares, in
// the order the form shows them.
var workConflictFields = []string{"kind", "code", "title", "owner_unit_id", "parent_id", "start_date", "due_date",
	"weight", "description", "partner_unit_ids", "clause_ids"}

// workConflictLabels are the fields' labels in the form.
var workConflictLabels = map[string]string{
	"kind": "ui.work.kind", "code": "ui.work.code", "title": "ui.work.title", "owner_unit_id": "ui.work.owner",
	"parent_id": "ui.work.parent", "start_date": "ui.work.start", "due_date": "ui.work.due", "weight": "ui.work.weight",
	"description": "ui.work.description", "partner_unit_ids": "ui.work.partners", "clause_ids": "ui.work.clauses",
}

// workFieldKey is a field's value in one canonical spelling, so that a
// date typed in Persian digits and the same date read from the trail
// compare equal.
func workFieldKey(w *payesh.WorkItem, field string) string {
	switch field {
	case "kind":
		return string(w.Kind)
	case "code":
		return w.Code
	case "title":
		return w.Title
	case "description":
		return w.Description
	case "owner_unit_id":
		return strconv.FormatInt(w.OwnerUnitID, 10)
	case "parent_id":
		if w.ParentID == nil {
			return "0"
		}
		return strconv.FormatInt(*w.ParentID, 10)
	case "start_date":
		return w.StartDate.String()
	case "due_date":
		return w.DueDate.String()
	case "weight":
		return strconv.FormatFloat(w.Weight, 'f', -1, 64)
	case "partner_unit_ids":
		return workIDsKey(w.PartnerUnitIDs)
	case "clause_ids":
		return workIDsKey(w.ClauseIDs)
	}
	return ""
}

// workIDsKey spells a set of ids in order: a set, not a list.
func workIDsKey(ids []int64) string {
	s := slices.Clone(ids)
	slices.Sort(s)
	s = slices.Compact(s)
	parts := make([]string, len(s))
	for i, id := range s {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

// workTrailStep is one change of the item in its trail: the item before
// and after, and who made it when.
type workTrailStep struct {
	before, after *payesh.WorkItem
	by            string
	at            time.Time
}

// workVersioning are the audit actions that bump a work item's version
// and keep the whole item before and after.
var workVersioning = map[string]bool{
	payesh.ActionUpdate: true, payesh.ActionProgress: true, payesh.ActionLink: true,
	payesh.ActionUnlink: true, payesh.ActionApproveChange: true,
}

// workConflictTrail is how many of the item's latest events a conflict
// reads to find the version the form was opened on: far more changes than
// one person's editing takes.
const workConflictTrail = 100

// workStepsSince reads the changes that made the item's versions after
// loaded, oldest first, from its audit trail.
func (s *server) workStepsSince(r *http.Request, id int64, loaded int) ([]workTrailStep, error) {
	events, _, err := s.Audit.FindAuditTrail(r.Context(), "work_item", id, payesh.Page{Limit: workConflictTrail})
	if err != nil {
		return nil, err
	}
	lang := langOf(r)
	var steps []workTrailStep
	for _, e := range events { // newest first
		if !workVersioning[e.Action] {
			continue
		}
		var before, after payesh.WorkItem
		if json.Unmarshal(e.Before, &before) != nil || json.Unmarshal(e.After, &after) != nil ||
			before.ID != id || after.ID != id || after.Version <= loaded {
			continue
		}
		by := e.ActorName
		if e.ActorID == nil {
			by = i18n.T(lang, "ui.history.system")
		}
		steps = append(steps, workTrailStep{before: &before, after: &after, by: by, at: e.At})
	}
	slices.Reverse(steps)
	return steps, nil
}

// workMerge builds the conflict's account and merges the form: values is
// what was posted (and is changed in place), mine the item it reads as,
// current the item as saved now, loaded the version the form was opened
// on.
func (s *server) workMerge(r *http.Request, d *workFormData, values url.Values, mine, current *payesh.WorkItem, loaded int) (*workConflict, error) {
	steps, err := s.workStepsSince(r, current.ID, loaded)
	if err != nil {
		return nil, err
	}
	lang := langOf(r)
	c := &workConflict{At: current.UpdatedAt, byName: map[string]*workFieldConflict{}}
	var base *payesh.WorkItem
	if len(steps) > 0 && steps[0].before.Version == loaded {
		base, c.Known, c.Changes = steps[0].before, true, len(steps)
	}
	if n := len(steps); n > 0 {
		c.By, c.At = steps[n-1].by, steps[n-1].at
	}
	// Who changed each field last, and when.
	who := map[string]workTrailStep{}
	for _, st := range steps {
		for _, f := range workConflictFields {
			if workFieldKey(st.before, f) != workFieldKey(st.after, f) {
				who[f] = st
			}
		}
	}
	mineN := *mine
	mineN.Normalize()
	saved := workValues(lang, current)
	show := s.workFieldShower(r, d)
	for _, f := range workConflictFields {
		now := workFieldKey(current, f)
		typed := workFieldKey(&mineN, f)
		var fc *workFieldConflict
		switch {
		case base == nil:
			// Nothing says what this person loaded: what they typed
			// stays, and the saved value is shown beside what differs.
			if typed != now {
				fc = &workFieldConflict{Mine: true, Note: tfDigits(lang, "ui.work.conflict.saved_now", show(f, current))}
			}
		case workFieldKey(base, f) == now:
			// No one else changed it: this person's value, typed or not.
		case workFieldKey(base, f) == typed:
			// The other person changed it and this person did not: the
			// form takes the saved value.
			values.Del(f)
			for _, v := range saved[f] {
				values.Add(f, v)
			}
			by, at := c.fieldBy(lang, who, f)
			fc = &workFieldConflict{Note: tfDigits(lang, "ui.work.conflict.theirs", by, at, show(f, base))}
		case typed == now:
			by, at := c.fieldBy(lang, who, f)
			fc = &workFieldConflict{Mine: true, Note: tfDigits(lang, "ui.work.conflict.same", by, at)}
		default:
			by, at := c.fieldBy(lang, who, f)
			fc = &workFieldConflict{Mine: true, Note: tfDigits(lang, "ui.work.conflict.both", by, at, show(f, current))}
		}
		if fc != nil {
			fc.Name, fc.Label = f, i18n.T(lang, workConflictLabels[f])
			c.Fields = append(c.Fields, fc)
			c.byName[f] = fc
		}
	}
	if base != nil && base.ParentID != nil {
		if err := s.workAddParent(r, d, *base.ParentID); err != nil {
			return nil, err
		}
	}
	if current.ParentID != nil {
		if err := s.workAddParent(r, d, *current.ParentID); err != nil {
			return nil, err
		}
	}
	c.Headline = c.headline(lang)
	return c, nil
}

// fieldBy names who changed field last and when, as the sentence writes
// them; the conflict's last change when the trail does not say.
func (c *workConflict) fieldBy(lang i18n.Lang, who map[string]workTrailStep, field string) (string, string) {
	by, at := c.By, c.At
	if st, ok := who[field]; ok {
		by, at = st.by, st.at
	}
	if by == "" {
		by = i18n.T(lang, "ui.work.conflict.someone")
	}
	return by, langDigits(lang, displayTime(at, lang))
}

// headline is the box's first sentence: who changed the item last since
// the form was opened, when, and how many changes there were.
func (c *workConflict) headline(lang i18n.Lang) string {
	by := c.By
	if by == "" {
		by = i18n.T(lang, "ui.work.conflict.someone")
	}
	s := tfDigits(lang, "ui.work.conflict.by", by, langDigits(lang, displayTime(c.At, lang)))
	if c.Changes > 1 {
		s += " " + tfDigits(lang, "ui.work.conflict.changes", langDigits(lang, strconv.Itoa(c.Changes)))
	}
	return s
}

// tfDigits formats a catalog sentence with args already written for the
// reader: a name or a title keeps its own digits, so only the sentence's
// own are made Persian.
func tfDigits(lang i18n.Lang, key string, args ...any) string {
	return fmt.Sprintf(langDigits(lang, i18n.T(lang, key)), args...)
}

// langDigits writes s's digits as lang does.
func langDigits(lang i18n.Lang, s string) string {
	if lang == i18n.FA {
		return jalali.ToPersianDigits(s)
	}
	return s
}

// workConflictShowMax bounds a text shown beside a field: a long
// description is read in the box of the saved version, not in a note.
const workConflictShowMax = 200

// workFieldShower returns a function writing a field's value of an item
// as the form's reader knows it: labels for kinds, names for units,
// parents and clauses, Jalali dates.
func (s *server) workFieldShower(r *http.Request, d *workFormData) func(field string, w *payesh.WorkItem) string {
	lang := langOf(r)
	sep := "، "
	if lang == i18n.EN {
		sep = ", "
	}
	unit := func(id int64) string {
		if u, ok := d.Units[id]; ok {
			return pick(lang, u.NameFA, u.NameEN)
		}
		return "#" + strconv.FormatInt(id, 10)
	}
	dash := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	return func(field string, w *payesh.WorkItem) string {
		switch field {
		case "kind":
			return i18n.T(lang, "ui.kind."+string(w.Kind))
		case "code":
			return dash(w.Code)
		case "title":
			return w.Title
		case "description":
			text := []rune(w.Description)
			if len(text) > workConflictShowMax {
				return string(text[:workConflictShowMax]) + "…"
			}
			return dash(w.Description)
		case "owner_unit_id":
			return unit(w.OwnerUnitID)
		case "parent_id":
			if w.ParentID == nil {
				return "—"
			}
			return s.workParentName(r, *w.ParentID)
		case "start_date":
			return langDigits(lang, displayDate(w.StartDate, lang))
		case "due_date":
			return langDigits(lang, displayDate(w.DueDate, lang))
		case "weight":
			return langDigits(lang, groupThousands(w.Weight, lang))
		case "partner_unit_ids":
			var names []string
			for _, id := range w.PartnerUnitIDs {
				names = append(names, unit(id))
			}
			return dash(strings.Join(names, sep))
		case "clause_ids":
			var names []string
			for _, id := range w.ClauseIDs {
				names = append(names, d.ClauseLabel(id))
			}
			return dash(strings.Join(names, sep))
		}
		return ""
	}
}

// workParentName names a parent for a note: its title if the reader may
// see it, its number otherwise.
func (s *server) workParentName(r *http.Request, id int64) string {
	if p, err := s.Work.FindWorkItemByID(r.Context(), id); err == nil {
		return workOptionTitle(p)
	}
	return "#" + strconv.FormatInt(id, 10)
}

// Note is the conflict's sentence beside field, "" without a conflict.
func (d *workFormData) Note(field string) string { return d.Conflict.Note(field) }

// Described is the aria-describedby of a field with a hint id (or ""):
// the hint and, on a conflict, the note beside the field.
func (d *workFormData) Described(hint, field string) string {
	ids := []string{}
	if hint != "" {
		ids = append(ids, hint)
	}
	if d.Note(field) != "" {
		ids = append(ids, "c-"+field)
	}
	return strings.Join(ids, " ")
}
