package i18n

import "testing"

func TestFormat(t *testing.T) {
	args := map[string]string{"title": "برنامهٔ {days}", "days": "۳", "due": "۱۴۰۳/۰۵/۱۵"}
	got := Format(FA, "ui.note.work_due_soon", args)
	want := "«برنامهٔ {days}» ۳ روز دیگر، در ۱۴۰۳/۰۵/۱۵، سررسید می‌شود."
	if got != want {
		t.Errorf("Format = %q, want %q", got, want)
	}
	if got := Format(EN, "ui.note.work_due_today", map[string]string{"title": "X"}); got != "“X” is due today, {due}." {
		t.Errorf("missing argument: %q", got)
	}
	if got := Format(FA, "no.such", nil); got != "no.such" {
		t.Errorf("unknown key: %q", got)
	}
}
