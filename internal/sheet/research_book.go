package sheet

import (
	"context"

	"payesh"
	"payesh/internal/i18n"
)

// LoadResearch reads what the project list's workbook needs, for both
// doors: the projects the reader reads, in lang's words (Empty: none, a
// template), and the lookup an upload is read with.
func LoadResearch(ctx context.Context, svc payesh.Services, lang i18n.Lang, empty bool) (ResearchBook, ResearchLookup, error) {
	book := ResearchBook{Sheet: i18n.T(lang, "ui.research.xlsx.sheet"), Labels: map[string]string{}}
	look := ResearchLookup{Axes: map[int]int64{}, Units: map[string]int64{}, Stages: map[string]payesh.ResearchStage{}}
	for _, k := range ResearchColumns {
		book.Labels[k] = i18n.T(lang, "ui.research.xlsx."+k)
	}
	for _, st := range payesh.ResearchStages {
		label := i18n.T(lang, "ui.research.stage."+string(st))
		book.Stages = append(book.Stages, label)
		look.Stages[string(st)] = st
		for _, l := range []i18n.Lang{i18n.FA, i18n.EN} {
			look.Stages[payesh.NormalizeText(i18n.T(l, "ui.research.stage."+string(st)))] = st
		}
	}
	axes, err := svc.Research.FindResearchAxes(ctx)
	if err != nil {
		return book, look, err
	}
	for _, a := range axes {
		look.Axes[a.Number] = a.ID
	}
	names := map[int64]string{}
	for _, kind := range []payesh.UnitKind{payesh.UnitPartner, payesh.UnitOffice} {
		units, _, err := svc.Units.FindOrgUnits(ctx, payesh.OrgUnitFilter{Kind: kind, Page: payesh.Page{Limit: payesh.MaxLimit}})
		if err != nil {
			return book, look, err
		}
		for _, u := range units {
			look.Units[u.Code] = u.ID
			look.Units[payesh.NormalizeText(u.NameFA)] = u.ID
			names[u.ID] = u.NameFA
		}
	}
	if empty {
		return book, look, nil
	}
	for offset := 0; ; offset += payesh.MaxLimit {
		list, total, err := svc.Research.FindResearchProjects(ctx, payesh.ResearchFilter{Page: payesh.Page{Limit: payesh.MaxLimit, Offset: offset}})
		if err != nil {
			return book, look, err
		}
		for _, p := range list {
			inst := p.InstitutionName
			if p.InstitutionUnitID != nil {
				inst = names[*p.InstitutionUnitID]
			}
			book.Rows = append(book.Rows, ResearchRow{ID: p.ID, Axis: p.AxisNumber, Title: p.Title, Institution: inst,
				Investigator: p.Investigator, Stage: i18n.T(lang, "ui.research.stage."+string(p.Stage)),
				Start: p.ContractStart.JalaliString(), End: p.ContractEnd.JalaliString(), Budget: p.BudgetRials, Note: p.Note})
		}
		if offset+len(list) >= total || len(list) == 0 {
			break
		}
	}
	return book, look, nil
}
