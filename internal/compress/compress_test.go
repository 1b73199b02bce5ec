package compress

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	big := strings.Repeat("<p>سلام، پایش</p>\n", 200)
	for _, tc := range []struct {
		name, accept, method, ctype, body string
		status                            int
		encoding                          string // "" when the body must pass as it is
		preEncoded                        bool
	}{
		{"a page", "gzip, deflate, br", "GET", "text/html; charset=utf-8", big, 200, "gzip", false},
		{"JSON", "gzip", "GET", "application/json", `{"items":[` + strings.Repeat(`{"id":1},`, 300) + `{}]}`, 200, "gzip", false},
		{"a small page", "gzip", "GET", "text/html", "<p>کوتاه</p>", 200, "", false},
		{"ADX", "gzip", "GET", "application/adx+xml; charset=utf-8", big, 200, "gzip", false},
		{"SDMX-CSV", "gzip", "GET", "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8", big, 200, "gzip", false},
		{"an image", "gzip", "GET", "image/png", strings.Repeat("x", 5000), 200, "", false},
		{"a workbook", "gzip", "GET", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", strings.Repeat("x", 5000), 200, "", false},
		{"no gzip asked", "", "GET", "text/html", big, 200, "", false},
		{"gzip refused", "gzip;q=0, identity", "GET", "text/html", big, 200, "", false},
		{"already encoded", "gzip", "GET", "text/css", big, 200, "br", true},
		{"HEAD", "gzip", "HEAD", "text/html", "", 200, "", false},
		{"an error page", "gzip", "GET", "text/html", big, 404, "gzip", false},
		{"not modified", "gzip", "GET", "text/html", "", 304, "", false},
	} {
		h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", tc.ctype)
			if tc.preEncoded {
				w.Header().Set("Content-Encoding", "br")
			}
			w.WriteHeader(tc.status)
			// In pieces, as templates write.
			for i := 0; i < len(tc.body); i += 700 {
				io.WriteString(w, tc.body[i:min(i+700, len(tc.body))])
			}
		}))
		req := httptest.NewRequest(tc.method, "/", nil)
		if tc.accept != "" {
			req.Header.Set("Accept-Encoding", tc.accept)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		res := rec.Result()
		if res.StatusCode != tc.status || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: status %d, Vary %q", tc.name, res.StatusCode, res.Header.Get("Vary"))
		}
		got := res.Header.Get("Content-Encoding")
		want := tc.encoding
		if tc.preEncoded {
			want = "br"
		}
		if got != want {
			t.Errorf("%s: Content-Encoding %q, want %q", tc.name, got, want)
			continue
		}
		body := rec.Body.Bytes()
		if got == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if res.Header.Get("Content-Length") != "" {
				t.Errorf("%s: a Content-Length with a compressed body", tc.name)
			}
		}
		if string(body) != tc.body {
			t.Errorf("%s: the body changed (%d bytes, want %d)", tc.name, len(body), len(tc.body))
		}
	}
}

// TestFlush: what a handler flushes is sent at once, and the rest follows.
func TestFlush(t *testing.T) {
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "part one ")
		w.(http.Flusher).Flush()
		io.WriteString(w, strings.Repeat("part two ", 300))
	}))
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	// A flush before minSize decides on what is held — too little to
	// compress — and sends it; nothing is lost after.
	if !rec.Flushed || rec.Header().Get("Content-Encoding") != "" {
		t.Fatalf("flushed %v, encoding %q", rec.Flushed, rec.Header().Get("Content-Encoding"))
	}
	if !strings.HasPrefix(rec.Body.String(), "part one part two") || len(rec.Body.String()) != 9+9*300 {
		t.Errorf("body %q…", rec.Body.String()[:min(40, rec.Body.Len())])
	}
}

func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{"gzip": true, "GZIP": true, "deflate, gzip;q=0.5": true, "gzip;q=0": false, "br": false, "": false, "x-gzip": false} {
		if acceptsGzip(h) != want {
			t.Errorf("acceptsGzip(%q) = %v", h, !want)
		}
	}
}

// TestPanicLeftToRecovery: a handler that panics before its answer is
// sent leaves nothing written, so the recovery outside can answer 500.
func TestPanicLeftToRecovery(t *testing.T) {
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<p>half a page")
		panic("boom")
	}))
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not reach the recovery outside")
			}
		}()
		h.ServeHTTP(rec, req)
	}()
	if rec.Body.Len() != 0 || rec.Code != http.StatusOK || rec.Flushed {
		t.Errorf("written before the recovery: %d %q", rec.Code, rec.Body.String())
	}
}

// TestOneWrite: a page written at once from its render buffer, as
// web.render writes, is compressed whole; so is one that follows a few
// bytes held back. The writer keeps nothing of the caller's slice: the
// buffer goes back to its pool and is written over at once.
func TestOneWrite(t *testing.T) {
	page := strings.Repeat("<tr><td>۱۲</td><td>پایش</td></tr>\n", 20000)
	for _, head := range []string{"", "<!doctype html>"} {
		h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, head)
			buf := []byte(page)
			w.Write(buf)
			for i := range buf {
				buf[i] = 'x'
			}
		}))
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Header().Get("Content-Encoding") != "gzip" {
			t.Fatalf("head %q: not compressed", head)
		}
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if string(body) != head+page {
			t.Errorf("head %q: the body changed (%d bytes, want %d)", head, len(body), len(head)+len(page))
		}
	}
}
