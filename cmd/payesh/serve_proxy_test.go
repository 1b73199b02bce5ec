package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestServeTrustedProxies: --trusted-proxies (or PAYESH_TRUSTED_PROXIES)
// decides whether X-Forwarded-For names the client in the access log;
// without it the header is ignored.
func TestServeTrustedProxies(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  string
		want string
	}{
		{"flag", []string{"--trusted-proxies", "127.0.0.1/32,::1/128"}, "", "client=198.51.100.7"},
		{"environment", nil, "127.0.0.0/8", "client=198.51.100.7"},
		{"none", nil, "", "client=127.0.0.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCLI(t)
			if tc.env != "" {
				c.env["PAYESH_TRUSTED_PROXIES"] = tc.env
			}
			ctx, stop := context.WithCancel(context.Background())
			defer stop()
			var out, errOut syncBuffer
			done := make(chan error, 1)
			args := append([]string{"serve", "--addr", "127.0.0.1:0", "--digest-every", "0"}, tc.args...)
			go func() { done <- run(ctx, args, strings.NewReader(""), &out, &errOut, c.getenv) }()
			base := waitForURL(t, &out, done)

			req, _ := http.NewRequest("GET", base+"/healthz", nil)
			req.Header.Set("X-Forwarded-For", "203.0.113.9, 198.51.100.7")
			resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			id := resp.Header.Get("X-Request-Id")
			stop()
			if err := <-done; err != nil {
				t.Fatalf("serve: %v", err)
			}
			var line string
			for l := range strings.Lines(errOut.String()) {
				if strings.Contains(l, "request_id="+id) && strings.Contains(l, "msg=request") {
					line = l
				}
			}
			if line == "" || !strings.Contains(line, tc.want) || !strings.Contains(line, `route="GET /healthz"`) ||
				!strings.Contains(line, "status=200") || strings.Contains(line, "203.0.113.9") {
				t.Errorf("access line %q; want %s\nlog:\n%s", line, tc.want, errOut.String())
			}
		})
	}
}

// TestServeProxyFlagsChecked: a trusted proxy that is not a CIDR, and a
// base URL that is not an absolute http(s) address, are command-line
// mistakes, found before anything starts.
func TestServeProxyFlagsChecked(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"garbage CIDR", []string{"--trusted-proxies", "10.0.0.0/33"}, nil, "--trusted-proxies"},
		{"host name", []string{"--trusted-proxies", "proxy.example.org"}, nil, "--trusted-proxies"},
		{"garbage in the environment", nil, map[string]string{"PAYESH_TRUSTED_PROXIES": "everyone"}, "--trusted-proxies"},
		{"base URL without scheme", []string{"--base-url", "payesh.example.org"}, nil, "--base-url"},
		{"base URL of another scheme", []string{"--base-url", "ftp://payesh.example.org"}, nil, "--base-url"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCLI(t)
			for k, v := range tc.env {
				c.env[k] = v
			}
			_, _, err := c.run("", append([]string{"serve", "--addr", "127.0.0.1:0"}, tc.args...)...)
			if code := exitCode(err, io.Discard); code != exitUsage || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("serve %v: %v (exit %d); want a usage error naming %s", tc.args, err, code, tc.want)
			}
		})
	}
}
