package web_test

import (
	"testing"

	"payesh/internal/web"
)

// TestRoutesListed: the list the authorization matrix is built from holds
// every registered page once, with its gate.
func TestRoutesListed(t *testing.T) {
	seen := map[string]web.Access{}
	for _, r := range web.Routes() {
		if _, dup := seen[r.Pattern]; dup {
			t.Errorf("%s listed twice", r.Pattern)
		}
		seen[r.Pattern] = r.Access
	}
	for pattern, want := range map[string]web.Access{
		"GET /login": web.Public, "GET /{$}": web.SignedIn, "GET /admin/users": web.AdminOnly, "GET /work/pick": web.SignedIn, "/": web.Public,
	} {
		if seen[pattern] != want {
			t.Errorf("%s: %q, want %q", pattern, seen[pattern], want)
		}
	}
	if len(seen) < 80 {
		t.Errorf("only %d routes listed", len(seen))
	}
}
