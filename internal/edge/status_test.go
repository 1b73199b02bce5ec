package edge

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"payesh"
)

// errorCodes reads every error code the root package declares: the
// string constants named E followed by capitals (EINVALID, ESELFREVIEW…),
// wherever in the package they are, so that a code added later is seen.
func errorCodes(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("../../*.go")
	if err != nil {
		t.Fatal(err)
	}
	name := regexp.MustCompile(`^E[A-Z]+$`)
	codes := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		if file.Name.Name != "payesh" {
			continue
		}
		for _, decl := range file.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.CONST {
				continue
			}
			for _, spec := range gen.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if !name.MatchString(id.Name) || i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					v, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					codes[id.Name] = v
				}
			}
		}
	}
	return codes
}

// TestEveryCodeHasAStatus: every error code of the domain has its own
// entry in the one table both doors answer with, and the statuses the
// contract states hold.
func TestEveryCodeHasAStatus(t *testing.T) {
	codes := errorCodes(t)
	if len(codes) < 11 {
		t.Fatalf("found only %d error codes (%v); the parser missed some", len(codes), codes)
	}
	for name, code := range codes {
		if _, ok := statusByCode[code]; !ok {
			t.Errorf("payesh.%s (%q) has no HTTP status in statusByCode", name, code)
		}
	}
	if len(statusByCode) != len(codes) {
		t.Errorf("statusByCode has %d codes, the domain declares %d", len(statusByCode), len(codes))
	}
	for code, want := range map[string]int{
		payesh.EINVALID:      http.StatusBadRequest,
		payesh.EUNAUTHORIZED: http.StatusUnauthorized,
		payesh.EFORBIDDEN:    http.StatusForbidden,
		payesh.ENOTFOUND:     http.StatusNotFound,
		payesh.ECONFLICT:     http.StatusConflict,
		payesh.ERATELIMITED:  http.StatusTooManyRequests,
		payesh.EINTERNAL:     http.StatusInternalServerError,
		payesh.EINCOMPLETE:   http.StatusBadRequest,
		payesh.EREQUIRED:     http.StatusBadRequest,
		payesh.EREVIEWED:     http.StatusConflict,
		payesh.ESELFREVIEW:   http.StatusForbidden,
		"no_such_code":       http.StatusInternalServerError,
		"":                   http.StatusInternalServerError,
	} {
		if got := Status(code); got != want {
			t.Errorf("Status(%q) = %d, want %d", code, got, want)
		}
	}
}
