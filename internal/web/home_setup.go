package web

import (
	"fmt"
	"net/http"

	"payesh"
	"payesh/internal/i18n"
)

// setupItem is one line of the desk's setup checklist: what is missing,
// linked to where it is done.
type setupItem struct {
	ID, Href, Text string
}

// deskSetup is the checklist an administrator or the secretariat sees on
// the desk while the installation lacks something people need before
// they can work in it: the policy's clause texts, indicators and their
// targets, a user in each unit, an open round. An item leaves the list
// once done, and the list the desk once all are; only what the reader's
// role can do is offered (users and clause texts are an administrator's).
// The store answers with one cheap statement per visit (store.Setup).
func (s *server) deskSetup(r *http.Request, units map[int64]*payesh.OrgUnit) ([]setupItem, error) {
	u, lang := user(r), langOf(r)
	sr, ok := s.Units.(payesh.SetupReader)
	if !ok || !u.CanConfigure() {
		return nil, nil
	}
	st, err := sr.Setup(r.Context())
	if err != nil || !st.Missing() {
		return nil, err
	}
	count := func(n int) string {
		if n >= payesh.SetupUnitsCap {
			return formDigits(lang, fmt.Sprintf(i18n.T(lang, "ui.setup.more_than"), n))
		}
		return formDigits(lang, fmt.Sprint(n))
	}
	var items []setupItem
	add := func(id, href, key string, args ...any) {
		items = append(items, setupItem{ID: id, Href: href, Text: fmt.Sprintf(i18n.T(lang, key), args...)})
	}
	admin := u.CanAdminister()
	switch {
	case st.DocumentID == 0 && admin:
		add("setup-document", "/admin/documents/new", "ui.setup.document")
	case st.ClauseWithoutText != 0 && admin:
		add("setup-clauses", fmt.Sprintf("/admin/clauses/%d", st.ClauseWithoutText), "ui.setup.clauses", count(st.ClausesWithoutText))
	}
	if !st.Indicators {
		add("setup-indicators", "/indicators/new", "ui.setup.indicators")
	} else if !st.Targets {
		add("setup-targets", "/indicators", "ui.setup.targets")
	}
	if st.UnitsWithoutUser > 0 && admin {
		name := ""
		if first := units[st.FirstUnitWithoutUser]; first != nil {
			name = unitShortName(lang, first)
		}
		add("setup-users", fmt.Sprintf("/admin/users/new?unit=%d", st.FirstUnitWithoutUser), "ui.setup.users", count(st.UnitsWithoutUser), name)
	}
	if !st.OpenRound {
		add("setup-round", "/rounds/new", "ui.setup.round")
	}
	return items, nil
}
