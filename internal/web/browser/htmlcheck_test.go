package browser_test

import (
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"payesh/internal/demo"
)

// maxPages bounds the crawl: the demo has a few hundred rows, and filter
// and pager links multiply, but every kind of page shows up long before.
const maxPages = 600

// TestHTML crawls every page an admin can reach by following links from
// the home page, plus the login page, a missing page and a form sent with
// errors, and checks what every page must have: its language and
// direction, a title, a label for every control, unique ids, headings in
// order, no resource or link on another host (the intranet may have no
// Internet), and no broken same-site link.
func TestHTML(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	c := newCrawler(t, s.srv.URL)

	c.check("/login", http.StatusOK) // signed out
	c.signIn("admin", demo.Password)
	c.check("/no/such/page", http.StatusNotFound)
	// The demo's lists fit on one page; a small limit brings the pager.
	c.crawl("/", "/work?limit=5")
	c.checkErrorForms()
	c.checkResources()

	t.Logf("checked %d pages and %d resources", len(c.seen), len(c.resources))
	if len(c.seen) < 10 {
		t.Errorf("only %d pages reached from / — are the links there?", len(c.seen))
	}
	for _, v := range c.violations {
		t.Error(v)
	}
}

// crawler fetches pages as a signed-in browser would and collects every
// violation with the page it was found on.
type crawler struct {
	t          *testing.T
	base       *url.URL
	client     *http.Client
	seen       map[string]bool   // pages fetched (path?query)
	files      map[string]bool   // of those, the ones that are not HTML: a workbook, a PDF, a file to save
	resources  map[string]string // same-site src/href of assets → first page using it
	linkedFrom map[string]string // page → the page that linked it
	violations []string
}

func newCrawler(t *testing.T, base string) *crawler {
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(base)
	return &crawler{
		t: t, base: u, seen: map[string]bool{}, files: map[string]bool{}, resources: map[string]string{}, linkedFrom: map[string]string{},
		// Redirects are followed: a link may lead through one (e.g. to
		// the login page when it should not).
		client: &http.Client{Jar: jar},
	}
}

func (c *crawler) errorf(page, format string, args ...any) {
	c.violations = append(c.violations, page+": "+fmt.Sprintf(format, args...))
}

// signIn posts the login form and checks the session took.
func (c *crawler) signIn(username, password string) {
	c.t.Helper()
	resp, err := c.client.PostForm(c.base.String()+"/login", url.Values{
		"username": {username}, "password": {password}, "next": {"/"}})
	if err != nil {
		c.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/" {
		c.t.Fatalf("sign in as %s: status %d at %s", username, resp.StatusCode, resp.Request.URL)
	}
}

// perShape caps the pages of one shape (same path with the numbers
// replaced, same query keys): a thousand work items share one template,
// and the budget is better spent on every kind of page.
const perShape = 12

// crawl visits the starts and every same-site page linked from them,
// breadth first, until maxPages, at most perShape pages of each shape.
func (c *crawler) crawl(starts ...string) {
	queue := slices.Clone(starts)
	queued := map[string]bool{}
	shapes := map[string]int{}
	for len(queue) > 0 && len(c.seen) < maxPages {
		page := queue[0]
		queue = queue[1:]
		if c.seen[page] {
			continue
		}
		if shapes[shapeOf(page)]++; shapes[shapeOf(page)] > perShape {
			continue
		}
		doc := c.check(page, http.StatusOK)
		if doc == nil {
			continue
		}
		for _, link := range c.links(page, doc) {
			if !queued[link] {
				queued[link] = true
				c.linkedFrom[link] = page
				queue = append(queue, link)
			}
		}
	}
	c.t.Logf("crawl: %d pages of %d shapes, %d links found", len(c.seen), len(shapes), len(queued))
}

var number = regexp.MustCompile(`[0-9]+`)

// shapeOf is page with every number as N and only the query's keys:
// /work/12?page=2 and /work/7?page=3 are both /work/N?page.
func shapeOf(page string) string {
	u, err := url.Parse(page)
	if err != nil {
		return page
	}
	keys := slices.Sorted(maps.Keys(u.Query()))
	return number.ReplaceAllString(u.Path, "N") + "?" + strings.Join(keys, "&")
}

// check fetches page, expects status, runs the checks on its HTML and
// returns the parsed document (nil if it is not HTML).
func (c *crawler) check(page string, status int) *html.Node {
	c.seen[page] = true
	resp, err := c.client.Get(c.base.String() + page)
	if err != nil {
		c.errorf(page, "GET: %v", err)
		return nil
	}
	defer resp.Body.Close()
	where := page
	if from, ok := c.linkedFrom[page]; ok {
		where = page + " (linked from " + from + ")"
	}
	if resp.StatusCode != status {
		c.errorf(where, "status %d, want %d", resp.StatusCode, status)
	}
	if got := resp.Request.URL.RequestURI(); got != page {
		c.errorf(where, "redirected to %s", got)
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "text/html" {
		c.files[page] = true
		return nil
	}
	doc, err := html.Parse(resp.Body)
	if err != nil {
		c.errorf(page, "parse HTML: %v", err)
		return nil
	}
	c.checkDoc(page, doc)
	return doc
}

// checkDoc runs every check on one page.
func (c *crawler) checkDoc(page string, doc *html.Node) {
	c.checkLangDir(page, doc)
	c.checkTitle(page, doc)
	c.checkLabels(page, doc)
	c.checkIDs(page, doc)
	c.checkHeadings(page, doc)
	c.checkHosts(page, doc)
}

func (c *crawler) checkLangDir(page string, doc *html.Node) {
	h := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Html })
	if h == nil {
		c.errorf(page, "no <html> element")
		return
	}
	if attr(h, "lang") == "" || attr(h, "dir") == "" {
		c.errorf(page, `<html lang=%q dir=%q>: both must be set`, attr(h, "lang"), attr(h, "dir"))
	}
}

func (c *crawler) checkTitle(page string, doc *html.Node) {
	title := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Title })
	if title == nil || strings.TrimSpace(textOf(title)) == "" {
		c.errorf(page, "no <title> or an empty one")
	}
}

// checkLabels wants every control a person fills in to have a name a
// screen reader can say: a <label for>, a wrapping <label>, or aria.
func (c *crawler) checkLabels(page string, doc *html.Node) {
	labelFor := map[string]bool{}
	ids := map[string]bool{}
	walk(doc, func(n *html.Node) {
		if n.DataAtom == atom.Label && attr(n, "for") != "" {
			labelFor[attr(n, "for")] = true
		}
		if id := attr(n, "id"); id != "" {
			ids[id] = true
		}
	})
	walk(doc, func(n *html.Node) {
		if !isControl(n) {
			return
		}
		id := attr(n, "id")
		switch {
		case id != "" && labelFor[id]:
		case ancestor(n, atom.Label) != nil:
		case strings.TrimSpace(attr(n, "aria-label")) != "":
		case labelledBy(n, ids):
		default:
			c.errorf(page, "%s has no label", describe(n))
		}
	})
}

// isControl reports whether n is a form control a person fills in.
func isControl(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Select, atom.Textarea:
		return true
	case atom.Input:
		switch strings.ToLower(attr(n, "type")) {
		case "hidden", "submit", "button", "reset", "image":
			return false
		}
		return true
	}
	return false
}

// labelledBy reports whether n's aria-labelledby names elements that exist.
func labelledBy(n *html.Node, ids map[string]bool) bool {
	refs := strings.Fields(attr(n, "aria-labelledby"))
	for _, id := range refs {
		if !ids[id] {
			return false
		}
	}
	return len(refs) > 0
}

// checkIDs: a repeated id makes <label for> and aria point at the wrong
// element.
func (c *crawler) checkIDs(page string, doc *html.Node) {
	count := map[string]int{}
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id := attr(n, "id"); id != "" {
				count[id]++
			}
		}
	})
	for id, k := range count {
		if k > 1 {
			c.errorf(page, "id %q is used %d times", id, k)
		}
	}
}

// checkHeadings wants one <h1> and no skipped level going down (h2 → h4),
// which is how screen reader users find their way through a page.
func (c *crawler) checkHeadings(page string, doc *html.Node) {
	h1, last := 0, 0
	walk(doc, func(n *html.Node) {
		level := headingLevel(n)
		if level == 0 {
			return
		}
		if level == 1 {
			h1++
		}
		if last > 0 && level > last+1 {
			c.errorf(page, "heading <h%d> %q follows <h%d>: a level is skipped", level, strings.TrimSpace(textOf(n)), last)
		}
		last = level
	})
	if h1 != 1 {
		c.errorf(page, "%d <h1> elements, want 1", h1)
	}
}

func headingLevel(n *html.Node) int {
	switch n.DataAtom {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// urlAttrs are the attributes that make a browser fetch or go somewhere.
var urlAttrs = []string{"src", "href", "action", "formaction", "poster", "srcset", "data"}

// checkHosts: Payesh runs on intranets without the Internet, and its
// Content Security Policy allows only itself, so every URL must stay on
// this site. xmlns on inline SVG is a name, not a URL, and is not looked
// at. Same-site assets are remembered for checkResources.
func (c *crawler) checkHosts(page string, doc *html.Node) {
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		for _, a := range n.Attr {
			if a.Namespace != "" || !slices.Contains(urlAttrs, a.Key) || (a.Key == "data" && n.DataAtom != atom.Object) {
				continue
			}
			v := strings.TrimSpace(a.Val)
			if a.Key == "srcset" {
				v, _, _ = strings.Cut(v, " ")
			}
			u, err := url.Parse(v)
			if err != nil {
				c.errorf(page, "%s %s=%q does not parse: %v", describe(n), a.Key, a.Val, err)
				continue
			}
			if u.Host != "" && u.Host != c.base.Host {
				c.errorf(page, "%s %s=%q points to another host", describe(n), a.Key, a.Val)
				continue
			}
			if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "data" && u.Scheme != "mailto" && u.Scheme != "tel" {
				c.errorf(page, "%s %s=%q has scheme %s", describe(n), a.Key, a.Val, u.Scheme)
				continue
			}
			if n.DataAtom != atom.A && n.DataAtom != atom.Form && u.Scheme != "data" && v != "" {
				ref := c.resolve(page, v)
				if _, ok := c.resources[ref]; !ok {
					c.resources[ref] = page
				}
			}
		}
	})
}

// checkResources fetches every same-site script, style sheet, image and
// font link once: a missing asset is a page that looks broken.
func (c *crawler) checkResources() {
	for ref, page := range c.resources {
		resp, err := c.client.Get(c.base.String() + ref)
		if err != nil {
			c.errorf(page, "resource %s: %v", ref, err)
			continue
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			c.errorf(page, "resource %s: status %d", ref, resp.StatusCode)
		}
	}
}

// links returns the same-site pages an <a href> on page leads to, as
// path?query, without fragments, static files or links out.
func (c *crawler) links(page string, doc *html.Node) []string {
	var out []string
	walk(doc, func(n *html.Node) {
		if n.DataAtom != atom.A || attr(n, "href") == "" {
			return
		}
		ref := c.resolve(page, attr(n, "href"))
		if ref == "" || strings.HasPrefix(ref, "/static/") || postOnly(ref) {
			return
		}
		out = append(out, ref)
	})
	return out
}

// postOnly reports links to paths that only answer POST; none should be
// linked, but a crawler must never be the one to try.
func postOnly(ref string) bool {
	p, _, _ := strings.Cut(ref, "?")
	return p == "/logout" || p == "/lang" || strings.HasSuffix(p, "/delete") || strings.HasSuffix(p, "/progress")
}

// resolve turns href on page into a same-site path?query, or "".
func (c *crawler) resolve(page, href string) string {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return ""
	}
	from, _ := url.Parse(page)
	abs := c.base.ResolveReference(from).ResolveReference(u)
	if abs.Host != c.base.Host || (abs.Scheme != "http" && abs.Scheme != "https") {
		return ""
	}
	abs.Fragment = ""
	return abs.RequestURI()
}

// checkErrorForms posts forms with mistakes and checks the page that shows
// the errors beside the fields: those pages exist only after a POST, so no
// crawl finds them.
func (c *crawler) checkErrorForms() {
	for _, f := range []struct{ path, title string }{
		{"/work", ""},
		{"/admin/users", ""},
		{"/admin/units", ""},
		{"/admin/documents", ""},
	} {
		resp, err := c.client.PostForm(c.base.String()+f.path, url.Values{"title": {f.title}, "due_date": {"۱۴۰۳/۱۳/۴۰"}})
		if err != nil {
			c.errorf("POST "+f.path, "%v", err)
			continue
		}
		page := "POST " + f.path + " (with errors)"
		if resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusUnprocessableEntity {
			c.errorf(page, "status %d, want 400 or 422", resp.StatusCode)
		}
		doc, err := html.Parse(resp.Body)
		resp.Body.Close()
		if err != nil {
			c.errorf(page, "parse HTML: %v", err)
			continue
		}
		c.checkDoc(page, doc)
	}
}

// walk calls fn for n and every node under it, in document order.
func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		walk(ch, fn)
	}
}

// find returns the first node under n (or n) for which ok is true.
func find(n *html.Node, ok func(*html.Node) bool) *html.Node {
	if ok(n) {
		return n
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if f := find(ch, ok); f != nil {
			return f
		}
	}
	return nil
}

func ancestor(n *html.Node, a atom.Atom) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == a {
			return p
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
	})
	return b.String()
}

// describe names an element for a message: <input name="title" id="f-title">.
func describe(n *html.Node) string {
	s := "<" + n.Data
	for _, k := range []string{"type", "name", "id"} {
		if v := attr(n, k); v != "" {
			s += fmt.Sprintf(" %s=%q", k, v)
		}
	}
	return s + ">"
}

// TestHTMLCheckFindsViolations keeps the checks honest: a page with one
// of each mistake must produce one message for each.
func TestHTMLCheckFindsViolations(t *testing.T) {
	const page = `<!doctype html><html lang="fa"><head><title> </title>
<script src="https://cdn.example.com/x.js"></script></head><body>
<h1>a</h1><h3>skipped</h3><h1>second</h1>
<label for="a">A</label><input id="a" name="a">
<input name="b"><select name="c"></select><textarea name="d"></textarea>
<label><input name="e"></label><input name="f" aria-label="F"><input type="hidden" name="g">
<span id="x">X</span><input name="h" aria-labelledby="x"><input name="i" aria-labelledby="nope">
<p id="dup"></p><p id="dup"></p>
<svg xmlns="http://www.w3.org/2000/svg"></svg>
<a href="//evil.example/">x</a><a href="/ok">ok</a><img src="http://other.example/i.png" alt="">
<form action="javascript:alert(1)"></form></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	c := newCrawler(t, "http://127.0.0.1:8080")
	c.checkDoc("/sample", doc)
	want := []string{
		`<html lang="fa" dir="">`,
		"no <title>",
		`<input name="b"> has no label`,
		`<select name="c"> has no label`,
		`<textarea name="d"> has no label`,
		`<input name="i"> has no label`,
		`id "dup" is used 2 times`,
		"<h3> \"skipped\" follows <h1>",
		"2 <h1> elements",
		`cdn.example.com/x.js" points to another host`,
		`//evil.example/" points to another host`,
		`other.example/i.png" points to another host`,
		`has scheme javascript`,
	}
	got := strings.Join(c.violations, "\n")
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("violation %q not reported", w)
		}
	}
	if len(c.violations) != len(want) {
		t.Errorf("%d violations, want %d:\n%s", len(c.violations), len(want), got)
	}
}
