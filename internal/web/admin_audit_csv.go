package web

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"payesh"
	"payesh/internal/export"
	"payesh/internal/i18n"
)

// utf8BOM starts the export: without it Excel reads UTF-8 as the local
// code page and Persian comes out garbled.
const utf8BOM = "\uFEFF"

// auditCSVPage is how many events the export reads at a time; a variable
// so that a test can page through a small log.
var auditCSVPage = payesh.MaxLimit

// adminAuditCSV exports the log's current filter as CSV, streamed a page
// at a time: a year of the trail never sits in memory. Paging is pinned
// below the newest event at the start, so events written during the
// export neither shift the pages nor appear half-way.
func (s *server) adminAuditCSV(w http.ResponseWriter, r *http.Request) error {
	f, _ := parseAuditFilter(r.URL.Query())
	f.Page = payesh.Page{Limit: auditCSVPage}
	// The first page is read before anything is written, so a refusal or
	// failure is still an error page rather than a broken file.
	events, _, err := s.Audit.FindAuditEvents(r.Context(), f)
	if err != nil {
		return err
	}
	lang := langOf(r)
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+auditFileName(s.Now())+`"`)
	h.Set("Cache-Control", "no-store")
	out := csv.NewWriter(w)
	if _, err := w.Write([]byte(utf8BOM)); err != nil {
		return nil // the client went away
	}
	out.Write(auditCSVHeader(lang))
	if len(events) > 0 {
		f.UpToID = events[0].ID
	}
	for {
		for _, e := range events {
			out.Write(auditCSVRecord(lang, e))
		}
		out.Flush()
		if len(events) < f.Limit {
			break
		}
		f.Offset += f.Limit
		if events, _, err = s.Audit.FindAuditEvents(r.Context(), f); err != nil {
			// Half a file must not pass for the whole: end the response
			// abruptly so the download fails.
			s.Logger.ErrorContext(r.Context(), "web: audit export", "err", err)
			panic(http.ErrAbortHandler)
		}
	}
	if err := out.Error(); err != nil {
		s.Logger.WarnContext(r.Context(), "web: audit export write", "err", err)
	}
	return nil
}

// auditFileName names the export by its Jalali day: payesh-audit-1403-05-10.csv.
func auditFileName(now time.Time) string {
	j := payesh.Today(now).Jalali()
	return fmt.Sprintf("payesh-audit-%04d-%02d-%02d.csv", j.Year, j.Month, j.Day)
}

func auditCSVHeader(lang i18n.Lang) []string {
	keys := []string{"ui.audit.csv.id", "ui.audit.csv.time", "ui.audit.csv.time_jalali", "ui.audit.csv.actor",
		"ui.audit.csv.entity", "ui.audit.csv.entity_id", "ui.audit.csv.action", "ui.audit.csv.before", "ui.audit.csv.after"}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = i18n.T(lang, k)
	}
	return out
}

// auditCSVRecord is one event: times in ISO (Tehran, with its offset) and
// Jalali, both in Latin digits a spreadsheet reads as numbers; the rows
// before and after as the JSON the trail keeps (an object, never taken
// for a formula); names neutralized (export.Neutralize).
func auditCSVRecord(lang i18n.Lang, e *payesh.AuditEvent) []string {
	at := e.At.In(payesh.Tehran)
	return []string{
		strconv.FormatInt(e.ID, 10),
		at.Format(time.RFC3339),
		payesh.DateOf(at).JalaliString() + " " + at.Format("15:04:05"),
		export.Neutralize(e.ActorName),
		export.Neutralize(e.Entity),
		strconv.FormatInt(e.EntityID, 10),
		export.Neutralize(e.Action),
		string(e.Before),
		string(e.After),
	}
}
