// Package browser_test drives the whole application — the real store with
// the demo data, behind the real handler — in a headless Chromium through
// the DevTools protocol, as a user would: typing, clicking, waiting for
// htmx. It also checks the HTML of every reachable page (htmlcheck_test.go)
// over plain HTTP. The tests live outside internal/web so they see only
// what a browser sees.
package browser_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"payesh/internal/app"
	"payesh/internal/demo"
	"payesh/internal/jalali"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// today is the fixed day of every test, 1403/05/10: after every demo due
// date of 1401–1402, so what is overdue does not depend on the real date.
var today = jalali.Date{Year: 1403, Month: 5, Day: 10}.Time().Add(10 * time.Hour)

func clock() time.Time { return today }

// site is the application under test over a real store with the demo data.
type site struct {
	db  *store.DB
	srv *httptest.Server
}

func newSite(t *testing.T) *site {
	t.Helper()
	db := storetest.Open(t, store.Options{Now: clock})
	if _, err := demo.Load(storetest.System(), demo.Services{Units: db, Documents: db, Work: db, Users: db, Meetings: db}); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	h, err := app.Handler(db, app.Options{Now: clock})
	if err != nil {
		t.Fatalf("app handler: %v", err)
	}
	srv := httptest.NewServer(relativeCookies(h))
	t.Cleanup(srv.Close)
	return &site{db: db, srv: srv}
}

// relativeCookies makes cookie lifetimes relative to the test clock. The
// application dates a session cookie's Expires by its clock, which the
// tests fix in 1403; the browser (and a Go cookie jar) compares it with
// the real date and drops the cookie as expired at once. A browser in
// 1403 would keep it for the session's lifetime; Max-Age says exactly that.
func relativeCookies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&cookieWriter{ResponseWriter: w}, r)
	})
}

type cookieWriter struct {
	http.ResponseWriter
	done bool
}

func (w *cookieWriter) WriteHeader(status int) {
	if !w.done {
		w.done = true
		h := w.Header()
		cookies := h.Values("Set-Cookie")
		h.Del("Set-Cookie")
		for _, line := range cookies {
			h.Add("Set-Cookie", relativeCookie(line))
		}
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *cookieWriter) Write(b []byte) (int, error) {
	if !w.done {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

func (w *cookieWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func relativeCookie(line string) string {
	c, err := http.ParseSetCookie(line)
	if err != nil || c.Expires.IsZero() || c.MaxAge != 0 {
		return line
	}
	c.MaxAge = -1 // already expired: delete
	if d := c.Expires.Sub(clock()); d > 0 {
		c.MaxAge = int(d.Seconds())
	}
	c.Expires = time.Time{}
	return c.String()
}

// envChromium names the browser to use instead of the one on the PATH.
const envChromium = "PAYESH_CHROMIUM"

// chromiumPath finds the browser: $PAYESH_CHROMIUM if set, else Debian's
// chromium, then the other names it goes by.
func chromiumPath() string {
	names := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}
	if env := os.Getenv(envChromium); env != "" {
		names = []string{env}
	}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// requireChromium skips without a browser on a developer's machine but
// fails in CI, where a skipped browser test would hide a broken UI.
func requireChromium(t *testing.T) string {
	t.Helper()
	p := chromiumPath()
	if p != "" {
		return p
	}
	how := "no Chromium found (chromium, chromium-browser or google-chrome on the PATH, or " + envChromium + "); install it with `apt-get install chromium` (.ci/run does)"
	if os.Getenv("CI") != "" {
		t.Fatal("browser tests need Chromium when CI is set: " + how)
	}
	t.Skip("browser tests skipped: " + how)
	return ""
}

// browser is one headless Chromium with one tab, closed when the test ends.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string // the server URL

	mu       sync.Mutex
	problems []string // exceptions and refused resources seen in the console
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(requireChromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root, where the sandbox cannot start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("lang", "fa-IR"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	b := &browser{t: t, ctx: ctx, base: base}
	// The first call starts the browser; its lifetime is ctx, not a step's
	// timeout.
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	t.Logf("Chromium started in %v", time.Since(start).Round(time.Millisecond))
	go b.watchConsole()
	return b
}

// watchConsole records what would show as a red line in the developer
// tools: uncaught exceptions and resources the Content Security Policy
// refused. Missing pages (404) are expected, so network errors are not.
func (b *browser) watchConsole() {
	for m, err := range chromedp.Console(b.ctx) {
		if err != nil {
			return
		}
		if m.IsException() || strings.Contains(m.Text, "Content Security Policy") || strings.Contains(m.Text, "Refused to") {
			b.mu.Lock()
			b.problems = append(b.problems, m.String())
			b.mu.Unlock()
		}
	}
}

// checkConsole fails the test for any problem the console showed so far.
func (b *browser) checkConsole() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		b.t.Errorf("browser console: %s", p)
	}
	b.problems = nil
}

// stepTimeout bounds each step, so a missing element fails in seconds with
// its selector instead of hanging until the test binary's timeout.
const stepTimeout = 15 * time.Second

// do runs actions that return nothing, failing the test with what.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v (at %s)", what, err, b.location())
	}
}

// run runs one action that returns a value.
func run[T any](b *browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.t.Fatalf("%s: %v (at %s)", what, err, b.location())
	}
	return v
}

// navigate runs actions that load a page (a link, a form) and returns the
// final status of the document, after any redirect.
func (b *browser) navigate(what string, actions ...chromedp.Action[chromedp.Void]) int {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		b.t.Fatalf("%s: %v (at %s)", what, err, b.location())
	}
	return int(resp.Status)
}

// open loads path and fails unless it answers 200.
func (b *browser) open(path string) {
	b.t.Helper()
	if st := b.navigate("open "+path, chromedp.Navigate(b.base+path)); st != http.StatusOK {
		b.t.Fatalf("open %s: status %d", path, st)
	}
}

// location is the tab's URL path, for messages; "" if it cannot be read.
func (b *browser) location() string {
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "?"
	}
	return strings.TrimPrefix(u, b.base)
}

// path is the tab's URL without the server, failing on error.
func (b *browser) path() string {
	b.t.Helper()
	return strings.TrimPrefix(run(b, "read location", chromedp.Location()), b.base)
}

// text returns the visible text of the first element matching css.
func (b *browser) text(css string) string {
	b.t.Helper()
	return run(b, "read text of "+css, chromedp.Text(chromedp.CSS(css)))
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	return run(b, "evaluate "+expr, chromedp.Evaluate[T](expr))
}

// repoRoot is the repository root: tests run in internal/web/browser.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found from the test directory: %v", err)
	}
	return root
}

// shotDir is where screenshots go: tmp/screenshots at the repository root
// (gitignored); `make screenshots` copies them into docs/screenshots.
func shotDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "tmp", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screenshot saves the whole page, not only the viewport, as name.png.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	// Let the web font finish so the picture shows Vazirmatn, not a
	// fallback.
	b.do("wait for fonts", chromedp.Evaluate[chromedp.Void](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise))
	// A page no taller than the window is captured as the window shows
	// it: the full-page capture (CaptureBeyondViewport) shifts such a
	// right-to-left page sideways and leaves parts of it out.
	capture := chromedp.CaptureScreenshot()
	if eval[bool](b, `document.documentElement.scrollHeight > window.innerHeight`) {
		capture = chromedp.FullScreenshot(100)
	}
	png := run(b, "screenshot "+name, capture)
	path := filepath.Join(shotDir(b.t), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s (%s)", path, b.location())
}
