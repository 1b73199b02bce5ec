package web

import (
	"bytes"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
)

// evidenceDownload sends a file to a user who may read its report (the
// store refuses the others, which then get the 403 page). It is always an
// attachment of the type the store checked, never sniffed and never shown
// inline, so a file cannot run as a page of this site.
func (s *server) evidenceDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	e, data, err := s.Reports.OpenEvidence(r.Context(), id)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", e.ContentType)
	h.Set("Content-Disposition", attachmentHeader(e.Name, e.ID))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", e.CreatedAt, bytes.NewReader(data))
	return nil
}

// attachmentHeader names a download: an ASCII filename for old clients
// and the real, often Persian, name as RFC 5987's filename*.
func attachmentHeader(name string, id int64) string {
	return `attachment; filename="` + asciiName(name, id) + `"; filename*=UTF-8''` + rfc5987(name)
}

// asciiName keeps the Latin letters, digits, dots, dashes and
// underscores of name; a name with none of them before its extension
// (a Persian one) becomes "evidence-ID" with the extension.
func asciiName(name string, id int64) string {
	ext := strings.ToLower(filepath.Ext(name))
	base := strings.Map(func(r rune) rune {
		if r < 0x80 && (r == '.' || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return r
		}
		return '_'
	}, strings.TrimSuffix(name, filepath.Ext(name)))
	if strings.Trim(base, "_.-") == "" {
		base = "evidence-" + strconv.FormatInt(id, 10)
	}
	return base + strings.Map(func(r rune) rune {
		if r < 0x80 && r != '"' && r != '\\' && r > ' ' {
			return r
		}
		return -1
	}, ext)
}

// rfc5987 percent-encodes every byte of s but RFC 5987's attr-chars.
func rfc5987(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
