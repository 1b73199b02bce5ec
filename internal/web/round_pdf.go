package web

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"

	"payesh/internal/api"
)

// PrintMark is the selector of the mark the summary page carries: the PDF
// renderer prints a page only when it finds it, a second guard that only
// Payesh's own printable pages are printed.
const PrintMark = "[data-payesh-print]"

// roundSummaryPDF prints the summary page to PDF (printPDF); without a
// browser it says so (503) and points to the printable page.
func (s *server) roundSummaryPDF(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadRound(r) // the user must be able to read the round
	if err != nil {
		return err
	}
	return s.printPDF(w, r, fmt.Sprintf("/rounds/%d/summary", d.Round.ID), fmt.Sprintf("round-%d-summary.pdf", d.Round.ID),
		func(msg string) error { return s.pdfUnavailable(w, r, d, msg) })
}

// printPDF prints path, a printable page of this server, in a headless
// browser that loads it from this same server as the signed-in user, so
// the PDF shows exactly what the page shows that user, Persian shaped by
// the browser, and sends it as filename. Without a browser, or when it
// fails, unavailable answers with the reason's message key.
func (s *server) printPDF(w http.ResponseWriter, r *http.Request, path, filename string, unavailable func(msg string) error) error {
	if s.PDF == nil {
		return unavailable("ui.summary.pdf_no_browser")
	}
	page, err := selfURL(r, path)
	if err != nil {
		return err
	}
	var cookies []*http.Cookie
	for _, name := range []string{api.SessionCookie, langCookie} {
		if c, err := r.Cookie(name); err == nil {
			cookies = append(cookies, c)
		}
	}
	out, err := s.PDF(r.Context(), page, cookies)
	if err != nil {
		s.Logger.ErrorContext(r.Context(), "web: PDF failed", "page", path, "err", err)
		return unavailable("ui.summary.pdf_failed")
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	h.Set("Cache-Control", "private, no-store")
	_, err = w.Write(out)
	return err
}

// selfURL addresses path on this very server by the local address the
// request's connection arrived on — never by the Host header, which the
// client chooses and could point the server's browser at another host.
func selfURL(r *http.Request, path string) (string, error) {
	addr, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return "", errors.New("web: no local address for the request")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	u := url.URL{Scheme: scheme, Host: addr.String(), Path: path}
	return u.String(), nil
}

// pdfProblem is the page shown when no PDF could be made.
type pdfProblem struct {
	Round   *roundData
	Message string // key
}

func (s *server) pdfUnavailable(w http.ResponseWriter, r *http.Request, d *roundData, msg string) error {
	v := s.newView(r, "ui.summary.pdf_unavailable", pdfProblem{Round: d, Message: msg})
	return s.render(w, r, http.StatusServiceUnavailable, "round_pdf_error", v)
}
