package metrics

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"payesh/internal/store"
)

// tableCollector shows each table's estimated rows and size, and the
// database's size, read at scrape time but at most every StatsEvery: the
// figures come from the engine's statistics, never from counting (see
// store.TableStats), and one read is bounded by statsTimeout, so a slow
// database makes a scrape miss them rather than hang. SQLite's per-table
// sizes read every page of the file, so they are read in the background,
// at most every SizesEvery, one read at a time, and shown once there.
type tableCollector struct {
	db                *store.DB
	every, sizesEvery time.Duration
	now               func() time.Time
	logger            *slog.Logger

	rows, bytes, dbBytes, age, up *prometheus.Desc

	mu       sync.Mutex
	stats    []store.TableStat
	total    int64
	readAt   time.Time // of stats and total; zero before the first read
	ok       bool      // the last read succeeded
	sizes    map[string]int64
	sizesAt  time.Time // of sizes, or of the read in flight
	sizesRun bool
}

func newTableCollector(db *store.DB, opt Options) *tableCollector {
	c := &tableCollector{db: db, every: opt.StatsEvery, sizesEvery: opt.SizesEvery, now: opt.Now, logger: opt.Logger}
	if c.every <= 0 {
		c.every = DefaultStatsEvery
	}
	if c.sizesEvery <= 0 {
		c.sizesEvery = DefaultSizesEvery
	}
	c.rows = prometheus.NewDesc("payesh_table_rows_estimate",
		"Rows of a table, estimated from the planner's statistics (SQLite sqlite_stat1, PostgreSQL pg_class.reltuples), not counted; a table without statistics yet is counted up to 100000.",
		[]string{"table"}, nil)
	c.bytes = prometheus.NewDesc("payesh_table_size_bytes",
		"Size of a table with its indexes (PostgreSQL pg_total_relation_size; SQLite dbstat, which reads every page, so it is read in the background at most every 30 minutes).",
		[]string{"table"}, nil)
	c.dbBytes = prometheus.NewDesc("payesh_database_size_bytes",
		"Size of the database: the SQLite file, or the PostgreSQL database (pg_database_size).", nil, nil)
	c.age = prometheus.NewDesc("payesh_table_stats_age_seconds",
		"How old the table figures shown are.", nil, nil)
	c.up = prometheus.NewDesc("payesh_table_stats_up",
		"1 if the last read of the table figures succeeded, 0 if it failed or timed out (older figures are then shown, or none).", nil, nil)
	return c
}

func (c *tableCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.rows, c.bytes, c.dbBytes, c.age, c.up} {
		ch <- d
	}
}

func (c *tableCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if c.readAt.IsZero() || now.Sub(c.readAt) >= c.every {
		c.read(now)
	}
	if c.db.Engine() == store.SQLite && !c.sizesRun && (c.sizesAt.IsZero() || now.Sub(c.sizesAt) >= c.sizesEvery) {
		c.sizesRun, c.sizesAt = true, now
		go c.readSizes()
	}
	up := 0.0
	if c.ok {
		up = 1
	}
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, up)
	if c.readAt.IsZero() {
		return
	}
	ch <- prometheus.MustNewConstMetric(c.age, prometheus.GaugeValue, now.Sub(c.readAt).Seconds())
	ch <- prometheus.MustNewConstMetric(c.dbBytes, prometheus.GaugeValue, float64(c.total))
	for _, s := range c.stats {
		ch <- prometheus.MustNewConstMetric(c.rows, prometheus.GaugeValue, float64(s.Rows), s.Table)
		b := s.Bytes
		if b < 0 {
			var ok bool
			if b, ok = c.sizes[s.Table]; !ok {
				continue
			}
		}
		ch <- prometheus.MustNewConstMetric(c.bytes, prometheus.GaugeValue, float64(b), s.Table)
	}
}

// read refreshes the rows and the database's size, with c.mu held: a
// second scrape meanwhile waits for this read rather than start its own.
func (c *tableCollector) read(now time.Time) {
	ctx, cancel := context.WithTimeout(context.Background(), statsTimeout)
	defer cancel()
	stats, err := c.db.TableStats(ctx, false)
	var total int64
	if err == nil {
		total, err = c.db.DatabaseSize(ctx)
	}
	if err != nil {
		c.ok = false
		c.logger.Warn("metrics: reading the table figures failed", "err", err)
		return
	}
	c.stats, c.total, c.readAt, c.ok = stats, total, now, true
}

// readSizes reads SQLite's per-table sizes, outside any scrape.
func (c *tableCollector) readSizes() {
	ctx, cancel := context.WithTimeout(context.Background(), sizesTimeout)
	defer cancel()
	stats, err := c.db.TableStats(ctx, true)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sizesRun = false
	if err != nil {
		c.logger.Warn("metrics: reading the table sizes failed", "err", err)
		return
	}
	c.sizes = make(map[string]int64, len(stats))
	for _, s := range stats {
		c.sizes[s.Table] = s.Bytes
	}
}
