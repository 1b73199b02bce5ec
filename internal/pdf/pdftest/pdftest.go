// Package pdftest reads PDFs in tests with poppler's tools — their text
// (pdftotext), their page count (pdfinfo), their first page as a picture
// (pdftoppm) — so tests can check that printed Persian came out right.
package pdftest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Text returns the text of a PDF, made plain; the test is skipped without
// pdftotext, unless CI is set (.ci/run installs poppler-utils).
func Text(t testing.TB, data []byte) string {
	t.Helper()
	return text(t, data)
}

// PageText returns the text of page n (from 1) of a PDF, made plain.
func PageText(t testing.TB, data []byte, n int) string {
	t.Helper()
	page := strconv.Itoa(n)
	return text(t, data, "-f", page, "-l", page)
}

// text runs pdftotext with the options, from standard input to standard
// output.
func text(t testing.TB, data []byte, options ...string) string {
	t.Helper()
	args := append(append([]string{"-enc", "UTF-8"}, options...), "-", "-")
	cmd := exec.Command(poppler(t, "pdftotext"), args...)
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return Plain(string(out))
}

// Pages returns the number of pages of a PDF, as poppler's pdfinfo reads it.
func Pages(t testing.TB, data []byte) int {
	t.Helper()
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(poppler(t, "pdfinfo"), file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo names no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// FirstPagePNG draws the first page of a PDF, width pixels wide, into the
// PNG file png, with poppler's pdftoppm: the picture of a printed
// document that the README shows.
func FirstPagePNG(t testing.TB, data []byte, width int, png string) {
	t.Helper()
	cmd := exec.Command(poppler(t, "pdftoppm"), "-png", "-f", "1", "-l", "1", "-singlefile",
		"-scale-to-x", strconv.Itoa(width), "-scale-to-y", "-1", "-", strings.TrimSuffix(png, ".png"))
	cmd.Stdin = bytes.NewReader(data)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
}

// poppler finds one of poppler's tools; the test is skipped without it,
// unless CI is set (.ci/run installs poppler-utils).
func poppler(t testing.TB, name string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s (poppler-utils) is needed when CI is set", name)
		}
		t.Skipf("%s not found; apt-get install poppler-utils to check PDFs", name)
	}
	return bin
}

// Plain drops what pdftotext cannot be trusted with: the direction marks
// it wraps right-to-left runs in, and the hamza above (ٔ), which it puts
// after the letter that follows. Compare expected text made Plain too.
func Plain(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u200e', r == '\u200f', r == '\u0654':
			return -1
		}
		return r
	}, s)
}
