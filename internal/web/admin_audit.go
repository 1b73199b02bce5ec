package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// auditPageSize is how many events one page of the audit log lists.
const auditPageSize = 50

// auditEntities are the entities the store writes events for, in the
// order the filter offers them.
var auditEntities = []string{"work_item", "org_unit", "user", "document", "clause", "indicator",
	"indicator_value", "round", "report", "evidence"}

// auditActions are the actions the store records.
var auditActions = []string{payesh.ActionCreate, payesh.ActionUpdate, payesh.ActionDelete, payesh.ActionProgress,
	payesh.ActionLink, payesh.ActionUnlink, payesh.ActionPassword, payesh.ActionToken, payesh.ActionTokenRevoke, payesh.ActionRemind,
	payesh.ActionTargets, payesh.ActionBulkLoad, payesh.ActionClose,
	string(payesh.ActSubmit), string(payesh.ActApprove), string(payesh.ActReturn), string(payesh.ActReopen),
	string(payesh.ActWithdraw), payesh.ActionRequestChange, payesh.ActionApproveChange, payesh.ActionRejectChange}

// auditRow is one event of the log: labels in the reader's language and
// the link to the object's history.
type auditRow struct {
	E       *payesh.AuditEvent
	Entity  string
	Action  string
	Actor   string
	History string
}

type auditData struct {
	Rows     []auditRow
	Total    int
	Pager    pager
	Entities []option
	Actions  []option
	Actors   []option
	// CSV is the export of the same filter.
	CSV      string
	Filtered bool
}

// adminAudit searches the whole audit trail (admins). Bad filter values
// are named beside their fields and left out, as on the work list.
func (s *server) adminAudit(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, bad := parseAuditFilter(q)
	f.Page = pageOf(r, auditPageSize)
	events, total, err := s.Audit.FindAuditEvents(r.Context(), f)
	if err != nil {
		return err
	}
	lang := langOf(r)
	d := &auditData{Total: total, Pager: newPager(r, total, f.Page), Filtered: auditFiltered(q), CSV: auditCSVHref(q)}
	if d.Actors, err = s.auditActors(r); err != nil {
		return err
	}
	d.Entities = labelOptions(auditEntities, func(e string) string { return entityLabel(lang, e) })
	d.Actions = labelOptions(auditActions, func(a string) string { return actionLabel(lang, a) })
	for _, e := range events {
		d.Rows = append(d.Rows, newAuditRow(lang, e))
	}
	return s.renderForm(w, r, http.StatusOK, "admin_audit", "ui.audit.title", d, q, bad)
}

func newAuditRow(lang i18n.Lang, e *payesh.AuditEvent) auditRow {
	row := auditRow{E: e, Entity: entityLabel(lang, e.Entity), Action: actionLabel(lang, e.Action),
		Actor: e.ActorName, History: historyHref(e.Entity, e.EntityID)}
	if e.ActorID == nil {
		row.Actor = i18n.T(lang, "ui.history.system")
	}
	return row
}

// auditActors are the users to filter by, "name (username)".
func (s *server) auditActors(r *http.Request) ([]option, error) {
	users, _, err := s.Users.FindUsers(r.Context(), payesh.UserFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		return nil, err
	}
	out := make([]option, len(users))
	for i, u := range users {
		out[i] = option{strconv.FormatInt(u.ID, 10), u.Name + " (" + u.Username + ")"}
	}
	return out, nil
}

func labelOptions(values []string, label func(string) string) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{v, label(v)}
	}
	return out
}

// auditFilterKeys are the query's filter parameters.
var auditFilterKeys = []string{"entity", "entity_id", "actor", "action", "from", "to", "q"}

func auditFiltered(q url.Values) bool {
	for _, k := range auditFilterKeys {
		if q.Get(k) != "" {
			return true
		}
	}
	return false
}

// auditCSVHref is the export of the filter in q, without paging.
func auditCSVHref(q url.Values) string {
	out := url.Values{}
	for _, k := range auditFilterKeys {
		if v := q.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	if len(out) == 0 {
		return "/admin/audit.csv"
	}
	return "/admin/audit.csv?" + out.Encode()
}

// parseAuditFilter reads the log's filter from the query. A bad value is
// left out of the filter and named in the field errors.
func parseAuditFilter(q url.Values) (payesh.AuditFilter, map[string]string) {
	bad := map[string]string{}
	get := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	var f payesh.AuditFilter
	if e := get("entity"); e != "" {
		if inList(auditEntities, e) {
			f.Entity = e
		} else {
			bad["entity"] = "err.bad_query"
		}
	}
	f.EntityID = auditID(get("entity_id"), "entity_id", "err.number", bad)
	f.ActorID = auditID(get("actor"), "actor", "err.unknown_ref", bad)
	if a := get("action"); a != "" {
		if inList(auditActions, a) {
			f.Action = a
		} else {
			bad["action"] = "err.bad_query"
		}
	}
	f.From = auditDate(get("from"), "from", bad)
	f.To = auditDate(get("to"), "to", bad)
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		bad["to"] = "err.audit.range"
		f.To = payesh.Date{}
	}
	f.Q = payesh.NormalizeText(get("q"))
	return f, bad
}

func inList(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// auditID reads a positive id typed in any digits.
func auditID(s, field, key string, bad map[string]string) int64 {
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(jalali.ToLatinDigits(s), 10, 64)
	if err != nil || n <= 0 {
		bad[field] = key
		return 0
	}
	return n
}

// auditDate reads a Jalali date typed in any digits.
func auditDate(s, field string, bad map[string]string) payesh.Date {
	if s == "" {
		return payesh.Date{}
	}
	d, err := jalali.Parse(s)
	if err != nil {
		bad[field] = "err.bad_jalali_date"
		return payesh.Date{}
	}
	return payesh.FromJalali(d)
}
