package followup

import (
	"net/url"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// DigestLink is one count of a digest, written for a language, and the
// list that shows what it counts.
type DigestLink struct {
	Key   string `json:"key"` // payesh.DigestOverdue, …
	Count int    `json:"count"`
	Text  string `json:"text"`
	// Href is the list's local address ("/work?overdue=1&unit=7&…").
	Href string `json:"href"`
}

// DigestLinks returns the non-zero counts of a digest notification, in
// payesh.DigestCounts order, each with its text and link; nil for any
// other notification. The work links are the work list filtered as the
// store counted: the user's unit with shared work (include_partner=1),
// overdue, or open and due in the digest's window; the report links go to
// the inbox, which lists the unit's reports and those to review.
func DigestLinks(lang i18n.Lang, n *payesh.Notification) []DigestLink {
	if n.Kind != payesh.NoteDigest {
		return nil
	}
	unit := n.Args["unit"]
	var out []DigestLink
	for _, key := range payesh.DigestCounts {
		count, err := strconv.Atoi(n.Args[key])
		if err != nil || count <= 0 {
			continue
		}
		text := i18n.Format(lang, "ui.note.digest."+key, map[string]string{
			"count": formatCount(lang, int64(count)), "days": formatCount(lang, payesh.DueSoonDays)})
		out = append(out, DigestLink{Key: key, Count: count, Text: text, Href: digestHref(key, unit, n.Args)})
	}
	return out
}

// digestHref is the list a digest count links to.
func digestHref(key, unit string, args map[string]string) string {
	q := url.Values{}
	switch key {
	case payesh.DigestOverdue:
		q.Set("overdue", "1")
	case payesh.DigestDueSoon:
		from, _ := payesh.ParseDate(args["from"])
		to, _ := payesh.ParseDate(args["to"])
		q.Set("due_from", from.JalaliString())
		q.Set("due_to", to.JalaliString())
		open := make([]string, len(payesh.OpenStatuses))
		for i, s := range payesh.OpenStatuses {
			open[i] = string(s)
		}
		q.Set("status", strings.Join(open, ","))
		q.Set("sort", "due_date")
	default:
		return "/inbox"
	}
	if unit != "" && unit != "0" {
		q.Set("unit", unit)
		q.Set("include_partner", "1")
	}
	return "/work?" + q.Encode()
}

// digestMessage is a digest's text: its counts in one sentence.
func digestMessage(lang i18n.Lang, n *payesh.Notification) string {
	links := DigestLinks(lang, n)
	parts := make([]string, len(links))
	for i, l := range links {
		parts[i] = l.Text
	}
	sep := "; "
	if lang == i18n.FA {
		sep = "، "
	}
	return i18n.Format(lang, n.Message, map[string]string{"unit_name": n.Args["unit_name"],
		"summary": strings.Join(parts, sep)})
}

// formatCount writes n with grouped thousands: Persian digits and «٬» in
// Persian, "1,234" in English.
func formatCount(lang i18n.Lang, n int64) string {
	if lang == i18n.FA {
		return jalali.FormatInt(n)
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
