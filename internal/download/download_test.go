package download

import (
	"mime"
	"testing"

	"payesh"
)

func TestContentDisposition(t *testing.T) {
	for _, tt := range []struct {
		name, want string
	}{
		{"report.pdf", `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`},
		{"my report (v2).pdf", `attachment; filename="my report (v2).pdf"; filename*=UTF-8''my%20report%20%28v2%29.pdf`},
		{"a;b,c=d.pdf", `attachment; filename="a;b,c=d.pdf"; filename*=UTF-8''a%3Bb%2Cc%3Dd.pdf`},
		{`q"uote.pdf`, `attachment; filename="evidence-7.pdf"; filename*=UTF-8''q%22uote.pdf`},
		{"سند.docx", `attachment; filename="evidence-7.docx"; filename*=UTF-8''%D8%B3%D9%86%D8%AF.docx`},
		{"100%.pdf", `attachment; filename="evidence-7.pdf"; filename*=UTF-8''100%25.pdf`},
	} {
		got := ContentDisposition(&payesh.Evidence{ID: 7, Name: tt.name})
		if got != tt.want {
			t.Errorf("%q: %s\nwant %s", tt.name, got, tt.want)
		}
		if _, params, err := mime.ParseMediaType(got); err != nil || params["filename"] != tt.name {
			t.Errorf("%q: parsed back as %v (%v)", tt.name, params, err)
		}
	}
}
