package app_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"payesh/internal/api"
	"payesh/internal/app"
	"payesh/internal/demo"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// copyNow is the clock of both servers: what is late, a day's digest and
// every timestamp written while the test runs are the same on both sides.
func copyNow() time.Time { return time.Date(2024, 8, 1, 6, 0, 0, 0, time.UTC) }

// TestCopyServesSameAnswers: the demo (with its training set) on SQLite,
// copied by payesh copy's CopyTo into an empty database of each engine,
// is served the same: every GET route of the API (at a few ids when it
// takes one) answers the source and the copy alike, byte for byte, for
// the secretariat, a province reporter and a viewer.
func TestCopyServesSameAnswers(t *testing.T) {
	opt := store.Options{Now: copyNow}
	src := storetest.OpenEngine(t, store.SQLite, opt)
	svc := demo.Services{Units: src, Documents: src, Work: src, Users: src, Indicators: src, Reports: src, Meetings: src}
	if _, err := demo.Load(storetest.System(), svc); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.LoadTraining(storetest.System(), svc, copyNow()); err != nil {
		t.Fatal(err)
	}
	users := []string{"secretariat", "province", "viewer"}
	for _, engine := range []string{store.SQLite, store.Postgres} {
		t.Run(engine, func(t *testing.T) {
			dst := storetest.OpenEngine(t, engine, opt)
			if _, err := src.CopyTo(context.Background(), dst, nil); err != nil {
				t.Fatalf("copy: %v", err)
			}
			from, to := newCopyServer(t, src, users), newCopyServer(t, dst, users)
			compared := 0
			for _, rt := range api.Routes() {
				if rt.Method != http.MethodGet || !strings.HasPrefix(rt.Path, "/api/v1/") {
					continue
				}
				for _, path := range copyPaths(rt.Path) {
					for _, u := range users {
						a, b := from.get(t, u, path), to.get(t, u, path)
						if a != b {
							t.Errorf("GET %s as %s: the copy answers\n%.400s\nthe source\n%.400s", path, u, b, a)
						}
						compared++
					}
				}
			}
			if compared < 100 {
				t.Errorf("only %d answers compared", compared)
			}
			t.Logf("%d answers compared", compared)
		})
	}
}

// copyPaths are the paths a route is asked at: as it is, or with its
// one path parameter the first few ids (a row of most tables in the
// demo, a 404 for others — the same on both sides either way).
func copyPaths(route string) []string {
	open, end := strings.Index(route, "{"), strings.Index(route, "}")
	switch {
	case open < 0:
		return []string{route}
	case strings.Contains(route[end+1:], "{"):
		return nil // two parameters: their ids do not pair up by number
	}
	var out []string
	for _, id := range []string{"1", "2", "3", "8"} {
		out = append(out, route[:open]+id+route[end+1:])
	}
	return out
}

// copyServer is a server over one database with a token for each user.
type copyServer struct {
	url    string
	tokens map[string]string
}

func newCopyServer(t *testing.T, db *store.DB, users []string) *copyServer {
	t.Helper()
	h, err := app.Handler(db, app.Options{Now: copyNow})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	s := &copyServer{url: srv.URL, tokens: map[string]string{}}
	for _, name := range users {
		u, err := db.FindUserByUsername(storetest.System(), name)
		if err != nil {
			t.Fatal(err)
		}
		secret, _, err := db.CreateToken(storetest.System(), u.ID, "copy", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		s.tokens[name] = secret
	}
	return s
}

// get answers a GET as the user, status and body.
func (s *copyServer) get(t *testing.T, user, path string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.url+path, nil)
	req.Header.Set("Authorization", "Bearer "+s.tokens[user])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.Status + "\n" + string(b)
}
