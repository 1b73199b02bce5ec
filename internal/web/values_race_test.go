package web

import (
	"fmt"
	"testing"

	"payesh"
	"payesh/internal/i18n"
)

// TestValuesConflictBeside: when the store refuses a cell that someone
// saved or approved between the grid's own check and the write, the
// message goes beside that cell, with the value as it is now, and the
// cell takes the new fingerprint so that saving again is a knowing
// overwrite; an approved cell becomes read-only.
func TestValuesConflictBeside(t *testing.T) {
	tests := []struct {
		name       string
		cur        *payesh.IndicatorValue
		wantErr    string
		wantLocked bool
	}{
		{"saved meanwhile", &payesh.IndicatorValue{Value: 20, Version: 3, State: payesh.ValueDraft},
			fmt.Sprintf(i18n.T(i18n.FA, "ui.values.changed"), "۲۰"), false},
		{"approved meanwhile", &payesh.IndicatorValue{Value: 20, Version: 3, State: payesh.ValueApproved},
			i18n.T(i18n.FA, "err.indicator.value_locked"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cells := []*valuesCell{{Orig: "x"}, {Orig: "y", Value: "22"}}
			err := &payesh.Error{Code: payesh.ECONFLICT, Message: "err.indicator.value_changed",
				Fields: map[string]string{"values.1.version": "err.indicator.value_changed"}, Current: tt.cur}
			if !valuesConflictBeside(i18n.FA, cells, err) {
				t.Fatal("the conflict was not placed beside a cell")
			}
			c := cells[1]
			if c.Err != tt.wantErr || c.Locked != tt.wantLocked || c.saved != tt.cur || c.Value != "22" {
				t.Errorf("cell: err %q locked %v saved %v value %q", c.Err, c.Locked, c.saved, c.Value)
			}
			if !tt.wantLocked && c.Orig != valuesPrint(20, "", "") {
				t.Errorf("fingerprint %q, want the current value's", c.Orig)
			}
			if cells[0].Err != "" || cells[0].Orig != "x" {
				t.Errorf("the other cell changed: %+v", cells[0])
			}
		})
	}
	// A conflict that names no cell stays above the grid.
	if valuesConflictBeside(i18n.FA, []*valuesCell{{}}, payesh.Conflict(nil)) {
		t.Error("a conflict without a cell was placed beside one")
	}
}
