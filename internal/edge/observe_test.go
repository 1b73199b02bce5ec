package edge

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"
)

// TestObserve: the metrics' hook hears of every request what the access
// log writes — the route pattern, never the path, and the status the
// client got, a recovered panic's 500 included — with the edge's clock.
func TestObserve(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	mux.HandleFunc("POST /boom", func(http.ResponseWriter, *http.Request) { panic("boom") })
	type seen struct {
		method, route string
		status        int
		elapsed       time.Duration
	}
	var got []seen
	clock := time.Unix(0, 0)
	h := New(mux, Options{
		Now: func() time.Time { clock = clock.Add(3 * time.Millisecond); return clock },
		Observe: func(method, route string, status int, elapsed time.Duration) {
			got = append(got, seen{method, route, status, elapsed})
		},
	})
	for _, c := range [][2]string{{"GET", "/items/42"}, {"POST", "/boom"}, {"GET", "/nowhere/7"}} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(c[0], c[1], nil))
	}
	want := []seen{
		{"GET", "GET /items/{id}", 200, 3 * time.Millisecond},
		{"POST", "POST /boom", 500, 3 * time.Millisecond},
		{"GET", Unmatched, 404, 3 * time.Millisecond},
	}
	if !slices.Equal(got, want) {
		t.Errorf("observed %v\nwant %v", got, want)
	}
}
