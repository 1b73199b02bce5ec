package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

//go:embed templates
var templateFS embed.FS

// pages holds, per language, one template set per page: the layout, the
// partials and the page's own file. Funcs are bound to the language at
// parse time, so templates say {{t KEY}} and get their language.
type pages struct {
	byLang map[i18n.Lang]map[string]*template.Template
}

func parsePages(version string) (*pages, error) {
	files, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byLang: map[i18n.Lang]map[string]*template.Template{}}
	for _, lang := range []i18n.Lang{i18n.FA, i18n.EN} {
		base, err := template.New("layout").Funcs(funcs(lang, version)).
			ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html")
		if err != nil {
			return nil, err
		}
		p.byLang[lang] = map[string]*template.Template{}
		for _, f := range files {
			t, err := template.Must(base.Clone()).ParseFS(templateFS, f)
			if err != nil {
				return nil, fmt.Errorf("web: template %s: %w", f, err)
			}
			p.byLang[lang][strings.TrimSuffix(path.Base(f), ".html")] = t
		}
	}
	return p, nil
}

// view is what every page template receives.
type view struct {
	Lang    i18n.Lang
	User    *payesh.User
	Path    string     // the request path, for the navigation's current item
	Query   url.Values // the request's query, for filters and pagers
	Title   string     // already translated
	Flash   string     // a message key shown once, e.g. after a save
	Errors  map[string]string
	Form    url.Values // what the user typed, kept on a failed submit
	Current any        // on a version conflict, the row as it is now
	Data    any        // the page's own data
	Unread  int        // the user's unread notifications, for the header
	// Training says the page may show the training set's made-up figures:
	// the layout puts its banner above the content (training.go).
	Training bool
}

// Err returns the translated message of a field's error, or "".
func (v *view) Err(field string) string {
	if k, ok := v.Errors[field]; ok {
		return i18n.T(v.Lang, k)
	}
	return ""
}

// Value returns what the user typed in a field, for refilling a form.
func (v *view) Value(field string) string { return v.Form.Get(field) }

// IDs is every id posted in field, for checkboxes kept as posted.
func (v *view) IDs(field string) []int64 {
	var ids []int64
	for _, s := range v.Form[field] {
		if id, err := strconv.ParseInt(jalali.ToLatinDigits(s), 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// newView starts a view for r.
func (s *server) newView(r *http.Request, titleKey string, data any) *view {
	lang := langOf(r)
	return &view{
		Lang: lang, User: user(r), Path: r.URL.Path, Query: r.URL.Query(),
		Title: i18n.T(lang, titleKey), Flash: flashKey(r.URL.Query().Get("flash")), Data: data,
		Unread: s.unreadCount(r), Training: s.trainingShown(r),
	}
}

// flashKey returns the ?flash= key when it names a flash message of the
// catalog — a key "ui.<area>.flash.<name>", as every redirect after a save
// writes it — and "" otherwise: the address is anyone's to write, and a
// banner must never say what a stranger's link made it say.
func flashKey(key string) string {
	if !flashPattern.MatchString(key) || !i18n.Has(key) {
		return ""
	}
	return key
}

var flashPattern = regexp.MustCompile(`^ui\.[a-z0-9_]+(\.[a-z0-9_]+)*\.flash\.[a-z0-9_]+$`)

// render writes page name with v. An htmx request that names a fragment
// (HX-Target of an element whose template is defined) gets just that
// fragment; every other request gets the whole page.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name string, v *view) error {
	t, ok := s.pages.byLang[v.Lang][name]
	if !ok {
		return fmt.Errorf("web: no page %q", name)
	}
	tmpl := "layout"
	if frag := fragmentOf(r); frag != "" && t.Lookup(frag) != nil {
		tmpl = frag
	}
	// Render into a buffer first, so a template error becomes an error
	// page instead of half a page. Buffers are reused: a grid page is
	// 600 KB, and growing a new buffer to that for each request was a
	// tenth of its time, most of it clearing memory.
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	if err := t.ExecuteTemplate(buf, tmpl, v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Vary", "HX-Request")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putPageBuffer returns a buffer to the pool, unless it grew beyond what
// pages need (a rare huge page would otherwise stay in memory for good).
func putPageBuffer(b *bytes.Buffer) {
	if b.Cap() > 4<<20 {
		return
	}
	b.Reset()
	pageBuffers.Put(b)
}

// fragmentOf returns the template name an htmx request asks for: its
// target id prefixed with "frag-" (target "work-main" → "frag-work-main").
func fragmentOf(r *http.Request) string {
	if r.Header.Get("HX-Request") != "true" || r.Header.Get("HX-Boosted") == "true" {
		return ""
	}
	if t := r.Header.Get("HX-Target"); t != "" {
		return "frag-" + t
	}
	return ""
}

// redirect sends the browser to url after a successful POST (see other),
// so a reload does not post again; htmx follows it with HX-Redirect.
func redirect(w http.ResponseWriter, r *http.Request, url string) error {
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Redirect", url)
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	http.Redirect(w, r, url, http.StatusSeeOther)
	return nil
}
