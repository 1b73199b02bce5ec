package failover

import (
	"context"
	"database/sql"
	"encoding/base64"
	"fmt"
	"io"
	"regexp"
	"strings"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/mail/mailtest"
	"payesh/internal/store"
)

// Written is what the database holds of the run's writes: text by id, per
// kind. It may hold more than was acknowledged — a write whose commit
// reached the standby but whose answer was lost with the primary — but
// must hold everything that was.
type Written map[string]map[int64]string

// written reads the run's programs and reminders (their texts carry its
// tag) from the database.
func written(ctx context.Context, db *sql.DB, tag string) (Written, error) {
	out := Written{writeWork: {}, writeReminder: {}}
	like := "failover " + tag + " %"
	for kind, q := range map[string]string{
		writeWork:     `SELECT id, title FROM work_items WHERE title LIKE $1`,
		writeReminder: `SELECT id, note FROM reminders WHERE note LIKE $1`,
	} {
		rows, err := db.QueryContext(ctx, q, like)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var text string
			if err := rows.Scan(&id, &text); err != nil {
				rows.Close()
				return nil, err
			}
			out[kind][id] = text
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// lost returns the acknowledged writes the database does not hold as they
// were acknowledged.
func lost(acked []Write, in Written) []Write {
	var out []Write
	for _, w := range acked {
		if text, ok := in[w.Kind][w.ID]; !ok || text != w.Text {
			out = append(out, w)
		}
	}
	return out
}

// Digests is what the check finds of the day's digest.
type Digests struct {
	Users      int // users with the day's digest
	Duplicates int // users with more than one (the unique index forbids it)
	// Created is what one more run of the digest after the failover
	// made: zero when every instance's runs, before and after, made each
	// digest once and left nothing undone.
	Created, Existing int
}

// checkDigests counts the day's digests and runs the digest once more,
// as a third instance would.
func checkDigests(ctx context.Context, db *store.DB, day payesh.Date) (Digests, error) {
	var d Digests
	err := db.SQL().QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE n > 1) FROM
		(SELECT user_id, count(*) AS n FROM notifications WHERE kind = $1 AND day = $2 GROUP BY user_id) per_user`,
		payesh.NoteDigest, day).Scan(&d.Users, &d.Duplicates)
	if err != nil {
		return d, err
	}
	res, err := db.RunDigest(payesh.WithUser(ctx, payesh.System), day)
	d.Created, d.Existing = res.Created, res.Existing
	return d, err
}

// noteRe finds the run's texts in an email: a reminder's note, or the
// title of a program made for the run's unit, of which its reporters are
// told at once.
var noteRe = regexp.MustCompile(`failover [0-9a-z]+ c[0-9]+ n[0-9]+`)

// emailedNotes counts, per recipient and text of the run, how many times
// the sink received it: one email lists each notification once, so a
// count above one is a notification emailed twice.
func emailedNotes(msgs []mailtest.Message) (map[string]map[string]int, error) {
	out := map[string]map[string]int{}
	for _, m := range msgs {
		parsed, err := m.Parse()
		if err != nil {
			return nil, err
		}
		raw, err := io.ReadAll(parsed.Body)
		if err != nil {
			return nil, err
		}
		body, err := base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(raw)))
		if err != nil {
			return nil, fmt.Errorf("an email's body is not base64: %w", err)
		}
		for _, to := range m.To {
			if out[to] == nil {
				out[to] = map[string]int{}
			}
			for _, note := range noteRe.FindAllString(jalali.ToLatinDigits(string(body)), -1) {
				out[to][note]++
			}
		}
	}
	return out, nil
}

// Emails is what the check finds of the emails of the run's writes.
type Emails struct {
	Messages  int // emails the sink received
	Expected  int // notifications of the run's recipients: their unit's reminders and new programs in the database × recipients
	Once      int // of those, emailed exactly once
	Missing   int // never emailed
	Repeated  int // emailed more than once
	Unwritten int // emailed, though the database holds no such write
}

// checkEmails compares the writes the database holds — each a
// notification to each recipient — with what each recipient received:
// each exactly once.
func checkEmails(in Written, recipients []string, got map[string]map[string]int, messages int) Emails {
	e := Emails{Messages: messages}
	notes := map[string]bool{}
	for _, texts := range in {
		for _, text := range texts {
			notes[text] = true
		}
	}
	for _, to := range recipients {
		for note := range notes {
			e.Expected++
			switch n := got[to][note]; {
			case n == 0:
				e.Missing++
			case n == 1:
				e.Once++
			default:
				e.Repeated++
			}
		}
		for note := range got[to] {
			if !notes[note] {
				e.Unwritten++
			}
		}
	}
	return e
}
