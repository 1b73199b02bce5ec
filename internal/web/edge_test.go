package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/edge"
	"payesh/internal/store/storetest"
	"payesh/internal/web"
)

// TestErrorPageShowsRequestID: an error page names the request's id, the
// one in the X-Request-Id header and the access log, and the page comes
// with the edge's security headers.
func TestErrorPageShowsRequestID(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	c := e.as("viewer")
	r := c.get("/work/999999999")
	id := r.header.Get(edge.HeaderRequestID)
	if id == "" {
		t.Fatal("no X-Request-Id")
	}
	r.want(t, http.StatusNotFound, workFA("ui.error.request_id"), `<code dir="ltr">`+id+`</code>`)
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
		if r.header.Get(h) == "" {
			t.Errorf("404 page without %s", h)
		}
	}
}

// TestPanicIsErrorPage: a panic in a page handler (here, signing in with
// no user service) is answered by the edge with the web's own 500 page,
// in the reader's language, never the cause.
func TestPanicIsErrorPage(t *testing.T) {
	t.Parallel()
	h, err := web.New(web.Services{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(edge.New(h, edge.Options{}))
	defer srv.Close()
	resp, err := http.PostForm(srv.URL+"/login", url.Values{"username": {"a"}, "password": {"b"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	body := string(b)
	id := resp.Header.Get(edge.HeaderRequestID)
	if resp.StatusCode != http.StatusInternalServerError || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
		!strings.Contains(body, workFA("ui.error.h500")) || !strings.Contains(body, workFA("err.internal")) ||
		!strings.Contains(body, id) || strings.Contains(body, "nil pointer") {
		t.Errorf("panic page: %d %s\n%.2000s", resp.StatusCode, resp.Header, body)
	}
}

// TestAuditFilterTokenRevoke: the audit log's action filter offers the
// revocation of an API token, and finds it.
func TestAuditFilterTokenRevoke(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	viewer, ctx := e.userCtx("viewer")
	_, tok, err := e.db.CreateToken(storetest.System(), viewer.ID, "اسکریپت", 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.RevokeToken(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	want := e.auditWant(payesh.AuditFilter{Action: payesh.ActionTokenRevoke})
	if len(want) == 0 {
		t.Fatal("no token_revoke event in the store")
	}
	c := e.as("admin")
	c.get("/admin/audit").want(t, http.StatusOK, `value="`+payesh.ActionTokenRevoke+`"`, workFA("ui.history.action.token_revoke"))
	r := c.get("/admin/audit?action=" + payesh.ActionTokenRevoke)
	r.want(t, http.StatusOK)
	if strings.Contains(r.body, `aria-errormessage="e-action"`) {
		t.Error("token_revoke refused as a filter")
	}
	if got := auditEventIDs(r.body); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("events %v, want %v", got, want)
	}
}
