package officetest

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The CSV filter's options are tokens: separator, text delimiter and
// character set as numbers — 44 a comma, 34 a double quote, 76 UTF-8 —
// then the first line to read. A person opening the file in LibreOffice
// gets its import dialog with UTF-8 chosen from the byte-order mark; run
// headless, LibreOffice reads no mark and takes the system's character
// set, so the import says UTF-8 itself. Formulas are evaluated, as they
// are by default when a person opens the file, so a cell that should
// have been neutralized shows its result.
const (
	csvIn  = "CSV:44,34,76,1"
	csvOut = "csv:Text - txt - csv (StarCalc):44,34,76,1"
)

// ReadCSV opens the CSV file b in LibreOffice Calc as UTF-8, saves what
// it read as CSV again and returns its cells, row by row, as LibreOffice
// shows them: text as it was if LibreOffice kept it intact, a number or a
// date as Calc formats it, a formula's result. Any failure fails the
// test; without LibreOffice the test is skipped, or failed when CI is
// set.
func ReadCSV(t testing.TB, b []byte) [][]string {
	t.Helper()
	bin, _ := need(t, false)
	dir := t.TempDir()
	in, outDir := filepath.Join(dir, "in.csv"), filepath.Join(dir, "out")
	if err := os.WriteFile(in, b, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck",
		"-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--infilter="+csvIn, "--convert-to", csvOut, "--outdir", outDir, in)
	run(t, cmd, "LibreOffice converting the CSV")
	out, err := os.ReadFile(filepath.Join(outDir, "in.csv"))
	if err != nil {
		t.Fatalf("LibreOffice wrote no CSV: %v", err)
	}
	r := csv.NewReader(bytes.NewReader(out))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("the CSV LibreOffice wrote does not read: %v\n%s", err, out)
	}
	return rows
}
