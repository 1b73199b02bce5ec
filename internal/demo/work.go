package demo

import (
	"fmt"

	"payesh"
)

// loadWork creates the work items, then posts their updates: leaves first,
// so a parent's own update comes after its children's have rolled up, as it
// would when a unit reports.
func (l *loader) loadWork() error {
	specs := l.withoutMeetingWork(workItems())
	parents := map[string]bool{}
	for _, s := range specs {
		if err := l.createWork(s); err != nil {
			return fmt.Errorf("work item %s: %w", s.code, err)
		}
		parents[s.parent] = true
	}
	for _, pass := range []bool{false, true} {
		for _, s := range specs {
			if parents[s.code] != pass {
				continue
			}
			if err := l.postUpdates(s); err != nil {
				return fmt.Errorf("work item %s: %w", s.code, err)
			}
		}
	}
	return nil
}

func (l *loader) createWork(s workSpec) error {
	w := &payesh.WorkItem{
		Kind:           s.kind,
		Code:           s.code,
		Title:          s.title,
		Description:    s.desc,
		OwnerUnitID:    l.unit(s.owner),
		PartnerUnitIDs: l.unitIDs(s.partners),
		ClauseIDs:      l.clauseIDs(s.clauses),
		StartDate:      s.start,
		DueDate:        s.due,
		Status:         s.initialStatus(),
	}
	if s.parent != "" {
		parent := l.work[s.parent]
		w.ParentID = &parent
	}
	if err := l.svc.Work.CreateWorkItem(l.ctx, w); err != nil {
		return err
	}
	l.work[s.code] = w.ID
	l.sum.WorkItems++
	return nil
}

// initialStatus is "not reported" for an item no source gives a status:
// "not started" would claim what the sources do not say. An item that a
// report gives a status starts as not started and gets it by its update.
func (s workSpec) initialStatus() payesh.Status {
	for _, u := range s.updates {
		if u.status != "" {
			return payesh.StatusNotStarted
		}
	}
	return payesh.StatusNotReported
}

// postUpdates reads the item before each update, since a child's update
// has changed its parent's version through the roll-up.
func (l *loader) postUpdates(s workSpec) error {
	id := l.work[s.code]
	for _, u := range s.updates {
		w, err := l.svc.Work.FindWorkItemByID(l.ctx, id)
		if err != nil {
			return err
		}
		in := payesh.ProgressUpdateInput{Status: u.status, Note: u.note, Version: w.Version}
		if u.status == payesh.StatusDone {
			in.DoneDate = s.done
		}
		if _, _, err := l.svc.Work.PostProgress(l.ctx, id, in); err != nil {
			return err
		}
		l.sum.Updates++
	}
	return nil
}

// unit returns the id of the unit with code; the tables only name units
// the tree defines, which the test checks.
func (l *loader) unit(code string) int64 { return l.units[code] }

func (l *loader) unitIDs(codes []string) []int64 {
	ids := []int64{}
	for _, c := range codes {
		ids = append(ids, l.unit(c))
	}
	return ids
}

func (l *loader) clauseIDs(numbers []string) []int64 {
	ids := []int64{}
	for _, n := range numbers {
		ids = append(ids, l.clauses[n])
	}
	return ids
}
