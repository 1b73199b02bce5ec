package pdf_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"payesh/internal/pdf"
	"payesh/internal/pdf/pdftest"
)

// page is a small Persian report: joined letters, ZWNJ, Persian digits,
// and a table, as the round summary has.
const page = `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>آزمون</title>
<style>@font-face { font-family: "Vazirmatn"; src: url("/font.woff2") format("woff2"); }
body { font-family: "Vazirmatn", "DejaVu Sans", sans-serif; }</style></head>
<body><main data-printable><h1>گزارش جمع‌بندی دورهٔ تابستان ۱۴۰۳</h1>
<table><tr><th>واحد</th><th>وضعیت</th></tr><tr><td>شعبهٔ آزمایشی مشهد</td><td>تأییدشده</td></tr></table>
</main></body></html>`

// pagedPage is three pages numbered by the page's own print style, in
// Persian digits, as the round summary numbers its pages.
const pagedPage = `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>آزمون</title>
<style>@page { @bottom-center { content: "صفحهٔ " counter(page, persian) " از " counter(pages, persian); font-size: 8pt; } }
section { break-after: page; }</style></head>
<body><main data-printable><section>یکم</section><section>دوم</section><section>سوم</section></main></body></html>`

// site serves the page, the font the web UI ships (when `make assets` has
// put it there), and a page behind a cookie.
func site(t *testing.T) *httptest.Server {
	t.Helper()
	font, _ := os.ReadFile(filepath.Join("..", "web", "static", "vendor", "fonts", "Vazirmatn-Variable.woff2"))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /report", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	})
	mux.HandleFunc("GET /font.woff2", func(w http.ResponseWriter, r *http.Request) {
		if font == nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "font/woff2")
		w.Write(font)
	})
	mux.HandleFunc("GET /private", func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie("session"); err != nil || c.Value != "s3cret" {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	})
	mux.HandleFunc("GET /pages", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(pagedPage))
	})
	mux.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<!doctype html><title>login</title><p>sign in</p>`))
	})
	mux.HandleFunc("GET /plain", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<!doctype html><title>x</title><p>not marked</p>`))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// requireChromium skips without a browser on a developer's machine but
// fails in CI, as the browser tests do.
func requireChromium(t *testing.T) {
	t.Helper()
	if pdf.FindChromium() != "" {
		return
	}
	how := "no Chromium found (chromium on the PATH or " + pdf.EnvChromium + "); `apt-get install chromium` (.ci/run does)"
	if os.Getenv("CI") != "" {
		t.Fatal("the PDF test needs Chromium when CI is set: " + how)
	}
	t.Skip("PDF test skipped: " + how)
}

// TestRenderPersian prints the page and reads the PDF's text back: the
// Persian words must come out as words, which they do only if Chromium
// shaped them and kept their text.
func TestRenderPersian(t *testing.T) {
	requireChromium(t)
	srv := site(t)
	r := pdf.New(pdf.Options{Require: "[data-printable]"})
	out, err := r.Render(context.Background(), srv.URL+"/private", []*http.Cookie{{Name: "session", Value: "s3cret"}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF")) {
		t.Fatalf("not a PDF: %q", out[:min(len(out), 20)])
	}
	text := pdftest.Text(t, out)
	for _, want := range []string{"گزارش", "جمع‌بندی", "تأییدشده", "شعبهٔ آزمایشی مشهد", "۱۴۰۳"} {
		if !strings.Contains(text, pdftest.Plain(want)) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
}

// TestPageNumbers: pages are numbered by the page's print style, so a
// Persian page gets Persian digits, and the printer adds no footer of its
// own in Latin ones.
func TestPageNumbers(t *testing.T) {
	requireChromium(t)
	srv := site(t)
	out, err := pdf.New(pdf.Options{Require: "[data-printable]"}).Render(context.Background(), srv.URL+"/pages", nil)
	if err != nil {
		t.Fatal(err)
	}
	text := pdftest.Text(t, out)
	// pdftotext spaces the footer's runs as it likes: compare without
	// spaces.
	squeezed := strings.Join(strings.Fields(text), "")
	for _, want := range []string{"۱از۳", "۲از۳", "۳از۳"} {
		if !strings.Contains(squeezed, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "1 / 3") || strings.Contains(text, "1/3") {
		t.Errorf("a Latin footer remains:\n%s", text)
	}
}

// TestRenderRefuses: a page that signs the browser out (no cookie), a page
// without the mark, and a missing browser are errors, not PDFs of the
// wrong page.
func TestRenderRefuses(t *testing.T) {
	if _, err := pdf.New(pdf.Options{Path: ""}).Render(context.Background(), "http://127.0.0.1:1/", nil); pdf.FindChromium() == "" && !errors.Is(err, pdf.ErrNoChromium) {
		t.Errorf("no browser: %v, want ErrNoChromium", err)
	}
	requireChromium(t)
	srv := site(t)
	r := pdf.New(pdf.Options{Require: "[data-printable]"})
	if _, err := r.Render(context.Background(), srv.URL+"/private", nil); err == nil {
		t.Error("a page that redirected to sign-in was printed")
	}
	if _, err := r.Render(context.Background(), srv.URL+"/plain", nil); err == nil {
		t.Error("a page without the required mark was printed")
	}
}
