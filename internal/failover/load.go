package failover

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"
)

// Kinds of write the load makes.
const (
	writeWork     = "work"     // a program created (POST /work-items)
	writeReminder = "reminder" // a reminder sent to the run's unit (POST /followup/reminders)
)

// remindEvery makes one write in so many a reminder: enough of them to
// have emails going out across the failover, few enough to keep the
// emails small.
const remindEvery = 5

// Write is one write a server acknowledged, as the ledger keeps it.
type Write struct {
	Kind     string    `json:"kind"`
	ID       int64     `json:"id"`
	Text     string    `json:"text"` // the program's title, the reminder's note
	Instance int       `json:"instance"`
	At       time.Time `json:"at"`
}

// ledger keeps every acknowledged write, in memory for the check and as
// JSON lines in a file for whoever looks after a failed run.
type ledger struct {
	mu     sync.Mutex
	writes []Write
	file   io.Writer
}

func (l *ledger) add(w Write) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.writes = append(l.writes, w)
	if l.file == nil {
		return nil
	}
	b, err := json.Marshal(w)
	if err != nil {
		return err
	}
	_, err = l.file.Write(append(b, '\n'))
	return err
}

func (l *ledger) all() []Write {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Write(nil), l.writes...)
}

// load is the writers' shared state.
type load struct {
	c        *client
	urls     []string
	tag      string
	unitID   int64
	ledger   *ledger
	timeline *timeline
}

// run has clients writers, spread over the instances, write until ctx
// ends. A failed write is counted and followed by another after a short
// pause; it is not retried as such, since it may have been committed.
func (l *load) run(ctx context.Context, clients int) {
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() { l.writer(ctx, i) })
	}
	wg.Wait()
}

func (l *load) writer(ctx context.Context, id int) {
	inst := id % len(l.urls)
	for n := 1; ctx.Err() == nil; n++ {
		text := fmt.Sprintf("failover %s c%d n%d", l.tag, id, n)
		w := Write{Kind: writeWork, Text: text, Instance: inst}
		path, body := "/work-items", map[string]any{"kind": "program", "title": text, "owner_unit_id": l.unitID}
		if n%remindEvery == 0 {
			w.Kind, path, body = writeReminder, "/followup/reminders", map[string]any{"unit_id": l.unitID, "note": text}
		}
		var out struct {
			ID int64 `json:"id"`
		}
		// The request is not cut short by the end of the run: an answer
		// the client gave up on would be an acknowledged write unrecorded.
		start := time.Now()
		err := l.c.api(context.WithoutCancel(ctx), l.urls[inst], "POST", path, true, body, &out)
		end := time.Now()
		l.timeline.add(attempt{instance: inst, start: start, end: end, ok: err == nil})
		if err != nil {
			select {
			case <-ctx.Done():
			case <-time.After(100 * time.Millisecond):
			}
			continue
		}
		w.ID, w.At = out.ID, end
		if err := l.ledger.add(w); err != nil {
			panic(err) // a ledger that cannot be written makes the run meaningless
		}
	}
}
