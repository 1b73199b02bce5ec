package web

import (
	"net/http"
	"strconv"

	"payesh"
	"payesh/internal/i18n"
)

// historyPageSize is how many events one page of a trail shows.
const historyPageSize = 30

// historyEntities are the entities whose objects have a history page,
// named as the store writes them; each resolves to its object's title and
// page for the reader.
var historyEntities = []string{"work_item", "org_unit", "user", "document", "clause", "indicator", "report", "round"}

// historyData is one object's audit trail.
type historyData struct {
	Entity string
	ID     int64
	Object historyObject
	// Events are the trail's events, newest first, with what changed.
	Events []historyEvent
	Total  int
	Pager  pager
	// Search links admins to the whole log filtered to the object.
	Search string
}

// history shows an object's audit trail to whoever may read the object:
// the web reads the object as the user first (a 403 or 404 comes from its
// own finder), then the store, which checks the same rule, returns the
// trail. An object since deleted keeps its trail for admins and the
// secretariat.
func (s *server) history(w http.ResponseWriter, r *http.Request) error {
	entity := r.PathValue("entity")
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if !isHistoryEntity(entity) {
		return payesh.Errorf(payesh.ENOTFOUND, "err.not_found.page")
	}
	obj, err := s.findHistoryObject(r, entity, id)
	if payesh.ErrorCode(err) == payesh.ENOTFOUND && user(r).CanConfigure() {
		obj, err = historyObject{Deleted: true}, nil
	}
	if err != nil {
		return err
	}
	page := pageOf(r, historyPageSize)
	events, total, err := s.Audit.FindAuditTrail(r.Context(), entity, id, page)
	if err != nil {
		return err
	}
	if obj.Deleted && total == 0 {
		return payesh.Errorf(payesh.ENOTFOUND, "err.not_found.page")
	}
	units, err := s.unitMap(r)
	if err != nil {
		return err
	}
	lang := langOf(r)
	d := &historyData{Entity: entity, ID: id, Object: obj, Total: total, Pager: newPager(r, total, page)}
	for _, e := range events {
		d.Events = append(d.Events, newHistoryEvent(lang, e, units))
	}
	if user(r).CanAdminister() {
		d.Search = "/admin/audit?entity=" + entity + "&entity_id=" + strconv.FormatInt(id, 10)
	}
	v := s.newView(r, "ui.history.title", d)
	v.Title = i18n.T(lang, "ui.history.title") + " — " + d.Object.titleOr(lang, entity, id)
	return s.render(w, r, http.StatusOK, "history", v)
}

func isHistoryEntity(entity string) bool {
	for _, e := range historyEntities {
		if e == entity {
			return true
		}
	}
	return false
}

// historyHref is the address of an object's history, or "" for an entity
// without one.
func historyHref(entity string, id int64) string {
	if !isHistoryEntity(entity) {
		return ""
	}
	return "/history/" + entity + "/" + strconv.FormatInt(id, 10)
}

// entityLabel is an entity's name in lang ("کار", "واحد"), or the name as
// stored for one the catalog does not know.
func entityLabel(lang i18n.Lang, entity string) string {
	if k := "ui.history.entity." + entity; i18n.Has(k) {
		return i18n.T(lang, k)
	}
	return entity
}

// actionLabel is an audit action in lang ("ویرایش"), or as stored.
func actionLabel(lang i18n.Lang, action string) string {
	if k := "ui.history.action." + action; i18n.Has(k) {
		return i18n.T(lang, k)
	}
	return action
}
