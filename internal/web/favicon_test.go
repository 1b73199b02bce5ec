package web_test

import (
	"bytes"
	"image/png"
	"io"
	"net/http"
	"testing"
)

// TestFavicon: /favicon.ico is an ICO holding a 32 × 32 PNG, and every
// page links the SVG mark.
func TestFavicon(t *testing.T) {
	s := newPASite(t)
	resp, err := http.Get(s.srv.URL + "/favicon.ico")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/x-icon" || !bytes.HasPrefix(b, []byte{0, 0, 1, 0, 1, 0, 32, 32}) {
		t.Fatalf("favicon.ico: %d %s % x", resp.StatusCode, resp.Header.Get("Content-Type"), b[:min(len(b), 8)])
	}
	img, err := png.Decode(bytes.NewReader(b[22:]))
	if err != nil || img.Bounds().Dx() != 32 {
		t.Fatalf("the icon's PNG: %v", err)
	}
	login := s.anonymous().get("/login").must(t, "/login", http.StatusOK)
	login.has(t, "/login", `<link rel="icon" href="/static/favicon.svg?v=`)
	if r, err := http.Get(s.srv.URL + "/static/favicon.svg"); err != nil || r.StatusCode != http.StatusOK {
		t.Fatalf("favicon.svg: %v %v", r, err)
	}
}
