package payesh

import (
	"encoding/json"
	"testing"
)

func TestDateJSON(t *testing.T) {
	var v struct {
		D Date `json:"d"`
	}
	for _, tt := range []struct {
		in, out string
		err     bool
	}{
		{`{"d":"2022-04-10"}`, `{"d":"2022-04-10"}`, false},
		{`{"d":null}`, `{"d":null}`, false},
		{`{"d":""}`, `{"d":null}`, false},
		{`{"d":"1401/01/21"}`, "", true},
		{`{"d":"2022-02-30"}`, "", true},
		{`{"d":20220410}`, "", true},
	} {
		v.D = Date{}
		err := json.Unmarshal([]byte(tt.in), &v)
		if (err != nil) != tt.err {
			t.Errorf("%s: err %v", tt.in, err)
			continue
		}
		if tt.err {
			continue
		}
		b, _ := json.Marshal(v)
		if string(b) != tt.out {
			t.Errorf("%s → %s, want %s", tt.in, b, tt.out)
		}
	}
	if NewDate(2022, 4, 10).JalaliString() != "1401/01/21" {
		t.Error("Jalali of the policies' issue date")
	}
}

func TestNormalizeText(t *testing.T) {
	if got := NormalizeText("  كميته ي رفاه "); got != "کمیته ی رفاه" {
		t.Fatalf("got %q", got)
	}
}
