// Package pdf prints web pages to PDF in a headless Chromium. The browser
// lays Persian out as it shows it on screen — letters joined, lines right
// to left, the page's own Vazirmatn font — which no Go PDF library does, so
// a printed report reads exactly as the page it comes from.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// EnvChromium names the browser to run instead of the one on the PATH.
const EnvChromium = "PAYESH_CHROMIUM"

// ErrNoChromium is returned by Render when no browser was found; the
// pages still print from the browser's own print dialog.
var ErrNoChromium = errors.New("pdf: no Chromium found (install Debian's chromium or set " + EnvChromium + ")")

// Options configure a Renderer; zero values are the defaults.
type Options struct {
	// Path is the browser to run; "" looks for $PAYESH_CHROMIUM, then
	// chromium, chromium-browser, google-chrome on the PATH.
	Path string
	// Timeout bounds one rendering, browser start included (default 60s).
	Timeout time.Duration
	// Parallel is how many browsers may run at once (default 2): each
	// takes a few hundred megabytes, and a burst of clicks on "PDF" must
	// not take the server down.
	Parallel int
	// Require is a CSS selector the loaded page must match. A URL built
	// from a request's Host header could name another server; requiring a
	// mark only the intended pages carry means such a page prints nothing.
	Require string
}

// Renderer prints pages; it is safe for concurrent use.
type Renderer struct {
	path    string
	timeout time.Duration
	require string
	slots   chan struct{}
}

// New returns a renderer. It looks for the browser once, here.
func New(o Options) *Renderer {
	if o.Path == "" {
		o.Path = FindChromium()
	}
	if o.Timeout <= 0 {
		o.Timeout = 60 * time.Second
	}
	if o.Parallel <= 0 {
		o.Parallel = 2
	}
	return &Renderer{path: o.Path, timeout: o.Timeout, require: o.Require, slots: make(chan struct{}, o.Parallel)}
}

// FindChromium returns the browser to use: $PAYESH_CHROMIUM if set, else
// Debian's chromium or another name Chromium goes by; "" if none.
func FindChromium() string {
	names := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}
	if env := os.Getenv(EnvChromium); env != "" {
		names = []string{env}
	}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Available reports whether a browser was found.
func (r *Renderer) Available() bool { return r.path != "" }

// Render loads pageURL in a fresh headless browser that carries cookies
// (the user's session, so the page shows what that user may read), waits
// for its fonts, and prints it on A4 with its backgrounds. Each call runs
// its own browser: nothing of one user's session outlives the call.
func (r *Renderer) Render(ctx context.Context, pageURL string, cookies []*http.Cookie) ([]byte, error) {
	if r.path == "" {
		return nil, ErrNoChromium
	}
	select {
	case r.slots <- struct{}{}:
		defer func() { <-r.slots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, r.allocatorOptions()...)
	defer cancelAlloc()
	tctx, cancelTab := chromedp.NewContext(actx)
	defer cancelTab()

	if err := chromedp.Do(tctx, setCookies(pageURL, cookies)); err != nil {
		return nil, fmt.Errorf("pdf: start the browser or set cookies: %w", err)
	}
	if err := r.load(tctx, pageURL); err != nil {
		return nil, err
	}
	out, err := chromedp.Run(tctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPrintBackground(),
		chromedp.PDFMargin(0.4),
	))
	if err != nil {
		return nil, fmt.Errorf("pdf: print %s: %w", pageURL, err)
	}
	return out, nil
}

// allocatorOptions start a quiet headless browser. The sandbox cannot
// start as root (containers, CI), where it is turned off.
func (r *Renderer) allocatorOptions() []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(r.path),
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("font-render-hinting", "none"),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	return opts
}

// setCookies gives the browser the cookies for pageURL's site.
func setCookies(pageURL string, cookies []*http.Cookie) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if len(cookies) == 0 {
			return nil
		}
		params := make([]*network.CookieParam, len(cookies))
		for i, c := range cookies {
			params[i] = &network.CookieParam{Name: c.Name, Value: c.Value, URL: pageURL, Path: "/", HTTPOnly: true}
		}
		_, err := cdp.Call(ctx, t, network.SetCookies, network.SetCookiesParams{Cookies: params})
		return err
	})
}

// load navigates to pageURL and checks that the page itself came back —
// status 200 from the same origin, not a sign-in page after a redirect —
// that it carries the required mark, and that its fonts have loaded, so
// the PDF is set in the page's font and not a fallback.
func (r *Renderer) load(ctx context.Context, pageURL string) error {
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(pageURL))
	if err != nil {
		return fmt.Errorf("pdf: load %s: %w", pageURL, err)
	}
	if resp == nil || resp.Status != http.StatusOK {
		status := int64(0)
		if resp != nil {
			status = resp.Status
		}
		return fmt.Errorf("pdf: %s answered %d", pageURL, status)
	}
	if !sameDocument(pageURL, resp.URL) {
		return fmt.Errorf("pdf: %s led to %s", pageURL, resp.URL)
	}
	if r.require != "" {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf("document.querySelector(%q) !== null", r.require)))
		if err != nil {
			return fmt.Errorf("pdf: inspect %s: %w", pageURL, err)
		}
		if !ok {
			return fmt.Errorf("pdf: %s is not a printable page (no %s)", pageURL, r.require)
		}
	}
	err = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise))
	if err != nil {
		return fmt.Errorf("pdf: wait for the fonts of %s: %w", pageURL, err)
	}
	return nil
}

// sameDocument reports whether the browser ended on the origin and path it
// was sent to.
func sameDocument(want, got string) bool {
	a, err1 := url.Parse(want)
	b, err2 := url.Parse(got)
	return err1 == nil && err2 == nil && a.Scheme == b.Scheme && a.Host == b.Host && a.Path == b.Path
}
