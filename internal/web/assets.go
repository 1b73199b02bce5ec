package web

import (
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"sync"
)

// staticFS holds the CSS and scripts of Payesh and, under vendor/, the
// npm packages `make assets` copies there (htmx, the Jalali date picker,
// the Vazirmatn font, icons): nothing is ever fetched from another host.
//
//go:embed static
var staticFS embed.FS

// static serves /static/. Asset URLs carry ?v=<version>, so a browser may
// keep them for a year and still fetch the new ones after an upgrade.
func (s *server) static() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embedded tree always has static/
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r) // no directory listings
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		files.ServeHTTP(w, r)
	})
}

var (
	iconsOnce sync.Once
	icons     map[string]template.HTML
	svgIntro  = regexp.MustCompile(`(?s)^.*?<svg`)
)

// icon returns an inline SVG icon from vendor/icons (lucide-static), hidden
// from screen readers since a text label always stands beside it.
func icon(name string) template.HTML {
	iconsOnce.Do(loadIcons)
	return icons[name]
}

func loadIcons() {
	icons = map[string]template.HTML{}
	paths, _ := fs.Glob(staticFS, "static/vendor/icons/*.svg")
	for _, p := range paths {
		b, err := staticFS.ReadFile(p)
		if err != nil {
			continue
		}
		name := strings.TrimSuffix(p[strings.LastIndex(p, "/")+1:], ".svg")
		svg := svgIntro.ReplaceAllString(string(b), `<svg aria-hidden="true" focusable="false"`)
		icons[name] = template.HTML(svg) // our own embedded file, not user input
	}
}
