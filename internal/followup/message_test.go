package followup_test

import (
	"testing"

	"payesh"
	"payesh/internal/followup"
	"payesh/internal/i18n"
)

func TestMessage(t *testing.T) {
	n := &payesh.Notification{Message: "ui.note.report_overdue",
		Args: map[string]string{"round": "گزارش بهار ۱۴۰۳", "deadline": "2024-07-01", "days": "1234"}}
	if got, want := followup.Message(i18n.FA, n), "گزارش «گزارش بهار ۱۴۰۳» ۱٬۲۳۴ روز از مهلتش (۱۴۰۳/۰۴/۱۱) گذشته و هنوز ارسال نشده است."; got != want {
		t.Errorf("fa: %q, want %q", got, want)
	}
	if got, want := followup.Message(i18n.EN, n), "The report for “گزارش بهار ۱۴۰۳” is 1234 days past its deadline (1403/04/11) and not yet submitted."; got != want {
		t.Errorf("en: %q, want %q", got, want)
	}
}
