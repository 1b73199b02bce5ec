package edge

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// seen is what the edge told a handler about one request.
type seen struct {
	client string
	https  bool
	secure bool
	id     string
}

// through sends req through an edge trusting proxies and returns what
// the handler behind it saw, and the response.
func through(t *testing.T, opt Options, req *http.Request) (seen, *httptest.ResponseRecorder) {
	t.Helper()
	var got seen
	h := New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = seen{ClientIP(r), HTTPS(r), SecureCookies(r), RequestID(r.Context())}
	}), opt)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return got, rec
}

func mustProxies(t *testing.T, s string) Proxies {
	t.Helper()
	p, err := ParseProxies(s)
	if err != nil {
		t.Fatalf("ParseProxies(%q): %v", s, err)
	}
	return p
}

// TestClientAddress: the rules by which the edge names a request's client.
func TestClientAddress(t *testing.T) {
	long := strings.Repeat("10.0.0.7, ", 100) + "10.0.0.8"
	cases := []struct {
		name    string
		proxies string
		peer    string   // RemoteAddr
		xff     []string // X-Forwarded-For header lines
		want    string
	}{
		{"no proxies, no header", "", "198.51.100.7:5100", nil, "198.51.100.7"},
		{"no proxies: a spoofed header is ignored", "", "198.51.100.7:5100", []string{"203.0.113.9"}, "198.51.100.7"},
		{"untrusted peer: a spoofed header is ignored", "127.0.0.1/32", "198.51.100.7:5100", []string{"203.0.113.9"}, "198.51.100.7"},
		{"untrusted peer spoofing a trusted proxy's address", "10.0.0.0/8", "198.51.100.7:5100", []string{"203.0.113.9, 10.0.0.1"}, "198.51.100.7"},
		{"trusted peer, no header", "127.0.0.1/32", "127.0.0.1:5100", nil, "127.0.0.1"},
		{"trusted peer names the client", "127.0.0.1/32", "127.0.0.1:5100", []string{"198.51.100.7"}, "198.51.100.7"},
		{"the client's own entry left of the proxy's is not believed", "127.0.0.1/32", "127.0.0.1:5100",
			[]string{"203.0.113.9, 198.51.100.7"}, "198.51.100.7"},
		{"chain of trusted proxies", "10.0.0.0/8, 127.0.0.1", "127.0.0.1:5100",
			[]string{"203.0.113.9, 198.51.100.7, 10.1.2.3, 10.0.0.5"}, "198.51.100.7"},
		{"chain over several header lines", "10.0.0.0/8", "10.0.0.1:5100",
			[]string{"203.0.113.9", "198.51.100.7, 10.0.0.2"}, "198.51.100.7"},
		{"every hop a trusted proxy: the furthest", "10.0.0.0/8", "10.0.0.1:5100", []string{"10.0.0.9, 10.0.0.5"}, "10.0.0.9"},
		{"untrusted proxy in the chain is the client", "10.0.0.0/8", "10.0.0.1:5100",
			[]string{"198.51.100.7, 192.0.2.1, 10.0.0.5"}, "192.0.2.1"},
		{"spaces around entries", "127.0.0.1/32", "127.0.0.1:5100", []string{"  198.51.100.7  ,127.0.0.1 "}, "198.51.100.7"},
		{"a port on an entry", "127.0.0.1/32", "127.0.0.1:5100", []string{"198.51.100.7:4711"}, "198.51.100.7"},

		{"IPv6 peer and client", "::1/128", "[::1]:5100", []string{"2001:db8::7"}, "2001:db8::7"},
		{"IPv6 client in brackets with a port", "::1/128", "[::1]:5100", []string{"[2001:db8::7]:443"}, "2001:db8::7"},
		{"IPv6 client in brackets", "::1/128", "[::1]:5100", []string{"[2001:db8::7]"}, "2001:db8::7"},
		{"IPv6 chain", "2001:db8:ffff::/48", "[2001:db8:ffff::1]:5100",
			[]string{"2001:db8::6, 2001:db8::7, 2001:db8:ffff::2"}, "2001:db8::7"},
		{"IPv4-mapped peer is the IPv4 proxy", "127.0.0.1/32", "[::ffff:127.0.0.1]:5100", []string{"198.51.100.7"}, "198.51.100.7"},
		{"IPv4-mapped client is written as IPv4", "127.0.0.1/32", "127.0.0.1:5100", []string{"::ffff:198.51.100.7"}, "198.51.100.7"},
		{"IPv4-mapped trusted network", "::ffff:10.0.0.0/104", "10.0.0.1:5100", []string{"198.51.100.7"}, "198.51.100.7"},
		{"IPv4 network does not trust an IPv6 peer", "127.0.0.1/32", "[::1]:5100", []string{"198.51.100.7"}, "::1"},
		{"peer with a zone", "fe80::/10", "[fe80::1%eth0]:5100", []string{"198.51.100.7"}, "198.51.100.7"},

		{"garbage header: the proxy", "127.0.0.1/32", "127.0.0.1:5100", []string{"not an address"}, "127.0.0.1"},
		{"unknown: the proxy", "127.0.0.1/32", "127.0.0.1:5100", []string{"unknown"}, "127.0.0.1"},
		{"empty header: the proxy", "127.0.0.1/32", "127.0.0.1:5100", []string{""}, "127.0.0.1"},
		{"garbage stops the walk at the last address", "10.0.0.0/8", "10.0.0.1:5100",
			[]string{"198.51.100.7, <script>, 10.0.0.5"}, "10.0.0.5"},
		{"garbage left of the client is never reached", "127.0.0.1/32", "127.0.0.1:5100",
			[]string{"x'; DROP TABLE users, 198.51.100.7"}, "198.51.100.7"},
		{"empty entry stops the walk", "10.0.0.0/8", "10.0.0.1:5100", []string{"198.51.100.7,,10.0.0.5"}, "10.0.0.5"},
		{"zone in an entry is garbage", "127.0.0.1/32", "127.0.0.1:5100", []string{"fe80::1%eth0"}, "127.0.0.1"},
		{"CIDR in an entry is garbage", "127.0.0.1/32", "127.0.0.1:5100", []string{"198.51.100.0/24"}, "127.0.0.1"},
		{"a thousand trusted hops stop at the bound", "10.0.0.0/8", "10.0.0.1:5100", []string{long}, "10.0.0.7"},
		{"unparsable RemoteAddr is kept, never trusted", "0.0.0.0/0", "pipe", []string{"198.51.100.7"}, "pipe"},
		{"RemoteAddr without a port", "127.0.0.1/32", "127.0.0.1", []string{"198.51.100.7"}, "198.51.100.7"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			req.RemoteAddr = c.peer
			for _, v := range c.xff {
				req.Header.Add("X-Forwarded-For", v)
			}
			got, _ := through(t, Options{Proxies: mustProxies(t, c.proxies)}, req)
			if got.client != c.want {
				t.Errorf("client %q, want %q", got.client, c.want)
			}
		})
	}
}

// TestForwardedProto: HTTPS is believed from r.TLS, or from a trusted
// proxy's X-Forwarded-Proto (its right-most value); cookies are Secure
// then, or always when the public address is https.
func TestForwardedProto(t *testing.T) {
	trusted := mustProxies(t, "127.0.0.1/32")
	cases := []struct {
		name        string
		peer        string
		xfp         []string
		tls         bool
		baseHTTPS   bool
		wantHTTPS   bool
		wantSecures bool
	}{
		{"plain", "127.0.0.1:1", nil, false, false, false, false},
		{"direct TLS", "198.51.100.7:1", nil, true, false, true, true},
		{"trusted proxy says https", "127.0.0.1:1", []string{"https"}, false, false, true, true},
		{"trusted proxy says HTTPS", "127.0.0.1:1", []string{"HTTPS"}, false, false, true, true},
		{"trusted proxy says http", "127.0.0.1:1", []string{"http"}, false, false, false, false},
		{"untrusted peer says https", "198.51.100.7:1", []string{"https"}, false, false, false, false},
		{"right-most value counts", "127.0.0.1:1", []string{"https, http"}, false, false, false, false},
		{"right-most line counts", "127.0.0.1:1", []string{"http", "https"}, false, false, true, true},
		{"garbage", "127.0.0.1:1", []string{"https\x00"}, false, false, false, false},
		{"https base URL: cookies Secure over plain HTTP", "198.51.100.7:1", nil, false, true, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			req.RemoteAddr = c.peer
			for _, v := range c.xfp {
				req.Header.Add("X-Forwarded-Proto", v)
			}
			if c.tls {
				req.TLS = &tls.ConnectionState{}
			}
			got, _ := through(t, Options{Proxies: trusted, SecureCookies: c.baseHTTPS}, req)
			if got.https != c.wantHTTPS || got.secure != c.wantSecures {
				t.Errorf("https %v, secure cookies %v; want %v, %v", got.https, got.secure, c.wantHTTPS, c.wantSecures)
			}
		})
	}
}

// TestRequestIDHeader: a sane X-Request-Id is kept from a trusted proxy
// only; every other request gets a new one; either is echoed.
func TestRequestIDHeader(t *testing.T) {
	trusted := mustProxies(t, "127.0.0.1/32")
	cases := []struct {
		name, peer, id string
		kept           bool
	}{
		{"trusted, hex", "127.0.0.1:1", "0123456789abcdef0123456789abcdef", true},
		{"trusted, uuid", "127.0.0.1:1", "3f2b8c1e-5d4a-4b7e-9c2f-1a2b3c4d5e6f", true},
		{"trusted, dotted", "127.0.0.1:1", "lb-1.req:42_x", true},
		{"untrusted", "198.51.100.7:1", "0123456789abcdef0123456789abcdef", false},
		{"trusted, spaces", "127.0.0.1:1", "a b", false},
		{"trusted, quote", "127.0.0.1:1", `a"b`, false},
		{"trusted, newline escape", "127.0.0.1:1", "a\\nb", false},
		{"trusted, non-ASCII", "127.0.0.1:1", "شناسه", false},
		{"trusted, too long", "127.0.0.1:1", strings.Repeat("a", 129), false},
		{"trusted, longest", "127.0.0.1:1", strings.Repeat("a", 128), true},
		{"trusted, none", "127.0.0.1:1", "", false},
	}
	ids := map[string]bool{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			req.RemoteAddr = c.peer
			if c.id != "" {
				req.Header.Set(HeaderRequestID, c.id)
			}
			got, rec := through(t, Options{Proxies: trusted}, req)
			if echoed := rec.Header().Get(HeaderRequestID); echoed != got.id {
				t.Errorf("echoed %q, context %q", echoed, got.id)
			}
			if c.kept {
				if got.id != c.id {
					t.Errorf("id %q, want %q kept", got.id, c.id)
				}
				return
			}
			if len(got.id) != 32 || strings.Trim(got.id, "0123456789abcdef") != "" || got.id == c.id {
				t.Errorf("id %q, want 32 new hex digits", got.id)
			}
			if ids[got.id] {
				t.Errorf("id %q given twice", got.id)
			}
			ids[got.id] = true
		})
	}
}

func TestParseProxies(t *testing.T) {
	for in, want := range map[string]string{
		"":                                   "",
		" , ":                                "",
		"127.0.0.1/32":                       "127.0.0.1/32",
		"127.0.0.1":                          "127.0.0.1/32",
		"10.1.2.3/8, 192.168.0.0/16,::1":     "10.0.0.0/8,192.168.0.0/16,::1/128",
		"2001:db8::/32":                      "2001:db8::/32",
		"::ffff:10.0.0.0/104":                "10.0.0.0/8",
		" 172.16.0.0/12 ,\t127.0.0.1/32 ,, ": "172.16.0.0/12,127.0.0.1/32",
	} {
		p, err := ParseProxies(in)
		if err != nil || p.String() != want {
			t.Errorf("ParseProxies(%q) = %q, %v; want %q", in, p.String(), err, want)
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "example.org", "127.0.0.1/", "10.0.0.0/8;", "fe80::1%eth0", "::ffff:0:0/80", "*", "127.0.0.1/32/1"} {
		if p, err := ParseProxies(bad); err == nil {
			t.Errorf("ParseProxies(%q) = %v; want an error", bad, p)
		}
	}
}
