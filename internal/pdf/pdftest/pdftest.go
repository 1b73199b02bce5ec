// Package pdftest reads the text of PDFs in tests, with poppler's
// pdftotext, so tests can check that printed Persian came out right.
package pdftest

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Text returns the text of a PDF, made plain; the test is skipped without
// pdftotext, unless CI is set (.ci/run installs poppler-utils).
func Text(t testing.TB, data []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) is needed when CI is set")
		}
		t.Skip("pdftotext not found; apt-get install poppler-utils to check the PDF's text")
	}
	cmd := exec.Command(bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return Plain(string(out))
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
