package web

import (
	"errors"
	"net/http"
	"net/url"

	"payesh"
	"payesh/internal/export"
)

// exportFormat reads ?format= of a page that can also be downloaded:
// "" for the page itself. Anything else is refused rather than shown as
// the page, which a script asking for a file would take for one.
func exportFormat(r *http.Request) (export.Format, error) {
	f, ok := export.ParseFormat(r.URL.Query().Get("format"))
	if !ok {
		return "", payesh.Errorf(payesh.EINVALID, "err.export.format")
	}
	return f, nil
}

// sendExport answers with t as a download (export.Send). A failure once
// the file has begun cuts the response, so that half a file cannot pass
// for the whole; one before it is the usual error page.
func (s *server) sendExport(w http.ResponseWriter, r *http.Request, f export.Format, name string, t export.Table,
	fill func(export.Writer) error) error {
	err := export.Send(w, f, name, t, fill)
	if errors.Is(err, export.ErrCut) {
		s.Logger.ErrorContext(r.Context(), "web: export cut short", "path", r.URL.Path, "err", err)
		panic(http.ErrAbortHandler)
	}
	return err
}

// exportLinks are a page's download links: the page's own address with
// its query, less what only pages use, and the format.
type exportLinks struct{ XLSX, CSV string }

func newExportLinks(path string, q url.Values) exportLinks {
	q = cloneValues(q)
	for _, k := range []string{"offset", "limit", "flash", "format"} {
		q.Del(k)
	}
	link := func(f export.Format) string {
		q.Set("format", string(f))
		return path + "?" + q.Encode()
	}
	return exportLinks{XLSX: link(export.XLSX), CSV: link(export.CSV)}
}

func cloneValues(q url.Values) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	return out
}
