package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"payesh/internal/i18n"
)

// nastyNext are after-sign-in addresses that must never leave the site;
// every one of them becomes "/".
var nastyNext = []string{
	"", "evil.host", "ok", "./ok", "../ok",
	"//evil.host", "///evil.host", "////evil.host", "//evil.host/ok",
	"/\\evil.host", "\\\\evil.host", "\\/evil.host", "/ok\\..\\..\\evil",
	"/%5Cevil.host", "/%5cevil.host", "%5C%5Cevil.host", "/%255Cevil.host",
	"%2F%2Fevil.host", "%2f%2fevil.host", "/%2F/evil.host", "/%2fevil.host/..", "/%252F/evil.host",
	"/\t/evil.host", "/%09/evil.host", "/%2509/evil.host", "/%252509/evil.host",
	"/\n/evil.host", "/%0a/evil.host", "/%0A/evil.host", "/%0d%0a/evil.host", "/ok%0d%0aSet-Cookie:x=1",
	"/\r/evil.host", "/ok\x00", "/ok%00", "/\x7f/evil.host", "/%7f/evil.host",
	" /ok", "/ok ", "/ok%20x", "/ok%2520x", "/ok?q=a%20b", "/ok#a%09b", "/\u00a0/evil.host", "/%C2%A0/evil.host",
	"/\u2028/evil.host", "/%E2%80%A8/evil.host", "/%ff/evil.host", "/\xff",
	"https://evil.host", "http://evil.host/ok", "HTTPS://evil.host", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
	"data:text/html,x", "mailto:a@evil.host", "//user@evil.host", "/ok@evil.host:80\\x",
	"https:/evil.host", "https:evil.host", "http:\\\\evil.host", "%68ttps://evil.host",
	strings.Repeat("/a", 2000),
}

// goodNext are same-site paths kept as they are.
var goodNext = []string{
	"/", "/ok", "/ok?x=1#f", "/work?unit=3&status=open&sort=due", "/work/12?flash=ui.work.flash.updated#evidence",
	"/work?q=%DA%AF%D8%B2%D8%A7%D8%B1%D8%B4", "/work?q=a+b", "/reports/7?x=50%25", "/a/b/../c", "/ok:80",
	"/notifications?back=%2Fwork", "/ok?next=//evil.host",
}

func TestSafeNext(t *testing.T) {
	for _, in := range nastyNext {
		if got := safeNext(in); got != "/" {
			t.Errorf("safeNext(%q) = %q, want /", in, got)
		}
	}
	for _, in := range goodNext {
		if got := safeNext(in); got != in {
			t.Errorf("safeNext(%q) = %q, want it kept", in, got)
		}
	}
}

func TestLenientUnescape(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "/a": "/a", "%2F%2f": "//", "50%": "50%", "50%2": "50%2", "%zz%41": "%zzA", "%%41": "%A", "%2509": "%09",
	} {
		if got := lenientUnescape(in); got != want {
			t.Errorf("lenientUnescape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFlashKeysAccepted finds every flash key the web package writes into
// an address and checks that the banner accepts it, so tightening the
// banner cannot silence one; keys it must refuse are refused.
func TestFlashKeysAccepted(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`ui\.[a-z0-9_.]*\.flash\.[a-z0-9_]+`)
	seen := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range key.FindAllString(string(b), -1) {
			seen[k] = true
		}
	}
	if len(seen) < 30 {
		t.Fatalf("found only %d flash keys; is the scan looking in the right place?", len(seen))
	}
	for k := range seen {
		if flashKey(k) != k {
			t.Errorf("flash key %q is refused", k)
		}
	}
	for _, k := range []string{
		"", "anything-you-like", "ui.login.title", "err.login", "ui.fake.flash.made_up", "ui.work.flash.",
		"ui.work.flash.updated ", " ui.work.flash.updated", "UI.WORK.FLASH.UPDATED", "ui.work.flash.updated\n",
		"ui.work.flash.updated.extra", "flash.ui.work.updated", "<b>ui.work.flash.updated</b>",
	} {
		if got := flashKey(k); got != "" {
			t.Errorf("flashKey(%q) = %q, want refused", k, got)
		}
	}
}

func TestThrottleMessage(t *testing.T) {
	for _, c := range []struct {
		wait   time.Duration
		fa, en string
	}{
		{time.Millisecond, "۱ ثانیه", "in 1 second."},
		{time.Second, "۱ ثانیه", "in 1 second."},
		{1500 * time.Millisecond, "۲ ثانیه", "in 2 seconds."},
		{59 * time.Second, "۵۹ ثانیه", "in 59 seconds."},
		{60 * time.Second, "۱ دقیقه", "in 1 minute."},
		{61 * time.Second, "۲ دقیقه", "in 2 minutes."},
		{15 * time.Minute, "۱۵ دقیقه", "in 15 minutes."},
	} {
		fa, en := throttleMessage(i18n.FA, c.wait), throttleMessage(i18n.EN, c.wait)
		if !strings.Contains(fa, "لطفاً "+c.fa+" دیگر دوباره تلاش کنید") || strings.ContainsAny(fa, "0123456789") {
			t.Errorf("%v: %q", c.wait, fa)
		}
		if !strings.HasSuffix(en, c.en) {
			t.Errorf("%v: %q", c.wait, en)
		}
	}
}
