// Package adxtest checks ADX documents against the ADX schema with
// xmllint (Debian's libxml2-utils), for the tests of the packages that
// write and serve them.
package adxtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"payesh/internal/opendata"
)

// Validate fails t unless doc validates against opendata.Schema. Without
// xmllint it skips, saying so — unless CI is set, when it fails: .ci/run
// installs libxml2-utils, so CI cannot pass without the check.
func Validate(t testing.TB, doc []byte) {
	t.Helper()
	if err := Check(t, doc); err != nil {
		t.Errorf("the ADX document does not validate against adx.xsd:\n%v", err)
	}
}

// Check returns xmllint's complaint about doc, or nil when it validates.
func Check(t testing.TB, doc []byte) error {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is not installed, and CI is set: .ci/run installs Debian's libxml2-utils for this test")
		}
		t.Skip("xmllint is not installed (apt-get install libxml2-utils); it checks the ADX export against its schema")
	}
	dir := t.TempDir()
	xsd, file := filepath.Join(dir, "adx.xsd"), filepath.Join(dir, "doc.xml")
	if err := os.WriteFile(xsd, opendata.Schema, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--nonet", "--schema", xsd, file).CombinedOutput()
	if err != nil {
		return &xmllintError{string(out)}
	}
	return nil
}

type xmllintError struct{ out string }

func (e *xmllintError) Error() string { return e.out }
