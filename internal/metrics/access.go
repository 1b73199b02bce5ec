package metrics

import (
	"crypto/subtle"
	"net/http"
	"net/netip"
	"strings"

	"payesh"
	"payesh/internal/edge"
)

// Allow says whether r may read the metrics: nil when it carries the
// bearer token, or comes from an address in From; EUNAUTHORIZED for a
// wrong token, or none where a token is configured; EFORBIDDEN otherwise.
// The address is edge.ClientIP's: behind a trusted proxy the client the
// proxy names, so nginx on the same host does not make every visitor
// local.
func (m *Metrics) Allow(r *http.Request) error {
	if secret, ok := bearer(r); ok {
		if m.token != "" && subtle.ConstantTimeCompare([]byte(secret), []byte(m.token)) == 1 {
			return nil
		}
		return payesh.Errorf(payesh.EUNAUTHORIZED, "err.metrics.token")
	}
	if a, err := netip.ParseAddr(edge.ClientIP(r)); err == nil && m.from.Contains(a) {
		return nil
	}
	if m.token != "" {
		return payesh.Errorf(payesh.EUNAUTHORIZED, "err.metrics.token")
	}
	return payesh.Errorf(payesh.EFORBIDDEN, "err.metrics.forbidden")
}

// TokenRequired says whether a refused reader could get in with a token,
// so the answer names the scheme (WWW-Authenticate).
func (m *Metrics) TokenRequired() bool { return m.token != "" }

func bearer(r *http.Request) (string, bool) {
	scheme, secret, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	secret = strings.TrimSpace(secret)
	return secret, secret != ""
}

func netipPrefix(s string) netip.Prefix { return netip.MustParsePrefix(s) }
