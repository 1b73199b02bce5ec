package web

import (
	"fmt"
	"net/http"
	"strconv"

	"payesh"
	"payesh/internal/i18n"
)

// historyObject is what a history page is about: the object's title and
// page, or that it has been deleted.
type historyObject struct {
	Title   string
	Href    string
	Deleted bool
}

// titleOr is the object's title, or its entity and id when deleted.
func (o historyObject) titleOr(lang i18n.Lang, entity string, id int64) string {
	if o.Title != "" {
		return o.Title
	}
	return entityLabel(lang, entity) + " #" + strconv.FormatInt(id, 10)
}

// findHistoryObject reads the object as the signed-in user, with the same
// finder its own page uses, so the history is refused to whoever may not
// read the object.
func (s *server) findHistoryObject(r *http.Request, entity string, id int64) (historyObject, error) {
	ctx, lang := r.Context(), langOf(r)
	path := strconv.FormatInt(id, 10)
	switch entity {
	case "work_item":
		w, err := s.Work.FindWorkItemByID(ctx, id)
		if err != nil {
			return historyObject{}, err
		}
		return historyObject{Title: w.Title, Href: "/work/" + path}, nil
	case "org_unit":
		u, err := s.Units.FindOrgUnitByID(ctx, id)
		if err != nil {
			return historyObject{}, err
		}
		return historyObject{Title: pick(lang, u.NameFA, u.NameEN), Href: "/units/" + path}, nil
	case "user":
		return s.historyUser(r, id)
	case "document":
		d, err := s.Documents.FindDocumentByID(ctx, id)
		if err != nil {
			return historyObject{}, err
		}
		return historyObject{Title: pick(lang, d.TitleFA, d.TitleEN), Href: "/documents/" + path}, nil
	case "clause":
		c, err := s.Documents.FindClauseByID(ctx, id)
		if err != nil {
			return historyObject{}, err
		}
		title := fmt.Sprintf(i18n.T(lang, "ui.clause.number"), c.Number) + " — " + pick(lang, c.TitleFA, c.TitleEN)
		return historyObject{Title: title, Href: "/clauses/" + path}, nil
	case "indicator":
		return s.historyIndicator(r, id)
	case "report":
		return s.historyReport(r, id)
	case "round":
		if s.Reports == nil {
			return historyObject{}, payesh.Errorf(payesh.ENOTFOUND, "err.not_found.page")
		}
		rd, err := s.Reports.FindRound(ctx, id)
		if err != nil {
			return historyObject{}, err
		}
		return historyObject{Title: rd.Title, Href: "/rounds/" + path}, nil
	}
	return historyObject{}, payesh.Errorf(payesh.ENOTFOUND, "err.not_found.page")
}

// historyUser: a user reads their own history, admins everyone's; the
// link goes to the admin form, which only admins open.
func (s *server) historyUser(r *http.Request, id int64) (historyObject, error) {
	u, err := s.Users.FindUserByID(r.Context(), id)
	if err != nil {
		return historyObject{}, err
	}
	o := historyObject{Title: u.Name + " (" + u.Username + ")"}
	if user(r).CanAdminister() {
		o.Href = "/admin/users/" + strconv.FormatInt(id, 10)
	}
	return o, nil
}

func (s *server) historyIndicator(r *http.Request, id int64) (historyObject, error) {
	if s.Indicators == nil {
		return historyObject{}, payesh.Errorf(payesh.ENOTFOUND, "err.not_found.page")
	}
	ind, err := s.Indicators.FindIndicatorByID(r.Context(), id)
	if err != nil {
		return historyObject{}, err
	}
	return historyObject{Title: pick(langOf(r), ind.NameFA, ind.NameEN), Href: "/indicators/" + strconv.FormatInt(id, 10)}, nil
}

// historyReport names a report by its unit and round: "گزارش X در Y".
func (s *server) historyReport(r *http.Request, id int64) (historyObject, error) {
	if s.Reports == nil {
		return historyObject{}, payesh.Errorf(payesh.ENOTFOUND, "err.not_found.page")
	}
	ctx, lang := r.Context(), langOf(r)
	rep, err := s.Reports.FindReport(ctx, id)
	if err != nil {
		return historyObject{}, err
	}
	round, err := s.Reports.FindRound(ctx, rep.RoundID)
	if err != nil {
		return historyObject{}, err
	}
	unit, err := s.Units.FindOrgUnitByID(ctx, rep.UnitID)
	if err != nil {
		return historyObject{}, err
	}
	title := fmt.Sprintf(i18n.T(lang, "ui.history.report_of"), pick(lang, unit.NameFA, unit.NameEN), round.Title)
	return historyObject{Title: title, Href: "/reports/" + strconv.FormatInt(id, 10)}, nil
}
