package password

import "testing"

// TestCommonListIsGenerated: the committed common.txt is what gencommon
// writes today, so a pattern changed without `go generate` fails here.
func TestCommonListIsGenerated(t *testing.T) {
	if commonText != GenerateCommon() {
		t.Fatal("common.txt is stale: run go generate ./internal/password/")
	}
	if n := CommonCount(); n < 3000 {
		t.Errorf("the list has %d passwords; want a few thousand at least", n)
	}
}

func TestIsCommon(t *testing.T) {
	for _, tt := range []struct {
		pw   string
		want bool
	}{
		{"password123", true},
		{"Password123", true},
		{"PASSWORD123", true},
		{"1qaz2wsx3edc", true},
		{"1QAZ2WSX3EDC", true},
		{"qwertyuiop", true},
		{"poiuytrewq", true},
		{"1234567890", true},
		{"۱۲۳۴۵۶۷۸۹۰", true}, // Persian digits read as Latin
		{"iloveyou123", true},
		{"tehran1403", true},
		{"mohammad1360", true},
		{"payesh12345", true},
		{"esteghlal1402", true},
		{"09121234567", true},
		{"pass word 123", true}, // spaces do not help
		{"zaq12wsx!", true},
		{"ایران123456", true},
		{"correct horse battery", false},
		{"payesh-demo-1401", false},
		{"گذرواژهٔ بلند و امن", false},
		{"a brand new phrase", false},
		{"long enough password", false},
		{"Bx-3f9a0c1d2e", false},
	} {
		if got := IsCommon(tt.pw); got != tt.want {
			t.Errorf("IsCommon(%q) = %v, want %v", tt.pw, got, tt.want)
		}
	}
}

func TestIsTrivial(t *testing.T) {
	for _, tt := range []struct {
		pw   string
		want bool
	}{
		{"aaaaaaaaaa", true},
		{"AAAAAAAAAA", true},
		{"۱۱۱۱۱۱۱۱۱۱", true},
		{"zzzzzzzzzzzzzzzzzzzz", true},
		{"ababababab", true},
		{"abcabcabcabc", true},
		{"1q2w1q2w1q2w", true},
		{"1234567890", true},
		{"0123456789", true},
		{"5678901234", true}, // digits run on from 9 to 0
		{"9876543210", true},
		{"0987654321", true},
		{"abcdefghij", true},
		{"ABCDEFGHIJKL", true},
		{"jihgfedcba", true},
		{"klmnopqrst", true},
		{"abcdeabcde", false}, // a period of five is the list's business
		{"1234567899", false},
		{"abcdefghik", false},
		{"a1b2c3d4e5", false},
		{"correct horse battery", false},
		{"payesh-demo-1401", false},
		{"", false},
	} {
		if got := IsTrivial(tt.pw); got != tt.want {
			t.Errorf("IsTrivial(%q) = %v, want %v", tt.pw, got, tt.want)
		}
	}
}

func TestContainsUsername(t *testing.T) {
	for _, tt := range []struct {
		pw, username string
		want         bool
	}{
		{"reporter", "reporter", true},
		{"REPORTER", "reporter", true},
		{"my-reporter-2024", "reporter", true},
		{"Reporter.One.Secret", "reporter.one", true},
		{"ReporterOne2024!!", "reporter.one", true},
		{"reporter one and more", "reporter.one", true},
		{"ab", "ab", true},                  // a two-letter name only when equal
		{"a cabbage is green", "ab", false}, // …not when it occurs by chance
		{"alireza-is-here", "ali", true},    // three letters and more count
		{"correct horse battery", "viewer", false},
		{"payesh-demo-1401", "admin", false},
		{"anything at all", "", false},
	} {
		if got := ContainsUsername(tt.pw, tt.username); got != tt.want {
			t.Errorf("ContainsUsername(%q, %q) = %v, want %v", tt.pw, tt.username, got, tt.want)
		}
	}
}
