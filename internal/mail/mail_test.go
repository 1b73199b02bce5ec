package mail_test

import (
	"context"
	"encoding/base64"
	"io"
	"mime"
	"strings"
	"testing"
	"time"

	"payesh/internal/mail"
	"payesh/internal/mail/mailtest"
)

// TestSendPersian sends a Persian message through the sink and reads it
// back the way a mail client would: the subject, the body (with a line
// that starts with a dot, which SMTP must stuff and unstuff) and the
// envelope arrive intact.
func TestSendPersian(t *testing.T) {
	sink := mailtest.New(t)
	m := &mail.Mailer{Addr: sink.Addr(), From: "سامانهٔ پایش <payesh@example.org>"}
	subject := "پایش: ۳ اعلان تازه — گزارش «بهار ۱۴۰۳»"
	body := "مریم گرامی،\nگزارش «بهار ۱۴۰۳» ۱۲ روز از مهلتش گذشته است.\n.این سطر با نقطه آغاز می‌شود\n"
	if err := m.Send(context.Background(), "maryam@example.org", subject, body); err != nil {
		t.Fatal(err)
	}
	msgs := sink.Messages()
	if len(msgs) != 1 {
		t.Fatalf("sink got %d messages, want 1", len(msgs))
	}
	got := msgs[0]
	if got.From != "payesh@example.org" || len(got.To) != 1 || got.To[0] != "maryam@example.org" {
		t.Errorf("envelope %q → %q", got.From, got.To)
	}
	for _, line := range strings.Split(got.Data, "\r\n") {
		for _, r := range line {
			if r > 127 {
				t.Fatalf("non-ASCII on the wire: %q", line)
			}
		}
	}
	msg, err := got.Parse()
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	if s, err := dec.DecodeHeader(msg.Header.Get("Subject")); err != nil || s != subject {
		t.Errorf("subject %q (%v), want %q", s, err, subject)
	}
	if from, err := msg.Header.AddressList("From"); err != nil || len(from) != 1 || from[0].Name != "سامانهٔ پایش" {
		t.Errorf("From %v (%v)", from, err)
	}
	if ct := msg.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	raw, _ := io.ReadAll(msg.Body)
	text, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(string(raw), "\r\n", ""))
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.ReplaceAll(body, "\n", "\r\n"); string(text) != want {
		t.Errorf("body %q, want %q", text, want)
	}
}

// TestSendFailures: a refusing relay, an unreachable one and a header
// injection attempt are errors, not silent losses.
func TestSendFailures(t *testing.T) {
	sink := mailtest.New(t)
	sink.SetReject(true)
	m := &mail.Mailer{Addr: sink.Addr(), From: "payesh@example.org"}
	if err := m.Send(context.Background(), "a@example.org", "s", "b"); err == nil {
		t.Error("a refused message gave no error")
	}
	if err := m.Send(context.Background(), "a@example.org", "s\r\nBcc: x@example.org", "b"); err == nil {
		t.Error("a subject with a line break was sent")
	}
	if err := m.Send(context.Background(), "not an address", "s", "b"); err == nil {
		t.Error("a bad address was sent")
	}
	dead := &mail.Mailer{Addr: "127.0.0.1:1", From: "payesh@example.org", Timeout: 2 * time.Second}
	if err := dead.Send(context.Background(), "a@example.org", "s", "b"); err == nil {
		t.Error("an unreachable relay gave no error")
	}
	if n := len(sink.Messages()); n != 0 {
		t.Errorf("sink kept %d messages", n)
	}
}
