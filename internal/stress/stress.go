// Package stress drives running Payesh instances with concurrent API
// clients and checks that the numbers they store stay exact: every
// parent's progress equal to its children's weighted mean, every stored
// roll-up equal to what the raw values give, and no request answered
// with a server error. It is what `payesh stress` runs, against one
// instance or several sharing one database.
package stress

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	mrand "math/rand/v2"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"payesh"
)

// Config says where to send requests and how hard.
type Config struct {
	URLs      []string // the instances; clients are spread over them
	Token     string   // an API token of an admin or the secretariat
	Clients   int      // concurrent clients
	Rounds    int      // rounds; the numbers are checked after each
	Provinces int      // provinces in the fixture, each with one branch
}

// Report is what a run did and found.
type Report struct {
	Rounds    int
	Requests  map[int]int // answers by HTTP status
	Conflicts int         // saves refused as conflicts, then retried
	Checked   int         // numbers compared with the reference
	Elapsed   time.Duration
}

// maxTries bounds how often one client retries a save that lost a race.
const maxTries = 40

// Run sets up a fixture of its own, runs the rounds and checks the
// invariants after each; it returns an error on the first server error,
// a refused request that is not a conflict, or a number that is wrong.
func Run(ctx context.Context, cfg Config, out io.Writer) (*Report, error) {
	if len(cfg.URLs) == 0 || cfg.Token == "" || cfg.Clients < 1 || cfg.Rounds < 1 || cfg.Provinces < 1 {
		return nil, errors.New("stress: need at least one URL, a token, and positive clients, rounds and provinces")
	}
	start := time.Now()
	t := &tally{status: map[int]int{}}
	hc := newHTTPClient()
	clients := make([]*client, len(cfg.URLs))
	for i, u := range cfg.URLs {
		clients[i] = &client{http: hc, base: strings.TrimRight(u, "/"), token: cfg.Token, tally: t}
	}
	f, err := setUp(ctx, clients[0], cfg, runTag())
	if err != nil {
		return nil, fmt.Errorf("set up: %w", err)
	}
	r := &Report{}
	defer func() { r.Requests, r.Elapsed = t.snapshot(), time.Since(start) }()
	for round := range cfg.Rounds {
		conflicts, err := runRound(ctx, clients, f, cfg, round)
		r.Conflicts += conflicts
		if err != nil {
			return r, fmt.Errorf("round %d: %w", round+1, err)
		}
		n, err := check(ctx, clients[round%len(clients)], f)
		r.Checked += n
		if err != nil {
			return r, fmt.Errorf("after round %d: %w", round+1, err)
		}
		r.Rounds++
		fmt.Fprintf(out, "round %d: %d clients on %d instance(s), %d numbers checked\n", round+1, cfg.Clients, len(clients), n)
	}
	for code, n := range t.snapshot() {
		if code >= 500 {
			return r, fmt.Errorf("%d answers with status %d", n, code)
		}
	}
	return r, nil
}

// runRound starts every client at once: client i posts progress on its
// own action, then saves a grid over every province and branch for the
// round's month — the same cells as every other client.
func runRound(ctx context.Context, clients []*client, f *fixture, cfg Config, round int) (int, error) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	conflicts := 0
	startLine := make(chan struct{})
	for i := range cfg.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := clients[i%len(clients)]
			rng := mrand.New(mrand.NewPCG(uint64(round), uint64(i)))
			<-startLine
			n, err := clientRound(ctx, c, f, rng, i, round)
			mu.Lock()
			defer mu.Unlock()
			conflicts += n
			if err != nil {
				errs = append(errs, fmt.Errorf("client %d: %w", i+1, err))
			}
		}()
	}
	close(startLine)
	wg.Wait()
	return conflicts, errors.Join(errs...)
}

func clientRound(ctx context.Context, c *client, f *fixture, rng *mrand.Rand, i, round int) (int, error) {
	conflicts, err := retry(func() error { return postProgress(ctx, c, f.actions[i].ID, float64(rng.IntN(101))) })
	if err != nil {
		return conflicts, err
	}
	month := fmt.Sprintf("1403-%02d", 1+round%12)
	n, err := retry(func() error { return saveGrid(ctx, c, f, rng, month) })
	return conflicts + n, err
}

// retry runs op until it succeeds, counting the conflicts on the way.
func retry(op func() error) (int, error) {
	for n := 0; ; n++ {
		err := op()
		if err == nil || !isConflict(err) || n == maxTries {
			return n, err
		}
	}
}

func postProgress(ctx context.Context, c *client, id int64, p float64) error {
	var w payesh.WorkItem
	if err := c.do(ctx, "GET", fmt.Sprintf("/work-items/%d", id), nil, &w); err != nil {
		return err
	}
	return c.do(ctx, "POST", fmt.Sprintf("/work-items/%d/updates", id), map[string]any{"progress": p, "version": w.Version}, nil)
}

// saveGrid reads the month's cells and saves the open ones against the
// versions read, as a person with the grid open would, then approves
// about half of what it saved, as the secretariat does while units type.
// An approved cell is locked: the grid does not offer it.
func saveGrid(ctx context.Context, c *client, f *fixture, rng *mrand.Rand, month string) error {
	var cells []map[string]any
	for _, ind := range f.inds {
		saved, err := values(ctx, c, ind.ID, month, month)
		if err != nil {
			return err
		}
		version, locked := map[int64]int{}, map[int64]bool{}
		for _, v := range saved {
			version[v.UnitID], locked[v.UnitID] = v.Version, v.State == payesh.ValueApproved
		}
		for _, u := range f.units()[1:] {
			if !locked[u.ID] {
				cells = append(cells, map[string]any{"indicator_id": ind.ID, "unit_id": u.ID, "period": month,
					"value": float64(rng.IntN(4000)) / 4, "version": version[u.ID]})
			}
		}
	}
	if len(cells) == 0 {
		return nil
	}
	var out struct{ Items []payesh.IndicatorValue }
	if err := c.do(ctx, "POST", "/indicators/values", map[string]any{"values": cells}, &out); err != nil {
		return err
	}
	var ids []int64
	for _, v := range out.Items {
		if rng.IntN(2) == 0 {
			ids = append(ids, v.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return c.do(ctx, "POST", "/indicators/values/review", map[string]any{"ids": ids, "state": payesh.ValueApproved}, nil)
}

func values(ctx context.Context, c *client, indicatorID int64, from, to string) ([]payesh.IndicatorValue, error) {
	var list struct{ Items []payesh.IndicatorValue }
	err := c.do(ctx, "GET", fmt.Sprintf("/indicators/values?indicator=%d&from=%s&to=%s", indicatorID, from, to), nil, &list)
	return list.Items, err
}

// runTag makes the run's codes unique: runs may share a database.
func runTag() string {
	b := make([]byte, 4)
	rand.Read(b)
	return "stress-" + hex.EncodeToString(b)
}

// Print writes the report as people read it.
func (r *Report) Print(w io.Writer) {
	codes := make([]int, 0, len(r.Requests))
	total := 0
	for code, n := range r.Requests {
		codes = append(codes, code)
		total += n
	}
	sort.Ints(codes)
	var parts []string
	for _, code := range codes {
		parts = append(parts, fmt.Sprintf("%d %s: %d", code, http.StatusText(code), r.Requests[code]))
	}
	fmt.Fprintf(w, "%d rounds, %d requests in %s (%s); %d lost races retried; %d numbers equal to the reference\n",
		r.Rounds, total, r.Elapsed.Round(time.Millisecond), strings.Join(parts, ", "), r.Conflicts, r.Checked)
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }
