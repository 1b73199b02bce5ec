package failover

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"
)

// requestTimeout bounds one write: longer than connect_timeout times the
// hosts of the connection string, so a server waiting on a dead host
// answers before the client gives up.
const requestTimeout = 15 * time.Second

// client speaks to the instances as a browser (a cookie jar, no
// redirects followed) and as a script (a bearer token).
type client struct {
	http  *http.Client
	token string
}

func newClient() *client {
	jar, _ := cookiejar.New(nil)
	return &client{http: &http.Client{
		Jar:           jar,
		Timeout:       requestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// httpError is an answer that is not the one wanted.
type httpError struct {
	Status int
	Body   string
}

func (e *httpError) Error() string { return fmt.Sprintf("HTTP %d: %.300s", e.Status, e.Body) }

// api sends body as JSON to base's /api/v1 path and decodes a 2xx answer
// into out; with bearer it sends the token, without it the cookies.
func (c *client) api(ctx context.Context, base, method, path string, bearer bool, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, base+"/api/v1"+path, rd)
	if err != nil {
		return err
	}
	if bearer {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.noCookies(bearer).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return &httpError{resp.StatusCode, strings.TrimSpace(string(data))}
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

// noCookies returns the client without its jar for bearer requests, so
// a token check cannot pass on the session's cookie.
func (c *client) noCookies(bearer bool) *http.Client {
	if !bearer {
		return c.http
	}
	h := *c.http
	h.Jar = nil
	return &h
}

// webLogin signs in through the web form, as a person does; the session
// cookie lands in the jar.
func (c *client) webLogin(ctx context.Context, base, username, password string) error {
	form := url.Values{"username": {username}, "password": {password}}
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound {
		return &httpError{resp.StatusCode, "web sign-in did not redirect"}
	}
	u, _ := url.Parse(base)
	if len(c.http.Jar.Cookies(u)) == 0 {
		return fmt.Errorf("web sign-in set no cookie")
	}
	return nil
}

// webPage GETs a page with the session cookie and returns its status: 200
// for a signed-in person, a redirect to the sign-in page for a lost
// session.
func (c *client) webPage(ctx context.Context, base, path string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", base+path, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
