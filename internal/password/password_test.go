package password

import (
	"strings"
	"testing"
)

func TestHashVerify(t *testing.T) {
	fast := Params{Time: 1, Memory: 1024, Threads: 1}
	h, err := Hash("گذرواژهٔ-درست-۱۲۳", fast)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Fatalf("unexpected encoding %q", h)
	}
	h2, _ := Hash("گذرواژهٔ-درست-۱۲۳", fast)
	if h == h2 {
		t.Fatal("two hashes of one password share a salt")
	}
	tests := []struct {
		pw, hash string
		ok       bool
		err      bool
	}{
		{"گذرواژهٔ-درست-۱۲۳", h, true, false},
		{"گذرواژهٔ-نادرست", h, false, false},
		{"", h, false, false},
		{"x", "$bcrypt$abc", false, true},
		{"x", "$argon2id$v=19$m=1024,t=1,p=1$!!$!!", false, true},
		{"x", "", false, true},
	}
	for _, tt := range tests {
		ok, err := Verify(tt.pw, tt.hash)
		if ok != tt.ok || (err != nil) != tt.err {
			t.Errorf("Verify(%q, %q) = %v, %v; want %v, err=%v", tt.pw, tt.hash, ok, err, tt.ok, tt.err)
		}
	}
}
