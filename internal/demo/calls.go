package demo

import (
	"fmt"

	"payesh"
)

// The demo's call for papers (issue 15, scope 2), as seed 000 gives it:
// the research institute «فراخوان مقاله در ۳۰ محور مرتبط با سیاست‌ها صادر
// شده است و فصلنامه تأمین‌اجتماعی ویژه‌نامه‌ای درباره این سیاست‌ها منتشر
// خواهد کرد». The report gives the number of axes and nothing else: no
// axis titles (so the 30 axes are untitled, and pages name them «محور ۱» …
// «محور ۳۰» until the institute's list is loaded), no deadline, no count
// of papers for the special issue (so the milestone is linked but not
// moved: planned papers is 0) and no submissions (so there are none).

// callAxes is the number of axes the report gives.
const callAxes = 30

// specialIssue is the work item of the special issue: the milestone the
// call feeds.
const specialIssue = "rii-journal-special"

// loadCalls records the call, owned by the research institute and
// feeding the special issue's milestone.
func (l *loader) loadCalls() error {
	if l.svc.Calls == nil {
		return nil
	}
	issue, ok := l.work[specialIssue]
	if !ok {
		return fmt.Errorf("call for papers: no work item %s", specialIssue)
	}
	c := &payesh.Call{Title: "فراخوان مقاله در ۳۰ محور مرتبط با سیاست‌های کلی تأمین اجتماعی",
		OwnerUnitID: l.units[unitResearch], Axes: make([]payesh.CallAxis, callAxes), MilestoneID: &issue,
		Description: "رئیس مؤسسهٔ عالی پژوهش تأمین اجتماعی: فراخوان مقاله در ۳۰ محور مرتبط با سیاست‌ها صادر شده است و فصلنامهٔ تأمین اجتماعی ویژه‌نامه‌ای دربارهٔ این سیاست‌ها منتشر خواهد کرد. " +
			"عنوان محورها، مهلت ارسال مقاله و شمار مقاله‌های ویژه‌نامه در منبع نیامده است؛ محورها تا رسیدن فهرست مؤسسه با شماره نام برده می‌شوند و شمار مقاله‌های ویژه‌نامه را دبیرخانه تعیین می‌کند. " + src000}
	if err := l.svc.Calls.CreateCall(l.ctx, c); err != nil {
		return fmt.Errorf("call for papers: %w", err)
	}
	return nil
}
