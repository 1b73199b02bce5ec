package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEveryKeyTranslated scans the module's Go sources for message keys and
// fails on any the catalog lacks, so no user ever sees a raw key.
func TestEveryKeyTranslated(t *testing.T) {
	key := regexp.MustCompile(`"((?:err|ui)\.[a-z0-9_.]*[a-z0-9_])"`)
	root := "../.."
	seen := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		source := strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".html")
		if d.IsDir() || !source || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			seen++
			if strings.HasSuffix(m[1], ".") {
				continue
			}
			if !Has(m[1]) {
				t.Errorf("%s: key %q has no translation", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 10 {
		t.Fatalf("found only %d keys; is the scan looking in the right place?", seen)
	}
}

func TestCatalogComplete(t *testing.T) {
	for k, m := range catalog {
		if m.fa == "" || m.en == "" {
			t.Errorf("%s: missing a language", k)
		}
		if strings.ContainsAny(m.fa, "يك") {
			t.Errorf("%s: Arabic yeh or kaf in Persian text", k)
		}
	}
}

func TestFromAcceptLanguage(t *testing.T) {
	for h, want := range map[string]Lang{
		"":                      FA,
		"en":                    EN,
		"en-US,en;q=0.9":        EN,
		"fa-IR,fa;q=0.9,en;q=0": FA,
		"de, en;q=0.5":          EN,
		"de":                    FA,
	} {
		if got := FromAcceptLanguage(h); got != want {
			t.Errorf("FromAcceptLanguage(%q) = %s, want %s", h, got, want)
		}
	}
	if T(EN, "err.forbidden") == T(FA, "err.forbidden") {
		t.Error("languages not distinguished")
	}
	if T(FA, "no.such") != "no.such" {
		t.Error("unknown key should return itself")
	}
}
