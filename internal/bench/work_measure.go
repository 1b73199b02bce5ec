package bench

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"payesh"
	"payesh/internal/api"
	"payesh/internal/app"
	"payesh/internal/store"
)

// WorkGoal is what the issue asks of a request at the largest size:
// p95 under P95 single-user and at least RPS requests a second from the
// concurrent clients. Zero parts set no goal.
type WorkGoal struct {
	P95 time.Duration
	RPS float64
}

func (g WorkGoal) String() string {
	var parts []string
	if g.RPS > 0 {
		parts = append(parts, fmt.Sprintf("≥ %.0f req/s", g.RPS))
	}
	if g.P95 > 0 {
		parts = append(parts, fmt.Sprintf("p95 < %d ms", g.P95.Milliseconds()))
	}
	if len(parts) == 0 {
		return "no goal set"
	}
	return strings.Join(parts, ", ")
}

// The targets, and how much throughput may fall from the smallest
// size to the largest (within 1.5×).
var (
	goalAPI  = WorkGoal{P95: 50 * time.Millisecond, RPS: 1000}
	goalPage = WorkGoal{P95: 100 * time.Millisecond, RPS: 200}
)

// MaxGrowth is the most throughput may fall between sizes.
const MaxGrowth = 1.5

// WorkTiming is one request's timings at one size.
type WorkTiming struct {
	Name, Who string
	Runs      int
	P50, P95  time.Duration
	RPS       float64 // with Connections clients at once
	Bytes     int     // the answer's size
	Goal      WorkGoal
}

// WorkSize is what was measured with a number of items.
type WorkSize struct {
	Items, Overdue, Done int
	Load                 time.Duration
	Timings              []WorkTiming
}

// WorkResult is everything a work bench run measured.
type WorkResult struct {
	Config      Config // the organization and its values
	Work        WorkConfig
	Engine      string
	Owners      int
	Checked     int // parents whose stored roll-up was compared with payesh.RollUp
	Sizes       []WorkSize
	LoadBefore  string // /proc/loadavg when timing began and ended
	LoadAfter   string
	IndicatorsN int
	Digest      *WorkDigest // the root-level user's pages after a month of digests
}

// benchUser is a signed-in user: an API token and a browser session.
type benchUser struct {
	name           string
	user           *payesh.User
	token, session string
}

// MeasureWork generates the work items of each size in wc beside the
// data set d and times, through the real HTTP handler, the API and the
// pages the issue lists, signed in as a root-level secretariat user and
// as a province reporter.
func MeasureWork(ctx context.Context, db *store.DB, d *Dataset, c Config, wc WorkConfig, log io.Writer) (*WorkResult, error) {
	ctx = payesh.WithUser(ctx, payesh.System)
	if len(wc.Sizes) == 0 || !slices.IsSorted(wc.Sizes) || wc.Sizes[0] <= 0 {
		return nil, fmt.Errorf("work sizes must be positive and ascending: %v", wc.Sizes)
	}
	today := payesh.Today(time.Now())
	world, err := newWorkWorld(ctx, db, d, wc, today)
	if err != nil {
		return nil, err
	}
	root, err := newBenchUser(ctx, db, "bench-root", d.Root.ID, payesh.RoleSecretariat)
	if err != nil {
		return nil, err
	}
	reporter, err := newBenchUser(ctx, db, "bench-province", world.Province, payesh.RoleReporter)
	if err != nil {
		return nil, err
	}
	h, err := app.Handler(db, app.Options{Logger: slog.New(slog.DiscardHandler), Version: "bench",
		PDF: func(context.Context, string, []*http.Cookie) ([]byte, error) {
			return nil, fmt.Errorf("no PDF in the bench")
		}})
	if err != nil {
		return nil, err
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	cl := &client{base: srv.URL, http: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * wc.Connections}}}
	defer cl.http.CloseIdleConnections()

	r := &WorkResult{Config: c, Work: wc, Engine: db.Engine(), Owners: len(world.shape.owners), LoadBefore: loadAvg(),
		IndicatorsN: len(d.Indicators)}
	for _, n := range wc.Sizes {
		if err := world.grow(ctx, db, n, log); err != nil {
			return nil, fmt.Errorf("work items: %w", err)
		}
		// As the server does on start and with each hourly job: the
		// planner's statistics of the data as it is now, not as it was
		// when the store opened on an empty file.
		if err := db.Optimize(ctx); err != nil {
			return nil, err
		}
		checked, err := checkWorkRollups(ctx, db, wc.Seed+uint64(n), 300)
		if err != nil {
			return nil, err
		}
		r.Checked += checked
		size := WorkSize{Items: len(world.Items), Load: world.Load[len(world.Load)-1]}
		if size.Overdue, size.Done, err = workCounts(ctx, db, today); err != nil {
			return nil, err
		}
		reqs := workRequests(world, d, c, root, reporter)
		for _, q := range reqs {
			t, err := cl.time(ctx, q, wc)
			if err != nil {
				return nil, fmt.Errorf("%s at %d items: %w", q.name, n, err)
			}
			size.Timings = append(size.Timings, t)
		}
		fmt.Fprintf(log, "  timed %d requests at %d items\n", len(size.Timings), n)
		r.Sizes = append(r.Sizes, size)
		if n == wc.Sizes[len(wc.Sizes)-1] {
			if r.Digest, err = cl.measureDigest(ctx, db, today, root, reqs, size.Timings, wc, log); err != nil {
				return nil, err
			}
		}
	}
	r.LoadAfter = loadAvg()
	return r, nil
}

func newBenchUser(ctx context.Context, db *store.DB, name string, unit int64, role payesh.Role) (*benchUser, error) {
	b := make([]byte, 18)
	rand.Read(b)
	u := &payesh.User{Username: name, Name: "کاربر آزمون " + name, UnitID: unit, Role: role}
	if err := db.CreateUser(ctx, u, "Bx-"+hex.EncodeToString(b)); err != nil {
		return nil, fmt.Errorf("user %s: %w", name, err)
	}
	token, _, err := db.CreateToken(ctx, u.ID, "bench", time.Hour)
	if err != nil {
		return nil, err
	}
	session, err := db.CreateSession(ctx, u.ID, time.Hour)
	if err != nil {
		return nil, err
	}
	return &benchUser{name: name, user: u, token: token, session: session}, nil
}

// workRequest is one timed request: what to send for a client's nth
// request, and what answer to expect.
type workRequest struct {
	name string
	who  *benchUser
	goal WorkGoal
	send func(worker, run int) (method, path string, body any)
	want int
	// got sees each answer's body, e.g. to keep an item's version.
	got func(worker, run int, body []byte) error
	// done runs after the request; serial requests for one item take
	// its lock in send and give it back here.
	done func(worker, run int)
}

// workRequests lists the requests the issue times.
func workRequests(w *workWorld, d *Dataset, c Config, root, reporter *benchUser) []workRequest {
	get := func(path string) func(int, int) (string, string, any) {
		return func(int, int) (string, string, any) { return http.MethodGet, path, nil }
	}
	const list = "/api/v1/work-items?limit=50&sort=due_date"
	items := w.Items
	if w.updater == nil {
		w.updater = &updater{}
	}
	up := w.updater
	up.add(w.Updatable)
	year := fmt.Sprint(c.LastYear)
	return []workRequest{
		{name: "API list, by due date", who: root, goal: goalAPI, send: get(list)},
		{name: "API list, overdue", who: root, goal: goalAPI, send: get(list + "&overdue=true")},
		{name: "API list, a province's", who: reporter, goal: goalAPI, send: get(fmt.Sprintf("%s&unit=%d", list, w.Province))},
		{name: "API one item", who: root, send: func(worker, run int) (string, string, any) {
			return http.MethodGet, fmt.Sprintf("/api/v1/work-items/%d", items[(run*7919+worker*104729)%len(items)]), nil
		}},
		{name: "API progress update", who: reporter, want: http.StatusCreated, send: up.send, got: up.got, done: up.done},
		{name: "page / (home)", who: root, goal: goalPage, send: get("/")},
		{name: "page / (home)", who: reporter, goal: goalPage, send: get("/")},
		{name: "page /work", who: root, goal: goalPage, send: get("/work")},
		{name: "page /units/{province}", who: root, goal: goalPage, send: get(fmt.Sprintf("/units/%d", w.Province))},
		{name: "page /policy", who: root, goal: goalPage, send: get("/policy")},
		{name: "page /dashboard", who: root, goal: goalPage, send: get("/dashboard?period=" + year)},
		{name: "page /values (one unit, all)", who: root, goal: goalPage, send: get(fmt.Sprintf("/values?unit=%d&period=%s", w.Leaf, year))},
		{name: "page /followup", who: root, goal: goalPage, send: get("/followup")},
		// Not in the list, timed because a form choosing a parent
		// once listed every item.
		{name: "page /work/new", who: root, goal: goalPage, send: get("/work/new")},
		{name: "page /work/{id}/edit", who: root, goal: goalPage, send: func(worker, run int) (string, string, any) {
			return http.MethodGet, fmt.Sprintf("/work/%d/edit", items[(run*7919+worker*104729)%len(items)]), nil
		}},
	}
}

// updater posts progress to the reporter's open leaves, each item's
// updates one at a time with the version the last answer gave.
type updater struct {
	items    []int64
	locks    []sync.Mutex
	versions []int
	picked   sync.Map // worker → index, between send and done
	next     atomic.Int64
}

// add takes on the items of updatable not yet known, at version 1 as
// loaded; those known keep the version their last answer gave. It runs
// between timings, never during one.
func (u *updater) add(updatable []int64) {
	for _, id := range updatable[len(u.items):] {
		u.items = append(u.items, id)
		u.versions = append(u.versions, 1)
	}
	u.locks = make([]sync.Mutex, len(u.items))
}

func (u *updater) send(worker, run int) (string, string, any) {
	i := int(u.next.Add(1)-1) % len(u.items)
	u.locks[i].Lock()
	u.picked.Store(worker, i)
	p := float64(10 + run%80)
	return http.MethodPost, fmt.Sprintf("/api/v1/work-items/%d/updates", u.items[i]),
		map[string]any{"progress": p, "note": "گزارش آزمون سرعت", "version": u.versions[i]}
}

func (u *updater) got(worker, _ int, body []byte) error {
	v, _ := u.picked.Load(worker)
	var out struct {
		WorkItem struct {
			Version int `json:"version"`
		} `json:"work_item"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return err
	}
	u.versions[v.(int)] = out.WorkItem.Version
	return nil
}

func (u *updater) done(worker, _ int) {
	if v, ok := u.picked.LoadAndDelete(worker); ok {
		u.locks[v.(int)].Unlock()
	}
}

// client sends the bench's requests to the test server.
type client struct {
	base string
	http *http.Client
}

// do sends one request and checks the answer's status.
func (c *client) do(ctx context.Context, q workRequest, worker, run int) (int, error) {
	if q.done != nil {
		defer q.done(worker, run)
	}
	method, path, body := q.send(worker, run)
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return 0, err
	}
	if strings.HasPrefix(path, "/api/") {
		req.Header.Set("Authorization", "Bearer "+q.who.token)
	} else {
		req.AddCookie(&http.Cookie{Name: api.SessionCookie, Value: q.who.session})
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	want := q.want
	if want == 0 {
		want = http.StatusOK
	}
	if resp.StatusCode != want {
		return 0, fmt.Errorf("%s %s as %s: status %d, want %d: %.300s", method, path, q.who.name, resp.StatusCode, want, b)
	}
	if q.got != nil {
		if err := q.got(worker, run, b); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}

// time measures one request: a warm-up, then single-user runs for p50
// and p95, then wc.Connections clients at once for wc.Duration.
func (c *client) time(ctx context.Context, q workRequest, wc WorkConfig) (WorkTiming, error) {
	t := WorkTiming{Name: q.name, Who: q.who.name, Goal: q.goal}
	n, err := c.do(ctx, q, 0, 0)
	if err != nil {
		return t, err
	}
	t.Bytes = n
	var ds []time.Duration
	began := time.Now()
	for run := 1; run <= wc.Runs; run++ {
		if run > wc.MinRuns && time.Since(began) > wc.RunBudget {
			break
		}
		start := time.Now()
		if _, err := c.do(ctx, q, 0, run); err != nil {
			return t, err
		}
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	t.Runs = len(ds)
	t.P50, t.P95 = ds[len(ds)/2], ds[(len(ds)*95+99)/100-1]

	var done atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(wc.Duration)
	for worker := range wc.Connections {
		wg.Go(func() {
			for run := 1; ; run++ {
				if _, err := c.do(ctx, q, worker, wc.Runs+run); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				done.Add(1)
				if time.Now().After(deadline) {
					return
				}
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return t, firstErr
	}
	t.RPS = float64(done.Load()) / time.Since(start).Seconds()
	return t, nil
}

// loadAvg returns the machine's load averages, or "" where unknown.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
