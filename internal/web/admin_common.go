package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// option is one choice of a select.
type option struct{ Value, Label string }

// fact is a label and a value, for showing the row someone else saved
// when a form meets a version conflict.
type fact struct{ Label, Value string }

// formPage is what every admin form page receives besides its own data:
// whether it creates or edits, and the current row after a conflict.
type formPage struct {
	New      bool
	Conflict []fact
}

// adminRedirect ends a successful POST: see-other to path with a flash
// message key.
func adminRedirect(w http.ResponseWriter, r *http.Request, path, flash string) error {
	return redirect(w, r, path+"?flash="+url.QueryEscape(flash))
}

// failure sorts out an error of a write made from a form. Validation
// errors, and conflicts that name a field (a code or username already
// taken), go beside their fields; a stale version carries the current row;
// anything else is not the form's business and becomes the error page.
type failure struct {
	status  int
	fields  map[string]string
	current any
}

func failureOf(err error) (failure, bool) {
	var e *payesh.Error
	if !errors.As(err, &e) {
		return failure{}, false
	}
	switch {
	case e.Code == payesh.EINVALID:
		f, _ := fieldErrors(err)
		return failure{status: http.StatusBadRequest, fields: visibleFields(f)}, true
	case e.Code == payesh.ECONFLICT && len(e.Fields) > 0:
		return failure{status: http.StatusConflict, fields: e.Fields}, true
	case e.Code == payesh.ECONFLICT && e.Current != nil:
		return failure{status: http.StatusConflict, fields: map[string]string{}, current: e.Current}, true
	case e.Code == payesh.ECONFLICT:
		// Refusals like "has children" are messages about the whole form.
		return failure{status: http.StatusConflict, fields: map[string]string{"form": e.Message}}, true
	}
	return failure{}, false
}

// visibleFields moves an error about the hidden version field to the top
// of the form, where the user can see it.
func visibleFields(f map[string]string) map[string]string {
	if k, ok := f["version"]; ok {
		delete(f, "version")
		f["form"] = k
	}
	return f
}

// mergeFields adds to dst the fields of a validation error, keeping what
// dst already says about a field.
func mergeFields(dst map[string]string, err error) {
	f, ok := fieldErrors(err)
	if !ok {
		return
	}
	for k, v := range f {
		if _, set := dst[k]; !set {
			dst[k] = v
		}
	}
}

// renderForm shows a form page with what the user typed and the errors
// beside their fields.
func (s *server) renderForm(w http.ResponseWriter, r *http.Request, status int, page, titleKey string, data any, form url.Values, errs map[string]string) error {
	v := s.newView(r, titleKey, data)
	v.Form, v.Errors = form, errs
	return s.render(w, r, status, page, v)
}

// withoutSecrets returns the posted form minus passwords, which are never
// sent back to the browser.
func withoutSecrets(form url.Values) url.Values {
	out := url.Values{}
	for k, v := range form {
		if !strings.HasPrefix(k, "password") {
			out[k] = v
		}
	}
	return out
}

// withVersion returns form with the row version replaced by the current
// one, so that after reviewing a conflict the user's second submit saves.
func withVersion(form url.Values, version int) url.Values {
	out := withoutSecrets(form)
	out.Set("version", strconv.Itoa(version))
	return out
}

// formDigits writes numbers into a form value as the interface shows them:
// Persian digits in Persian (the parser reads either).
func formDigits(lang i18n.Lang, s string) string {
	if lang == i18n.FA {
		return jalali.ToPersianDigits(s)
	}
	return s
}

// idString is an optional id as a form value: "" for none.
func idString(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

// optionalID turns a select's 0 ("none") into nil.
func optionalID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// unitOptions lists units for a select in tree order, indented by depth,
// leaving out the subtree at path skip (a unit cannot move under itself).
func unitOptions(lang i18n.Lang, units []*payesh.OrgUnit, skip string) []option {
	var out []option
	var walk func(nodes []*unitNode, depth int)
	walk = func(nodes []*unitNode, depth int) {
		for _, n := range nodes {
			if skip != "" && strings.HasPrefix(n.Unit.Path, skip) {
				continue
			}
			label := strings.Repeat("\u00a0\u00a0\u00a0", depth) + pick(lang, n.Unit.NameFA, n.Unit.NameEN)
			out = append(out, option{strconv.FormatInt(n.Unit.ID, 10), label})
			walk(n.Children, depth+1)
		}
	}
	t := buildOrgTree(units)
	walk(t.Org, 0)
	walk(t.Partners, 0)
	return out
}

// keyOptions lists enumerated values with their translated labels.
func keyOptions[T ~string](lang i18n.Lang, prefix string, values []T) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{string(v), i18n.T(lang, prefix+string(v))}
	}
	return out
}
