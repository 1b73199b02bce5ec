package failover

import (
	"encoding/base64"
	"reflect"
	"testing"

	"payesh/internal/mail/mailtest"
)

func TestLost(t *testing.T) {
	in := Written{writeWork: {1: "failover t c0 n1", 2: "failover t c0 n2"}, writeReminder: {7: "failover t c1 n5"}}
	acked := []Write{
		{Kind: writeWork, ID: 1, Text: "failover t c0 n1"},
		{Kind: writeWork, ID: 3, Text: "failover t c0 n3"},     // missing
		{Kind: writeReminder, ID: 7, Text: "failover t c1 n5"}, //
		{Kind: writeReminder, ID: 2, Text: "failover t c0 n2"}, // the id is a program's, not a reminder's
		{Kind: writeWork, ID: 2, Text: "failover t c0 n9"},     // another text under the id
	}
	got := lost(acked, in)
	want := []Write{acked[1], acked[3], acked[4]}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lost = %+v; want %+v", got, want)
	}
}

// email is a message as the mailer sends it: the body base64 in lines
// of 76, Persian digits in the text.
func email(to, body string) mailtest.Message {
	enc := base64.StdEncoding.EncodeToString([]byte(body))
	data := "To: <" + to + ">\r\nContent-Transfer-Encoding: base64\r\n\r\n"
	for len(enc) > 76 {
		data += enc[:76] + "\r\n"
		enc = enc[76:]
	}
	return mailtest.Message{To: []string{to}, Data: data + enc + "\r\n"}
}

func TestEmails(t *testing.T) {
	in := Written{writeWork: {1: "failover ab12 c0 n1"}, writeReminder: {5: "failover ab12 c1 n5"}}
	tests := []struct {
		name string
		msgs []mailtest.Message
		want Emails
	}{
		{"each once, across emails, digits in Persian", []mailtest.Message{
			email("a@x.org", "• یادآوری: failover ab12 c1 n۵\n• کار تازه: «failover ab12 c0 n1»"),
			email("b@x.org", "• failover ab12 c0 n1"),
			email("b@x.org", "• failover ab12 c1 n5"),
		}, Emails{Messages: 3, Expected: 4, Once: 4}},
		{"one missing, one twice, one unknown", []mailtest.Message{
			email("a@x.org", "• failover ab12 c1 n5\n• failover ab12 c0 n1"),
			email("b@x.org", "• failover ab12 c0 n1\n• failover ab12 c3 n8"),
			email("b@x.org", "• failover ab12 c0 n1"),
		}, Emails{Messages: 3, Expected: 4, Once: 2, Missing: 1, Repeated: 1, Unwritten: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := emailedNotes(tt.msgs)
			if err != nil {
				t.Fatal(err)
			}
			if e := checkEmails(in, []string{"a@x.org", "b@x.org"}, got, len(tt.msgs)); e != tt.want {
				t.Errorf("emails = %+v; want %+v", e, tt.want)
			}
		})
	}
}
