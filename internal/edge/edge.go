// Package edge is the one HTTP middleware stack in front of both of
// Payesh's doors, the JSON API and the web UI. For every request it
//
//   - works out who is really on the other end: the socket's peer, or —
//     only when that peer is a trusted reverse proxy (see Proxies) — the
//     client named in X-Forwarded-For, and whether the request came over
//     HTTPS (r.TLS, or X-Forwarded-Proto from a trusted proxy);
//   - gives the request an id: a sane X-Request-Id from a trusted proxy,
//     else a new one; it is echoed in the response's X-Request-Id, kept in
//     the context (RequestID) and added to every log line written with a
//     context (LogHandler);
//   - sets the security headers once, for every answer;
//   - recovers a handler's panic into a 500 written by the door that was
//     serving the request (JSON for the API, the error page for the web:
//     see HandleErrors), logged with its stack;
//   - writes one access-log line when the request is done: method, the
//     matched route pattern (never the raw path, so ids do not multiply
//     the routes), status, bytes, duration, the signed-in user, the client
//     address and the request id.
//
// Status maps the domain's error codes to HTTP statuses for both doors.
package edge

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"runtime/debug"
	"time"

	"payesh"
)

// Options configure the edge; the zero value trusts no proxy and logs
// nothing.
type Options struct {
	// Logger receives the access log (one Info line per request) and
	// panics (Error). Nil discards them.
	Logger *slog.Logger
	// Proxies are the reverse proxies whose X-Forwarded-For,
	// X-Forwarded-Proto and X-Request-Id are believed. Empty: none, and
	// every request is taken as the socket shows it.
	Proxies Proxies
	// SecureCookies makes every cookie Secure, whatever the request came
	// over: set it when Payesh's public address (--base-url) is https.
	SecureCookies bool
	// Now is the clock of the access log's durations; nil is time.Now.
	Now func() time.Time
	// Observe, when set, is told of every request what its access-log
	// line says: the method, the matched route pattern (never the raw
	// path), the status and how long it took. It is the metrics' one hook
	// on both doors.
	Observe func(method, route string, status int, elapsed time.Duration)
}

// Security headers, the strictest of what the API and the web UI each
// set before they shared the edge. Nothing of Payesh loads from another
// origin, nothing frames it, and no answer is sniffed into another type.
// A handler may replace them for its own answer (an evidence download sets
// a stricter, sandboxed policy; static assets a long Cache-Control).
var securityHeaders = [][2]string{
	{"Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"},
	{"X-Content-Type-Options", "nosniff"},
	{"X-Frame-Options", "DENY"},
	{"Referrer-Policy", "same-origin"},
	// Users, tokens and unpublished plans stay out of every cache unless
	// a handler says otherwise.
	{"Cache-Control", "no-store"},
}

// HeaderRequestID is the header that carries a request's id, both ways.
const HeaderRequestID = "X-Request-Id"

// Unmatched is the route of a request no ServeMux pattern matched, in the
// access log.
const Unmatched = "unmatched"

// New returns next behind the edge.
func New(next http.Handler, opt Options) http.Handler {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &edge{next: next, opt: opt}
}

type edge struct {
	next http.Handler
	opt  Options
}

// info is what the edge knows of a request. It rides in the context as a
// pointer, so that the doors can add to it (the user, the error writer)
// from requests derived from the edge's.
type info struct {
	id      string
	client  string
	https   bool
	secure  bool // cookies must be Secure
	userID  int64
	user    string
	writeFn func(http.ResponseWriter, *http.Request, error)
}

type ctxKey struct{}

func from(ctx context.Context) *info {
	in, _ := ctx.Value(ctxKey{}).(*info)
	return in
}

func (e *edge) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := e.opt.Now()
	in := e.inspect(r)
	r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, in))
	h := w.Header()
	for _, kv := range securityHeaders {
		h.Set(kv[0], kv[1])
	}
	h.Set(HeaderRequestID, in.id)
	rec := &recorder{ResponseWriter: w}
	defer func() {
		v := recover()
		if v != nil && v != http.ErrAbortHandler {
			e.opt.Logger.LogAttrs(r.Context(), slog.LevelError, "panic",
				slog.String("method", r.Method), slog.String("route", route(r)),
				slog.String("request_id", in.id), slog.Any("panic", v),
				slog.String("stack", string(debug.Stack())))
			if !rec.wrote {
				e.fail(rec, r, in, fmt.Errorf("edge: panic: %v", v))
				v = nil
			} else {
				// Half an answer is out: the client must see it broken,
				// not complete.
				v = http.ErrAbortHandler
			}
		}
		e.access(r, in, rec, start)
		if v != nil {
			panic(v)
		}
	}()
	e.next.ServeHTTP(rec, r)
}

// fail answers a panic with a 500 from the door that was serving r, or
// in plain text when none said how it writes errors, or when its writer
// panics too.
func (e *edge) fail(w *recorder, r *http.Request, in *info, err error) {
	if in.writeFn != nil && e.tryWrite(w, r, in, err) {
		return
	}
	if w.wrote {
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = io.WriteString(w, "500 internal server error; request id "+in.id+"\n")
}

// tryWrite writes err through the door's error writer, and says whether
// it did so without panicking.
func (e *edge) tryWrite(w *recorder, r *http.Request, in *info, err error) (ok bool) {
	defer func() {
		if v := recover(); v != nil {
			e.opt.Logger.LogAttrs(r.Context(), slog.LevelError, "panic in the error writer",
				slog.String("request_id", in.id), slog.Any("panic", v))
			ok = false
		}
	}()
	in.writeFn(w, r, fmt.Errorf("%w (%v)", payesh.Errorf(payesh.EINTERNAL, "err.internal"), err))
	return true
}

// access writes the request's line of the access log.
func (e *edge) access(r *http.Request, in *info, rec *recorder, start time.Time) {
	status := rec.status
	if !rec.wrote {
		status = http.StatusOK // nothing written: net/http answers 200
	}
	elapsed := e.opt.Now().Sub(start)
	if e.opt.Observe != nil {
		e.opt.Observe(r.Method, route(r), status, elapsed)
	}
	attrs := []slog.Attr{
		slog.String("method", r.Method),
		slog.String("route", route(r)),
		slog.Int("status", status),
		slog.Int64("bytes", rec.bytes),
		slog.Duration("duration", elapsed),
	}
	if in.user != "" {
		attrs = append(attrs, slog.Int64("user_id", in.userID), slog.String("username", in.user))
	}
	attrs = append(attrs, slog.String("client", in.client), slog.String("request_id", in.id))
	e.opt.Logger.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
}

// route is the ServeMux pattern that served r, or Unmatched. Every
// ServeMux sets the pattern it matched on the request it was given, so
// the innermost mux's wins as long as the handlers between the edge and
// it pass the request on as they got it (as the doors do); one that
// passed a copy (r.WithContext) would leave the outer mux's pattern here.
func route(r *http.Request) string {
	if r.Pattern == "" {
		return Unmatched
	}
	return r.Pattern
}

// inspect reads what the edge believes of r.
func (e *edge) inspect(r *http.Request) *info {
	in := &info{}
	peer, ok := peerAddr(r.RemoteAddr)
	trusted := ok && e.opt.Proxies.Contains(peer)
	switch {
	case !ok:
		in.client = r.RemoteAddr
	case trusted:
		in.client = e.opt.Proxies.client(peer, r.Header.Values("X-Forwarded-For")).String()
	default:
		in.client = peer.String()
	}
	in.https = r.TLS != nil || trusted && forwardedHTTPS(r.Header.Values("X-Forwarded-Proto"))
	in.secure = in.https || e.opt.SecureCookies
	if id := r.Header.Get(HeaderRequestID); trusted && saneID(id) {
		in.id = id
	} else {
		in.id = newID()
	}
	return in
}

// newID is 128 random bits in hex, the form nginx's $request_id has.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}

// maxIDLen bounds an incoming request id.
const maxIDLen = 128

// saneID accepts the ids proxies make — hex, UUIDs, base32, dotted or
// colon-separated parts — and nothing that could break a log line or a
// header: 1–128 characters of letters, digits and . _ : -.
func saneID(id string) bool {
	if id == "" || len(id) > maxIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == ':' || c == '-') {
			return false
		}
	}
	return true
}

// RequestID is the id of the request ctx belongs to, or "" outside the
// edge.
func RequestID(ctx context.Context) string {
	if in := from(ctx); in != nil {
		return in.id
	}
	return ""
}

// ClientIP is the address r came from: the client the trusted proxies
// name, or the socket's peer. Outside the edge it is the peer, never a
// header.
func ClientIP(r *http.Request) string {
	if in := from(r.Context()); in != nil {
		return in.client
	}
	if a, ok := peerAddr(r.RemoteAddr); ok {
		return a.String()
	}
	return r.RemoteAddr
}

// HTTPS says whether r came over HTTPS: directly (r.TLS), or to a trusted
// proxy that said so in X-Forwarded-Proto.
func HTTPS(r *http.Request) bool {
	if in := from(r.Context()); in != nil {
		return in.https
	}
	return r.TLS != nil
}

// SecureCookies says whether cookies set in answer to r must be Secure:
// r came over HTTPS, or Payesh's public address is https.
func SecureCookies(r *http.Request) bool {
	if in := from(r.Context()); in != nil {
		return in.secure
	}
	return r.TLS != nil
}

// SetUser records who a request speaks for, for the access log; the doors
// call it once they know.
func SetUser(ctx context.Context, u *payesh.User) {
	if in := from(ctx); in != nil && u != nil {
		in.userID, in.user = u.ID, u.Username
	}
}

// HandleErrors says how the door serving r writes an error: the edge
// answers a panic through fn, so the API's panics are JSON and the web's
// are its error page. The doors call it first thing.
func HandleErrors(r *http.Request, fn func(http.ResponseWriter, *http.Request, error)) {
	if in := from(r.Context()); in != nil {
		in.writeFn = fn
	}
}

// peerAddr parses a RemoteAddr ("ip:port", or a bare ip) into an address
// without IPv4-in-IPv6 mapping or zone.
func peerAddr(remote string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(remote); err == nil {
		return norm(ap.Addr()), true
	}
	if a, err := netip.ParseAddr(remote); err == nil {
		return norm(a), true
	}
	return netip.Addr{}, false
}

func norm(a netip.Addr) netip.Addr { return a.Unmap().WithZone("") }

// recorder notes the status and size of the answer for the access log.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool // the final header is out
}

func (w *recorder) WriteHeader(status int) {
	if !w.wrote && (status >= 200 || status == http.StatusSwitchingProtocols) {
		w.status, w.wrote = status, true
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *recorder) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// ReadFrom keeps io.Copy onto the connection (sendfile) as fast as it was.
func (w *recorder) ReadFrom(src io.Reader) (int64, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	var n int64
	var err error
	if rf, ok := w.ResponseWriter.(io.ReaderFrom); ok {
		n, err = rf.ReadFrom(src)
	} else {
		n, err = io.Copy(writerOnly{w.ResponseWriter}, src)
	}
	w.bytes += n
	return n, err
}

type writerOnly struct{ io.Writer }

func (w *recorder) Flush() {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// Hijack passes a connection upgrade through, for a wrapper inside the
// edge that asserts http.Hijacker rather than use ResponseController.
func (w *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusSwitchingProtocols, true
	}
	return http.NewResponseController(w.ResponseWriter).Hijack()
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }
