package api

import (
	"net/http"
	"time"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/opendata"
)

// openDataWriteTime is how long an export may take to send: the server's
// write timeout (a minute) is for pages, and five national years of ADX
// over a provincial link take longer. Only a signed-in user gets it.
const openDataWriteTime = 30 * time.Minute

// openDataValues answers GET /open-data/values?format=adx|sdmx-csv: the
// approved values of from..to (one indicator or all, one unit's subtree
// or everywhere) that the reader reads, streamed as ADX or SDMX-CSV with
// periods as ISO 8601 intervals (durations=days|calendar, by default
// calendar for ADX and days for SDMX-CSV; see jalali.DurationStyle).
//
// One route with ?format=, as the exports have, rather than one
// path per format: the filter is the same, and a new format is a value,
// not a route.
//
// Nothing is written until the first value is in hand, so a refusal or a
// failure before it is a JSON error; a failure after it breaks the
// connection (http.ErrAbortHandler), so half a file is never taken for
// the whole. An ADX message cannot be empty (adx.xsd), so no value is
// 404 there; SDMX-CSV answers its header alone.
func (s *server) openDataValues(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	format := opendata.Format(q.str("format"))
	if format != "" && !format.Valid() {
		q.fields["format"] = "err.opendata.format"
	}
	q.require("format", format != "")
	from, to := q.period("from"), q.period("to")
	q.require("from", from != "")
	q.require("to", to != "")
	f := payesh.OpenDataFilter{IndicatorID: q.id("indicator"), UnitID: q.id("unit")}
	style := format.DefaultDurations()
	if d := q.str("durations"); d != "" {
		var err error
		if style, err = jalali.ParseDurationStyle(d); err != nil {
			q.fields["durations"] = "err.opendata.durations"
		}
	}
	if err := q.err(); err != nil {
		return err
	}
	f.From, _ = jalali.ParsePeriod(from) // canonical already
	f.To, _ = jalali.ParsePeriod(to)
	if err := f.Validate(); err != nil {
		return err
	}

	var out opendata.Writer
	start := func() error {
		h := w.Header()
		h.Set("Content-Type", format.ContentType())
		h.Set("Content-Disposition", `attachment; filename="payesh-values-`+from+`_`+to+format.Extension()+`"`)
		h.Set("Cache-Control", "private, no-store")
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(openDataWriteTime))
		if format == opendata.ADX {
			out = opendata.NewADX(w, s.Now(), style)
			return nil
		}
		var err error
		out, err = opendata.NewSDMXCSV(w, style)
		return err
	}
	err := s.OpenData.EachApprovedValue(r.Context(), f, func(v payesh.OpenValue) error {
		if out == nil {
			if err := start(); err != nil {
				return err
			}
		}
		return out.Write(v)
	})
	switch {
	case err != nil && out == nil:
		return err
	case err != nil:
		s.Logger.WarnContext(r.Context(), "api: open data export broken off", "err", err)
		panic(http.ErrAbortHandler)
	case out == nil && format == opendata.ADX:
		return payesh.Errorf(payesh.ENOTFOUND, "err.opendata.empty")
	case out == nil:
		if err := start(); err != nil {
			return err
		}
	}
	if err := out.Close(); err != nil {
		s.Logger.WarnContext(r.Context(), "api: open data export broken off", "err", err)
		panic(http.ErrAbortHandler)
	}
	return nil
}
