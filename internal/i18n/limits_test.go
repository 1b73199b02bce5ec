package i18n

import (
	"strconv"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/jalali"
)

// TestTooManyIDsSaysTheBound keeps the one message that names a bound in
// step with the bound itself, in both languages.
func TestTooManyIDsSaysTheBound(t *testing.T) {
	n := strconv.Itoa(payesh.MaxIDs)
	if en := T(EN, payesh.KeyTooManyIDs); !strings.Contains(en, n) {
		t.Errorf("English %q does not say %s", en, n)
	}
	if fa := T(FA, payesh.KeyTooManyIDs); !strings.Contains(jalali.ToLatinDigits(fa), n) {
		t.Errorf("Persian %q does not say %s", fa, n)
	}
}
