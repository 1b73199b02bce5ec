package app_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"payesh/internal/app"
	"payesh/internal/edge"
	"payesh/internal/login"
)

// nginxConfig is the server block the README shows under "Deploy behind
// nginx"; the test runs it as it is, placeholders filled in.
const nginxConfig = "../../deploy/nginx/payesh.conf"

// placeholder is one of the config's @NAME@ placeholders.
var placeholder = regexp.MustCompile(`@[A-Z_]+@`)

// nginxPath finds Debian's nginx: on the PATH, or in /usr/sbin, which a
// user's PATH may lack.
func nginxPath() string {
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx"
	}
	return ""
}

// TestBehindNginx runs the real handler behind a real nginx that ends TLS
// with deploy/nginx/payesh.conf, and Payesh trusting 127.0.0.1/32:
//
//   - signing in through nginx over HTTPS, by the API and by the web
//     form, sets a Secure session cookie, since nginx's
//     X-Forwarded-Proto: https is believed (the hop from nginx to Payesh
//     is plain HTTP and no --base-url is set);
//   - the access log and the sign-in throttle name the client nginx saw,
//     not nginx, and never the X-Forwarded-For the client sent itself;
//   - the request id is nginx's $request_id, in the log and the answer.
//
// The client connects from 127.0.0.2 where the system allows it (Linux
// answers all of 127/8), so that the client the log names can only have
// come from nginx's X-Forwarded-For: Payesh's peer is nginx, at
// 127.0.0.1.
func TestBehindNginx(t *testing.T) {
	bin := nginxPath()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("nginx is not installed, and CI is set: .ci/run installs Debian's nginx for this test")
		}
		t.Skip("nginx is not installed (apt-get install nginx); this test runs Payesh behind it")
	}
	db, _ := newStore(t)
	proxies, err := edge.ParseProxies("127.0.0.1/32")
	if err != nil {
		t.Fatal(err)
	}
	var logs logLines
	h, err := app.Handler(db, app.Options{Logger: logs.logger(), TrustedProxies: proxies})
	if err != nil {
		t.Fatal(err)
	}
	payesh := httptest.NewServer(h) // on 127.0.0.1, plain HTTP
	defer payesh.Close()

	dir := t.TempDir()
	pool := writeCert(t, dir)
	port := startNginx(t, bin, dir, strings.TrimPrefix(payesh.URL, "http://"))
	base := "https://127.0.0.1:" + strconv.Itoa(port)

	clientAddr := "127.0.0.2"
	if ln, err := net.Listen("tcp", clientAddr+":0"); err != nil {
		t.Logf("cannot bind %s (%v): the client connects from 127.0.0.1", clientAddr, err)
		clientAddr = "127.0.0.1"
	} else {
		ln.Close()
	}
	t.Logf("nginx on %s, Payesh on %s, the client at %s", base, payesh.URL, clientAddr)
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(clientAddr)}, Timeout: 5 * time.Second}
	client := &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			DialContext:     dialer.DialContext,
			TLSClientConfig: &tls.Config{RootCAs: pool},
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	do := func(method, path, ctype, body string, hdr ...string) *http.Response {
		t.Helper()
		req, err := http.NewRequest(method, base+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s through nginx: %v", method, path, err)
		}
		resp.Body.Close()
		if resp.TLS == nil {
			t.Fatalf("%s %s: not over TLS", method, path)
		}
		return resp
	}
	// The client's own headers: a spoofed address, proto and id.
	spoof := []string{"X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "http", "X-Request-Id", "spoofed-id"}

	// Signing in through the API.
	resp := do("POST", "/api/v1/auth/login", "application/json",
		fmt.Sprintf(`{"username":%q,"password":%q}`, testUser, testPassword), spoof...)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("API sign-in through nginx: %d\n%s", resp.StatusCode, logs.String())
	}
	checkSession(t, "API sign-in", resp, true)
	checkAccess(t, &logs, "API sign-in", resp, "POST /api/v1/auth/login", clientAddr, testUser)

	// Signing in through the web form, as a browser sends it: its Origin
	// must match the Host nginx passes on.
	form := url.Values{"username": {testUser}, "password": {testPassword}, "next": {"/"}}.Encode()
	resp = do("POST", "/login", "application/x-www-form-urlencoded", form, append(spoof, "Origin", base)...)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("web sign-in through nginx: %d\n%s", resp.StatusCode, logs.String())
	}
	checkSession(t, "web sign-in", resp, true)
	checkAccess(t, &logs, "web sign-in", resp, "POST /login", clientAddr, testUser)

	// A failed sign-in counts against the client, not nginx, and not the
	// address the client made up.
	resp = do("POST", "/api/v1/auth/login", "application/json",
		fmt.Sprintf(`{"username":%q,"password":"wrong password"}`, testUser), spoof...)
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password through nginx: %d", resp.StatusCode)
	}
	checkAccess(t, &logs, "failed sign-in", resp, "POST /api/v1/auth/login", clientAddr, "")
	if n := failures(t, db, clientAddr); n != 1 {
		t.Errorf("failures counted for %s: %d, want 1", clientAddr, n)
	}
	if n := failures(t, db, "203.0.113.9"); n > 0 {
		t.Errorf("the spoofed address has %d failures", n)
	}
	if clientAddr != "127.0.0.1" {
		if n := failures(t, db, "127.0.0.1"); n > 0 {
			t.Errorf("nginx's own address has %d failures", n)
		}
	}

	// The same handler reached directly, not through nginx, from a
	// trusted address: no X-Forwarded-Proto, no Secure; with one, Secure.
	direct := func(hdr ...string) *http.Response {
		req, _ := http.NewRequest("POST", payesh.URL+"/api/v1/auth/login",
			strings.NewReader(fmt.Sprintf(`{"username":%q,"password":%q}`, testUser, testPassword)))
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	checkSession(t, "direct, plain", direct(), false)
	checkSession(t, "direct, trusted X-Forwarded-Proto", direct("X-Forwarded-Proto", "https"), true)
}

// TestPlainHTTPNoProxy: without trusted proxies and over plain HTTP, the
// cookie is not Secure and the headers a client sends change nothing.
func TestPlainHTTPNoProxy(t *testing.T) {
	db, _ := newStore(t)
	var logs logLines
	h, err := app.Handler(db, app.Options{Logger: logs.logger()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/auth/login",
		strings.NewReader(fmt.Sprintf(`{"username":%q,"password":%q}`, testUser, testPassword)))
	req.Header.Set("X-Forwarded-Proto", "https")
	req.Header.Set("X-Forwarded-For", "203.0.113.9")
	req.Header.Set("X-Request-Id", "spoofed-id")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("sign in: %d", resp.StatusCode)
	}
	checkSession(t, "plain HTTP", resp, false)
	if resp.Header.Get(edge.HeaderRequestID) == "spoofed-id" {
		t.Error("a client's X-Request-Id was believed")
	}
	checkAccess(t, &logs, "plain HTTP", resp, "POST /api/v1/auth/login", "127.0.0.1", testUser)

	// An https --base-url makes it Secure even so.
	db2, _ := newStore(t)
	h, err = app.Handler(db2, app.Options{BaseURL: "https://payesh.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	srv2 := httptest.NewServer(h)
	defer srv2.Close()
	resp, err = http.Post(srv2.URL+"/api/v1/auth/login", "application/json",
		strings.NewReader(fmt.Sprintf(`{"username":%q,"password":%q}`, testUser, testPassword)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	checkSession(t, "https base URL", resp, true)
}

// TestReadmeShowsNginxConfig: the README's "Deploy behind nginx" shows
// the configuration TestBehindNginx runs, whole.
func TestReadmeShowsNginxConfig(t *testing.T) {
	conf, err := os.ReadFile(nginxConfig)
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(readme, []byte("## Deploy behind nginx"))
	if i < 0 {
		t.Fatal(`README.md has no "## Deploy behind nginx"`)
	}
	if !bytes.Contains(readme[i:], []byte("```nginx\n"+string(conf)+"```\n")) {
		t.Errorf("README.md's nginx section does not show %s as it is", nginxConfig)
	}
	if !bytes.Contains(readme[i:], []byte("--trusted-proxies 127.0.0.1/32")) {
		t.Error("README.md's nginx section lacks the matching payesh serve line")
	}
}

func checkSession(t *testing.T, what string, resp *http.Response, secure bool) {
	t.Helper()
	for _, c := range resp.Cookies() {
		if c.Name == login.SessionCookie {
			if c.Value == "" || c.Secure != secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
				t.Errorf("%s: session cookie %q; want Secure=%v, HttpOnly, SameSite=Lax", what, c.String(), secure)
			}
			return
		}
	}
	t.Errorf("%s: no session cookie in %v", what, resp.Header["Set-Cookie"])
}

// nginxRequestID is the form of nginx's $request_id.
var nginxRequestID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// checkAccess finds the request's access-log line by the id the answer
// carries and checks its route, client and user.
func checkAccess(t *testing.T, logs *logLines, what string, resp *http.Response, route, client, user string) {
	t.Helper()
	id := resp.Header.Get(edge.HeaderRequestID)
	if !nginxRequestID.MatchString(id) {
		t.Errorf("%s: request id %q", what, id)
	}
	line := logs.access(t, id)
	if line == nil {
		t.Errorf("%s: no access-log line with request id %q:\n%s", what, id, logs.String())
		return
	}
	if line["route"] != route || line["client"] != client || line["status"] != float64(resp.StatusCode) {
		t.Errorf("%s: access line %v; want route %q, client %s", what, line, route, client)
	}
	if user != "" && line["username"] != user {
		t.Errorf("%s: access line user %v, want %s", what, line["username"], user)
	}
}

// writeCert makes a test CA and a certificate for 127.0.0.1 signed by it,
// writes the certificate and key nginx reads into dir, and returns the
// pool a client trusts.
func writeCert(t *testing.T, dir string) *x509.CertPool {
	t.Helper()
	now := time.Now()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Payesh test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	chain := append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})...)
	if err := os.WriteFile(filepath.Join(dir, "cert.pem"), chain, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "key.pem"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	return pool
}

// startNginx runs nginx in the foreground as one process of this user —
// its pid file, logs and temporary files all in dir — with the README's
// server block proxying to upstream, and returns the port it listens on.
// It is stopped when the test ends.
func startNginx(t *testing.T, bin, dir, upstream string) int {
	t.Helper()
	tmpl, err := os.ReadFile(nginxConfig)
	if err != nil {
		t.Fatal(err)
	}
	for attempt := 1; ; attempt++ {
		port := freePort(t)
		server := strings.NewReplacer(
			"@LISTEN@", "127.0.0.1:"+strconv.Itoa(port),
			"@SERVER_NAME@", "127.0.0.1",
			"@CERT@", filepath.Join(dir, "cert.pem"),
			"@KEY@", filepath.Join(dir, "key.pem"),
			"@UPSTREAM@", upstream,
		).Replace(string(tmpl))
		if placeholder.MatchString(server) {
			t.Fatalf("%s: a placeholder is left:\n%s", nginxConfig, server)
		}
		if err := os.WriteFile(filepath.Join(dir, "payesh.conf"), []byte(server), 0o600); err != nil {
			t.Fatal(err)
		}
		main := fmt.Sprintf(`# nginx's main context for the test: one foreground process, nothing
# outside %[1]s.
daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log info;
events { worker_connections 64; }
http {
    access_log %[1]s/access.log;
    client_body_temp_path %[1]s/client_body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    include %[1]s/payesh.conf;
}
`, dir)
		conf := filepath.Join(dir, "nginx.conf")
		if err := os.WriteFile(conf, []byte(main), 0o600); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cmd := exec.CommandContext(ctx, bin, "-p", dir, "-e", filepath.Join(dir, "error.log"), "-c", conf)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			cancel()
			t.Fatalf("start nginx: %v", err)
		}
		exited := make(chan struct{})
		go func() {
			_ = cmd.Wait()
			close(exited)
		}()
		stop := func() {
			cancel() // kills the one process
			<-exited
		}
		if waitListening(port, exited) {
			t.Cleanup(stop)
			return port
		}
		stop()
		errLog, _ := os.ReadFile(filepath.Join(dir, "error.log"))
		if attempt < 3 && strings.Contains(string(errLog)+out.String(), "Address already in use") {
			continue // another process took the port meanwhile
		}
		t.Fatalf("nginx did not start:\n%s\n%s", out.String(), errLog)
	}
}

// waitListening waits up to 10 s for a connection to port to succeed,
// and gives up early when nginx exits.
func waitListening(port int, exited <-chan struct{}) bool {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return false
		default:
		}
		if c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), 200*time.Millisecond); err == nil {
			c.Close()
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
