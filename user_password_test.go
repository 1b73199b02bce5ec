package payesh_test

import (
	"strings"
	"testing"

	"payesh"
	"payesh/internal/i18n"
)

// TestValidatePassword: the policy refuses short, common, patterned
// passwords and the username, each with its own message, in Persian and
// in English.
func TestValidatePassword(t *testing.T) {
	const (
		common   = "این گذرواژه بسیار رایج است و به‌آسانی حدس زده می‌شود؛ گذرواژهٔ دیگری برگزینید."
		pattern  = "گذرواژه نباید یک نویسهٔ تکراری، چند نویسهٔ پشت‌سرهم تکرارشده یا دنباله‌ای ساده مانند ۱۲۳۴۵۶۷۸۹۰ یا abcdefghij باشد."
		username = "گذرواژه نباید نام کاربری را در بر داشته باشد."
		short    = "گذرواژه باید دست‌کم ۱۰ نویسه باشد."
	)
	for _, tt := range []struct {
		name, pw, user string
		want           string // Persian message; "" for accepted
	}{
		{"one character repeated", "aaaaaaaaaa", "maryam", pattern},
		{"digits in order", "1234567890", "maryam", pattern},
		{"Persian digits in order", "۱۲۳۴۵۶۷۸۹۰", "maryam", pattern},
		{"letters backwards", "jihgfedcba", "maryam", pattern},
		{"a pair repeated", "abababababab", "maryam", pattern},
		{"keyboard row", "qwertyuiop", "maryam", common},
		{"word and digits", "password123", "maryam", common},
		{"keyboard columns", "1qaz2wsx3edc", "maryam", common},
		{"capitals do not help", "Password123", "maryam", common},
		{"city and year", "Tehran1403", "maryam", common},
		{"equal to the username", "secretariat", "secretariat", username},
		{"the username, capitalized", "Secretariat", "secretariat", username},
		{"holding the username", "my-secretariat-pass", "secretariat", username},
		{"holding it without its dot", "ReporterOne!2024", "reporter.one", username},
		{"the username as typed", "maryam.k-secret", " Maryam.K ", username},
		{"short", "kotah", "maryam", short},
		{"a passphrase", "correct horse battery", "maryam", ""},
		{"the demo's", "payesh-demo-1401", "admin", ""},
		{"Persian words", "گذرواژهٔ بلند و امن", "maryam", ""},
		{"a two-letter username inside by chance", "a cabbage grows slowly", "ab", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := payesh.ValidatePassword(tt.pw, tt.user)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e, ok := err.(*payesh.Error)
			if !ok || e.Code != payesh.EINVALID {
				t.Fatalf("error %v; want invalid", err)
			}
			key := e.Fields["password"]
			if got := i18n.T(i18n.FA, key); got != tt.want {
				t.Errorf("message %q (%s); want %q", got, key, tt.want)
			}
			if en := i18n.T(i18n.EN, key); en == key || strings.ContainsAny(en, "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی") {
				t.Errorf("English message %q", en)
			}
		})
	}
}
