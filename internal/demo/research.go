package demo

import (
	"fmt"

	"payesh"
	"payesh/internal/jalali"
)

// The demo's research register (issue 15). The sources say the research
// institute identified 74 research projects in 14 axes and sent them to
// universities across the country and the Qom seminary (seed 000) — and
// nothing more: not the axes' titles, not one project's title, not which
// clause an axis serves. So the register holds the 14 axes as numbers
// awaiting the institute's list, each linked to the work item that
// already carries the count, «۷۴ طرح پژوهشی در ۱۴ محور…», and no
// project: the secretariat records them, or imports the institute's list.

// researchProgram is the work item that counts the 74 projects.
const researchProgram = "rii-74-projects"

// ResearchAxes is how many axes the sources give.
const ResearchAxes = 14

// axisNote says, on every axis, why it has no title and no projects.
const axisNote = "منابع عنوان این محور را نمی‌آورند و در انتظار فهرست مؤسسهٔ عالی پژوهش تأمین اجتماعی است؛ " +
	"تنها می‌گویند ۷۴ طرح پژوهشی در ۱۴ محور احصا و به دانشگاه‌های سراسر کشور و حوزهٔ علمیهٔ قم ارسال شده است. " +
	"طرح‌ها را دبیرخانه ثبت می‌کند یا از فهرست مؤسسه بارگذاری می‌کند. " + src000

// loadResearch creates the 14 axes. The store that keeps documents
// keeps the register; a document service without one gets none.
func (l *loader) loadResearch() error {
	reg, ok := l.svc.Documents.(payesh.ResearchService)
	if !ok {
		return nil
	}
	var program *int64
	if id, ok := l.work[researchProgram]; ok {
		program = &id
	}
	for n := 1; n <= ResearchAxes; n++ {
		a := &payesh.ResearchAxis{Number: n, Title: "محور " + jalali.FormatInt(int64(n)), Note: axisNote,
			OwnerUnitID: l.units[unitResearch], WorkItemID: program}
		if err := reg.CreateResearchAxis(l.ctx, a); err != nil {
			return fmt.Errorf("research axis %d: %w", n, err)
		}
	}
	return nil
}
