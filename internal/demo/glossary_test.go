package demo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoSpelling keeps the demo's Persian to the glossary
// (docs/glossary.md), as TestGlossary keeps the catalog: the demo's unit
// names and texts show on the same pages as the catalog's words.
func TestDemoSpelling(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for bad, good := range map[string]string{"اداره کل": "ادارهٔ کل", "موسسه": "مؤسسه"} {
			if n := strings.Count(string(b), bad); n > 0 {
				t.Errorf("%s says «%s» %d times; the glossary says «%s»", f, bad, n, good)
			}
		}
	}
}
