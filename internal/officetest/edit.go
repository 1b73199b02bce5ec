package officetest

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// editScript drives LibreOffice over its UNO bridge; see its header.
//
//go:embed edit.py
var editScript []byte

// A Change is one cell set in LibreOffice: a number, a text, or emptied.
// Make one with Number, Text or Empty.
type Change struct {
	Sheet  string  `json:"sheet"` // the sheet's name, as its tab shows it
	Cell   string  `json:"cell"`  // "E7"
	Kind   string  `json:"kind"`  // "number", "text" or "empty"
	Number float64 `json:"number"`
	Text   string  `json:"text,omitempty"`
}

// Number sets a cell to a number, as typing 1450 does.
func Number(sheet, cell string, v float64) Change {
	return Change{Sheet: sheet, Cell: cell, Kind: "number", Number: v}
}

// Text sets a cell to text, whatever it reads as: a Persian number
// («۱۲۳»), which LibreOffice keeps as text, or "1,250" typed with a
// leading apostrophe — a number stored as text.
func Text(sheet, cell, s string) Change {
	return Change{Sheet: sheet, Cell: cell, Kind: "text", Text: s}
}

// Empty clears a cell, as the Delete key does.
func Empty(sheet, cell string) Change {
	return Change{Sheet: sheet, Cell: cell, Kind: "empty"}
}

// Edit opens the workbook xlsx in LibreOffice Calc, makes the changes in
// order, saves it as Excel 2007–365 (the "Calc MS Excel 2007 XML" filter,
// what "Keep current format" writes) and returns the file LibreOffice
// wrote. Any failure fails the test; without LibreOffice and python3-uno
// the test is skipped, or failed when CI is set.
func Edit(t testing.TB, xlsx []byte, changes ...Change) []byte {
	t.Helper()
	bin, py := need(t, true)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.xlsx"), filepath.Join(dir, "out.xlsx")
	script := filepath.Join(dir, "edit.py")
	for name, b := range map[string][]byte{in: xlsx, script: editScript} {
		if err := os.WriteFile(name, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if changes == nil {
		changes = []Change{}
	}
	req, err := json.Marshal(map[string]any{"soffice": bin, "profile": filepath.Join(dir, "profile"),
		"in": in, "out": out, "edits": changes})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, script)
	cmd.Stdin = bytes.NewReader(req)
	run(t, cmd, "LibreOffice editing the workbook")
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("LibreOffice saved no workbook: %v", err)
	}
	return b
}
