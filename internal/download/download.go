// Package download serves evidence files, for the web UI and the API
// alike: always as an attachment, typed as the store checked it on upload
// and never sniffed again, so an uploaded file cannot run as a page of
// this site; named in UTF-8 so Persian names survive.
package download

import (
	"bytes"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"payesh"
)

// Evidence writes the file ev with content data.
func Evidence(w http.ResponseWriter, r *http.Request, ev *payesh.Evidence, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ev.ContentType)
	h.Set("Content-Disposition", ContentDisposition(ev))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", ev.CreatedAt, bytes.NewReader(data))
}

// ContentDisposition names the file twice (RFC 6266): filename* carries
// the real, usually Persian, name as UTF-8 (RFC 5987), and filename an
// ASCII stand-in for clients that know only that — the name itself when
// it is plain ASCII, else "evidence-<id>" with the file's extension.
func ContentDisposition(ev *payesh.Evidence) string {
	fallback := ev.Name
	if !plainASCII(fallback) {
		fallback = "evidence-" + strconv.FormatInt(ev.ID, 10) + strings.ToLower(filepath.Ext(ev.Name))
		if !plainASCII(fallback) {
			fallback = "evidence-" + strconv.FormatInt(ev.ID, 10)
		}
	}
	return `attachment; filename="` + fallback + `"; filename*=UTF-8''` + rfc5987(ev.Name)
}

// plainASCII reports whether s may stand in a quoted filename as is.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '%' {
			return false
		}
	}
	return s != ""
}

// rfc5987 percent-encodes every byte of s outside RFC 5987's attr-char.
func rfc5987(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
