package web

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"

	"payesh"
	"payesh/internal/i18n"
)

// historyEvent is one audit event as a history page shows it: who, when,
// what was done, and the fields it changed.
type historyEvent struct {
	E      *payesh.AuditEvent
	Action string
	// Actor is the username, or the system's name for what no person did.
	Actor string
	// Mode says how Changes read: "diff" (before → after), "created" or
	// "deleted" (the whole row, after or before), "none" (no detail).
	Mode    string
	Changes []historyChange
}

// historyChange is one field: its label and its values before and after,
// written for the reader.
type historyChange struct {
	Field  string
	Label  string
	Before string
	After  string
}

// historyHidden are fields that change as a consequence of every write
// (version, timestamps) or are derived from others (a unit's path from its
// parent, an item's overdue flag from its due date and status); listing
// them would bury the change a person made.
var historyHidden = map[string]bool{
	"id": true, "version": true, "created_at": true, "updated_at": true, "path": true, "depth": true,
	"child_count": true, "work_count": true, "overdue": true, "level": true,
	// A work item's flags derived from its children and today, and a
	// change request's references to the item and people the event names.
	"derived_status": true, "status_mismatch": true, "at_risk": true, "days_late": true, "pending_change": true,
	"work_item_id": true, "work_title": true, "requested_by": true, "requested_at": true, "decided_by": true, "decided_at": true,
}

// newHistoryEvent prepares e for lang; units name the unit ids its rows
// hold.
func newHistoryEvent(lang i18n.Lang, e *payesh.AuditEvent, units map[int64]*payesh.OrgUnit) historyEvent {
	h := historyEvent{E: e, Action: actionLabel(lang, e.Action), Actor: e.ActorName}
	if e.ActorID == nil {
		h.Actor = i18n.T(lang, "ui.history.system")
	}
	h.Mode, h.Changes = historyChanges(auditFormat{lang: lang, entity: e.Entity, units: units}, e.Before, e.After)
	return h
}

// historyChanges compares the rows before and after, decoded generically:
// for two objects, the fields whose values differ; for a row created or
// deleted, all its fields; for anything else (a list of targets, a count),
// the value itself as one change.
func historyChanges(f auditFormat, before, after json.RawMessage) (string, []historyChange) {
	b, a := decodeAudit(before), decodeAudit(after)
	bm, bObj := b.(map[string]any)
	am, aObj := a.(map[string]any)
	switch {
	case bObj && aObj:
		return "diff", diffFields(f, bm, am)
	case b == nil && aObj:
		return "created", wholeRow(f, am, false)
	case a == nil && bObj:
		return "deleted", wholeRow(f, bm, true)
	case b == nil && a == nil:
		return "none", nil
	}
	c := historyChange{Label: i18n.T(f.lang, "ui.history.value"), Before: f.value("", b), After: f.value("", a)}
	return "diff", []historyChange{c}
}

// decodeAudit decodes a row kept as JSON, keeping numbers exact (ids are
// int64); what does not decode is shown as written.
func decodeAudit(raw json.RawMessage) any {
	if len(raw) == 0 {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return string(raw)
	}
	return v
}

// diffFields lists the fields that differ, in the order of their keys,
// leaving out the bookkeeping ones.
func diffFields(f auditFormat, before, after map[string]any) []historyChange {
	var out []historyChange
	for _, k := range unionKeys(before, after) {
		bv, bok := before[k]
		av, aok := after[k]
		if historyHidden[k] || (bok && aok && reflect.DeepEqual(bv, av)) {
			continue
		}
		out = append(out, historyChange{Field: k, Label: fieldLabel(f.lang, k), Before: f.value(k, bv), After: f.value(k, av)})
	}
	return out
}

// wholeRow lists every field of a row created (its value in After) or
// deleted (in Before), leaving out the bookkeeping ones.
func wholeRow(f auditFormat, row map[string]any, deleted bool) []historyChange {
	var out []historyChange
	for _, k := range unionKeys(row, nil) {
		if historyHidden[k] {
			continue
		}
		c := historyChange{Field: k, Label: fieldLabel(f.lang, k)}
		if deleted {
			c.Before = f.value(k, row[k])
		} else {
			c.After = f.value(k, row[k])
		}
		out = append(out, c)
	}
	return out
}

func unionKeys(a, b map[string]any) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range []map[string]any{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// fieldLabel is a field's name in lang, or its JSON name for a field the
// catalog does not know.
func fieldLabel(lang i18n.Lang, field string) string {
	if k := "ui.history.field." + field; i18n.Has(k) {
		return i18n.T(lang, k)
	}
	return field
}
