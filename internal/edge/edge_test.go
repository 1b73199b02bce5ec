package edge

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"payesh"
)

// logLines is a JSON slog handler's output, one map per line.
type logLines struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logLines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logLines) logger() *slog.Logger { return slog.New(slog.NewJSONHandler(l, nil)) }

// with returns the lines whose msg is msg.
func (l *logLines) with(t *testing.T, msg string) []map[string]any {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for line := range strings.Lines(l.buf.String()) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if m["msg"] == msg {
			out = append(out, m)
		}
	}
	return out
}

// TestAccessLog: one line per request, with the route pattern rather
// than the path, the status, bytes, duration, the user once a door named
// them, the client and the request id the response carries.
func TestAccessLog(t *testing.T) {
	var logs logLines
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		SetUser(r.Context(), &payesh.User{ID: 7, Username: "maryam"})
		io.WriteString(w, "hello")
	})
	mux.HandleFunc("POST /items", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	})
	// A door that wraps its own mux, as the API and the web do behind the
	// application's mux: the innermost pattern is the route.
	inner := http.NewServeMux()
	inner.HandleFunc("GET /api/v1/things/{id}", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusGone)
	})
	mux.Handle("/api/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		HandleErrors(r, nil)
		inner.ServeHTTP(w, r)
	}))
	h := New(mux, Options{Logger: logs.logger()})

	type want struct {
		method, path, route string
		status              int
		bytes               int
		user                string
	}
	for _, c := range []want{
		{"GET", "/items/42", "GET /items/{id}", 200, 5, "maryam"},
		{"GET", "/items/43", "GET /items/{id}", 200, 5, "maryam"},
		{"POST", "/items", "POST /items", 201, 0, ""},
		{"GET", "/nowhere", Unmatched, 404, len("404 page not found\n"), ""},
		{"DELETE", "/items/1", Unmatched, 405, len("Method Not Allowed\n"), ""},
	} {
		req := httptest.NewRequest(c.method, c.path, nil)
		req.RemoteAddr = "198.51.100.7:4711"
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		lines := logs.with(t, "request")
		line := lines[len(lines)-1]
		if line["method"] != c.method || line["route"] != c.route || line["status"] != float64(c.status) ||
			line["bytes"] != float64(c.bytes) || line["client"] != "198.51.100.7" ||
			line["request_id"] != rec.Header().Get(HeaderRequestID) || line["level"] != "INFO" {
			t.Errorf("%s %s: log %v; want route %q status %d bytes %d", c.method, c.path, line, c.route, c.status, c.bytes)
		}
		if d, ok := line["duration"].(float64); !ok || d < 0 {
			t.Errorf("%s %s: duration %v", c.method, c.path, line["duration"])
		}
		if c.user != "" && (line["username"] != c.user || line["user_id"] != float64(7)) {
			t.Errorf("%s %s: user %v %v", c.method, c.path, line["user_id"], line["username"])
		}
		if _, ok := line["username"]; c.user == "" && ok {
			t.Errorf("%s %s: a user on an anonymous request: %v", c.method, c.path, line)
		}
		if strings.Contains(line["route"].(string), "42") {
			t.Errorf("route %q holds the id", line["route"])
		}
	}
	if n := len(logs.with(t, "request")); n != 5 {
		t.Errorf("%d access lines for 5 requests", n)
	}

	// Nested muxes: the pattern of the one that served the request.
	var inLogs logLines
	h = New(mux, Options{Logger: inLogs.logger()})
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/api/v1/things/9", nil))
	if l := inLogs.with(t, "request"); len(l) != 1 || l[0]["route"] != "GET /api/v1/things/{id}" || l[0]["status"] != float64(410) {
		t.Errorf("nested: %v", l)
	}
}

// TestSecurityHeaders: every answer carries them, a handler may replace
// one for its own answer, and the request id is echoed.
func TestSecurityHeaders(t *testing.T) {
	h := New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/static" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
	}), Options{})
	for path, cache := range map[string]string{"/": "no-store", "/static": "public, max-age=31536000, immutable"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		hd := rec.Header()
		csp := hd.Get("Content-Security-Policy")
		for _, d := range []string{"default-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'"} {
			if !strings.Contains(csp, d) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, d)
			}
		}
		if hd.Get("X-Content-Type-Options") != "nosniff" || hd.Get("X-Frame-Options") != "DENY" ||
			hd.Get("Referrer-Policy") != "same-origin" || hd.Get("Cache-Control") != cache || hd.Get(HeaderRequestID) == "" {
			t.Errorf("%s: headers %v", path, hd)
		}
	}
}

// TestPanic: a panic is answered by the door's error writer, or in plain
// text without one, logged with its stack and the request id, and still
// has its access-log line; a panic after the answer began breaks the
// connection rather than pass for a complete answer.
func TestPanic(t *testing.T) {
	var logs logLines
	mux := http.NewServeMux()
	mux.HandleFunc("GET /door/{x}", func(w http.ResponseWriter, r *http.Request) {
		HandleErrors(r, func(w http.ResponseWriter, r *http.Request, err error) {
			if payesh.ErrorCode(err) != payesh.EINTERNAL {
				t.Errorf("error writer got %v; want an internal error", err)
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(Status(payesh.ErrorCode(err)))
			io.WriteString(w, `{"error":{"code":"internal","request_id":"`+RequestID(r.Context())+`"}}`)
		})
		panic("secret cause")
	})
	mux.HandleFunc("GET /bare", func(w http.ResponseWriter, r *http.Request) { panic("bare") })
	mux.HandleFunc("GET /broken-writer", func(w http.ResponseWriter, r *http.Request) {
		HandleErrors(r, func(http.ResponseWriter, *http.Request, error) { panic("again") })
		panic("first")
	})
	mux.HandleFunc("GET /late", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "half")
		w.(http.Flusher).Flush()
		panic("late")
	})
	srv := httptest.NewServer(New(mux, Options{Logger: logs.logger()}))
	defer srv.Close()
	srv.Config.ErrorLog = nil

	get := func(path string) (*http.Response, string, error) {
		resp, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			return nil, "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp, string(b), err
	}

	resp, body, err := get("/door/1")
	if err != nil || resp.StatusCode != 500 || !strings.Contains(body, `"code":"internal"`) ||
		!strings.Contains(body, resp.Header.Get(HeaderRequestID)) || strings.Contains(body, "secret") {
		t.Errorf("door: %v %v %s", resp, err, body)
	}
	if resp.Header.Get("Content-Security-Policy") == "" {
		t.Error("door: no security headers on the 500")
	}
	id := resp.Header.Get(HeaderRequestID)
	panics := logs.with(t, "panic")
	if len(panics) != 1 || panics[0]["request_id"] != id || panics[0]["panic"] != "secret cause" ||
		panics[0]["route"] != "GET /door/{x}" || !strings.Contains(panics[0]["stack"].(string), "edge_test.go") {
		t.Errorf("panic log %v", panics)
	}

	resp, body, err = get("/bare")
	if err != nil || resp.StatusCode != 500 || !strings.Contains(body, resp.Header.Get(HeaderRequestID)) || strings.Contains(body, "bare") {
		t.Errorf("bare: %v %v %q", resp, err, body)
	}
	resp, body, err = get("/broken-writer")
	if err != nil || resp.StatusCode != 500 || !strings.Contains(body, "500 internal server error") {
		t.Errorf("broken writer: %v %v %q", resp, err, body)
	}

	if _, body, err = get("/late"); err == nil {
		t.Errorf("late panic: read %q with no error; want the answer broken", body)
	}

	want := map[string]int{"GET /door/{x}": 500, "GET /bare": 500, "GET /broken-writer": 500, "GET /late": 200}
	deadline := time.Now().Add(5 * time.Second)
	for {
		lines := logs.with(t, "request")
		got := map[string]int{}
		for _, l := range lines {
			got[l["route"].(string)] = int(l["status"].(float64))
		}
		if len(lines) == len(want) && equalMaps(got, want) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("access lines %v; want %v", got, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func equalMaps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestAbortHandler: http.ErrAbortHandler is net/http's own way to break a
// connection; the edge logs the request and lets it through.
func TestAbortHandler(t *testing.T) {
	var logs logLines
	h := New(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }), Options{Logger: logs.logger()})
	defer func() {
		if v := recover(); !errors.Is(v.(error), http.ErrAbortHandler) {
			t.Errorf("recovered %v; want ErrAbortHandler", v)
		}
		if len(logs.with(t, "panic")) != 0 || len(logs.with(t, "request")) != 1 {
			t.Errorf("logs %s", logs.buf.String())
		}
	}()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	t.Error("no panic")
}

// TestLogHandler: a door's log line written with the request's context
// carries the request id.
func TestLogHandler(t *testing.T) {
	var logs logLines
	doorLog := slog.New(LogHandler(slog.NewJSONHandler(&logs, nil))).With("door", "api")
	h := New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		doorLog.ErrorContext(r.Context(), "request failed")
	}), Options{})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	l := logs.with(t, "request failed")
	if len(l) != 1 || l[0]["request_id"] != rec.Header().Get(HeaderRequestID) || l[0]["door"] != "api" {
		t.Errorf("log %v", l)
	}
	doorLog.Error("outside a request")
	if l := logs.with(t, "outside a request"); len(l) != 1 || l[0]["request_id"] != nil {
		t.Errorf("log outside a request %v", l)
	}
}

// TestRecorderKeepsFlusher: handlers behind the edge can still flush.
func TestRecorderKeepsFlusher(t *testing.T) {
	h := New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := http.NewResponseController(w).Flush(); err != nil {
			t.Errorf("flush: %v", err)
		}
		if _, ok := w.(io.ReaderFrom); !ok {
			t.Error("no ReaderFrom")
		}
	}), Options{})
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
}

// TestOutsideTheEdge: without the edge, a request is what its socket says.
func TestOutsideTheEdge(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "198.51.100.7:1"
	r.Header.Set("X-Forwarded-For", "203.0.113.9")
	r.Header.Set("X-Forwarded-Proto", "https")
	if ClientIP(r) != "198.51.100.7" || HTTPS(r) || SecureCookies(r) || RequestID(r.Context()) != "" {
		t.Errorf("outside the edge: %s %v %v %q", ClientIP(r), HTTPS(r), SecureCookies(r), RequestID(r.Context()))
	}
	SetUser(r.Context(), &payesh.User{ID: 1}) // no edge: nothing to record, no panic
	HandleErrors(r, nil)
}
