// Package officetest runs a real spreadsheet client — LibreOffice Calc,
// headless — over the files Payesh writes, for tests: an office fills the
// downloaded workbook in Excel or LibreOffice, not in our own writer, and
// opens the CSV exports in whatever it has.
//
//   - Edit opens an .xlsx, sets cells through LibreOffice's own API (a
//     Python UNO script) and returns the .xlsx LibreOffice saved.
//   - ReadCSV opens a CSV as UTF-8 and returns the cells LibreOffice read,
//     converted back to text.
//
// Each call starts its own soffice with a throwaway profile and stops it,
// so tests may run them in parallel; a call takes a few seconds. They need
// Debian's libreoffice-calc-nogui (or libreoffice-calc) and, for Edit,
// python3-uno. Without them the test is skipped, saying so — unless the
// environment variable CI is set: .ci/run installs them, and there a
// missing LibreOffice fails the test.
package officetest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// timeout bounds one call: LibreOffice starts in a few seconds, and a
// hung one must not hold the test run.
const timeout = 2 * time.Minute

// install is what to install, for the messages.
const install = "apt-get install libreoffice-calc-nogui python3-uno"

// soffice finds LibreOffice: $PAYESH_SOFFICE, soffice on the PATH, or
// Debian's place for it.
func soffice() string {
	if p := os.Getenv("PAYESH_SOFFICE"); p != "" {
		return p
	}
	if p, err := exec.LookPath("soffice"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/lib/libreoffice/program/soffice"); err == nil {
		return "/usr/lib/libreoffice/program/soffice"
	}
	return ""
}

// python is the Python that has LibreOffice's uno module: python3-uno
// installs it for Debian's own /usr/bin/python3, which a python3 earlier
// on the PATH (pyenv, a virtualenv) lacks. Looked for once.
var python = sync.OnceValue(func() string {
	cands := []string{"/usr/bin/python3"}
	if p, err := exec.LookPath("python3"); err == nil {
		cands = append(cands, p)
	}
	for _, p := range cands {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err := exec.CommandContext(ctx, p, "-c", "import uno").Run()
		cancel()
		if err == nil {
			return p
		}
	}
	return ""
})

// need returns soffice and, when withPython, the Python with uno; it
// skips the test when either is missing, or fails it when CI is set.
func need(t testing.TB, withPython bool) (bin, py string) {
	t.Helper()
	var missing []string
	if bin = soffice(); bin == "" {
		missing = append(missing, "LibreOffice (soffice)")
	}
	if withPython {
		if py = python(); py == "" {
			missing = append(missing, "Python's uno module (python3-uno)")
		}
	}
	if len(missing) == 0 {
		return bin, py
	}
	what := strings.Join(missing, " and ")
	if os.Getenv("CI") != "" {
		t.Fatalf("%s not installed, and CI is set: .ci/run installs them for the tests with a real spreadsheet client (%s)", what, install)
	}
	t.Skipf("%s not installed (%s); this test opens the file in LibreOffice", what, install)
	return "", ""
}
