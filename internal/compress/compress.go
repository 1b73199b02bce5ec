// Package compress gzips text responses — pages, styles, scripts, JSON,
// CSV — for clients that accept it. A desk page of 200–500 KB crosses a
// provincial office's link in a fifth of that; images, PDFs, workbooks and
// fonts are compressed already and pass as they are, as do bodies too
// small to gain. Brotli would save a little more but needs a dependency;
// every browser takes gzip.
package compress

import (
	"bufio"
	"compress/gzip"
	"errors"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Writers compress at gzip's fastest level: a 35 KB page of JSON shrinks
// to a fifth at a tenth of the default level's CPU, and the server's
// cores are what limit the requests a second.
//
// minSize is the smallest body worth compressing: below it gzip's header
// and the CPU cost more than the bytes saved.
const minSize = 1024

var writers = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// Handler gzips next's text responses when the request accepts gzip.
func Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if r.Method == http.MethodHead || !acceptsGzip(r.Header.Get("Accept-Encoding")) || r.Header.Get("Range") != "" {
			next.ServeHTTP(w, r)
			return
		}
		cw := &writer{ResponseWriter: w}
		defer func() {
			// A panic before anything was sent leaves the answer to the
			// recovery outside: what is held is dropped, not sent as a
			// 200.
			if v := recover(); v != nil {
				if cw.gz != nil {
					cw.gz.Reset(nil)
					writers.Put(cw.gz)
				}
				panic(v)
			}
			cw.finish()
		}()
		next.ServeHTTP(cw, r)
	})
}

// acceptsGzip reads Accept-Encoding: gzip, unless its q is zero.
func acceptsGzip(h string) bool {
	for part := range strings.SplitSeq(h, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q, ok := strings.CutPrefix(strings.TrimSpace(params), "q=")
		if !ok {
			return true
		}
		v, err := strconv.ParseFloat(q, 64)
		return err == nil && v > 0
	}
	return false
}

// compressible reports whether a response of this type gains from gzip.
func compressible(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	if strings.HasPrefix(mt, "text/") {
		return true
	}
	switch mt {
	case "application/json", "application/javascript", "application/xml", "image/svg+xml", "application/problem+json":
		return true
	}
	// +csv: SDMX-CSV (application/vnd.sdmx.data+csv), the open-data
	// export, hundreds of megabytes of text at national size.
	return strings.HasSuffix(mt, "+json") || strings.HasSuffix(mt, "+xml") || strings.HasSuffix(mt, "+csv")
}

// writer holds the first bytes of a body until it knows whether to
// compress it: a compressible type, no encoding set by the handler, and
// at least minSize bytes (or a flush, which says more is coming).
type writer struct {
	http.ResponseWriter
	status  int
	buf     []byte
	gz      *gzip.Writer
	decided bool
}

func (w *writer) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *writer) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.decided {
		if w.gz != nil {
			return w.gz.Write(p)
		}
		return w.ResponseWriter.Write(p)
	}
	if len(w.buf)+len(p) < minSize {
		w.buf = append(w.buf, p...)
		return len(p), nil
	}
	// Enough to decide. A page comes in one write of hundreds of KB,
	// from its render buffer: it is decided on and written as it is,
	// not copied first (decide keeps nothing of it).
	if len(w.buf) == 0 {
		w.buf = p
	} else {
		w.buf = append(w.buf, p...)
	}
	if err := w.decide(); err != nil {
		return 0, err
	}
	return len(p), nil
}

// decide starts the response, compressed or not, with what is held.
func (w *writer) decide() error {
	w.decided = true
	h := w.Header()
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", http.DetectContentType(w.buf))
	}
	bodyless := w.status < 200 || w.status == http.StatusNoContent || w.status == http.StatusNotModified
	if !bodyless && len(w.buf) >= minSize && h.Get("Content-Encoding") == "" && compressible(h.Get("Content-Type")) {
		h.Del("Content-Length")
		h.Set("Content-Encoding", "gzip")
		if etag := h.Get("ETag"); etag != "" && !strings.HasPrefix(etag, "W/") {
			h.Set("ETag", "W/"+etag) // the bytes differ from the identity body's
		}
		w.gz = writers.Get().(*gzip.Writer)
		w.gz.Reset(w.ResponseWriter)
	}
	w.ResponseWriter.WriteHeader(w.status)
	buf := w.buf
	w.buf = nil
	if len(buf) == 0 {
		return nil
	}
	var err error
	if w.gz != nil {
		_, err = w.gz.Write(buf)
	} else {
		_, err = w.ResponseWriter.Write(buf)
	}
	return err
}

// finish ends the response: what is still held is written as it is, a
// started gzip stream is closed.
func (w *writer) finish() {
	if !w.decided {
		if w.status == 0 && len(w.buf) == 0 {
			return // the handler wrote nothing; net/http answers 200 empty
		}
		if w.status == 0 {
			w.status = http.StatusOK
		}
		w.decide()
	}
	if w.gz != nil {
		w.gz.Close()
		w.gz.Reset(nil)
		writers.Put(w.gz)
		w.gz = nil
	}
}

// Flush sends what is held: a streaming handler wants it on the wire.
func (w *writer) Flush() {
	if !w.decided {
		if w.status == 0 {
			w.status = http.StatusOK
		}
		w.decide()
	}
	if w.gz != nil {
		w.gz.Flush()
	}
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Hijack passes a connection upgrade through.
func (w *writer) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if h, ok := w.ResponseWriter.(http.Hijacker); ok {
		return h.Hijack()
	}
	return nil, nil, errors.New("compress: the connection cannot be hijacked")
}

// Unwrap lets http.ResponseController reach the connection.
func (w *writer) Unwrap() http.ResponseWriter { return w.ResponseWriter }
