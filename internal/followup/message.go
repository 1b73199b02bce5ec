package followup

import (
	"strconv"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// dateArgs are the notification arguments that hold ISO dates.
var dateArgs = map[string]bool{"due": true, "deadline": true}

// numberArgs are the arguments that hold counts.
var numberArgs = map[string]bool{"days": true, "count": true}

// Message returns a notification's text in lang: dates as Jalali (with
// Persian digits in Persian), counts in the language's digits. The web
// pages and the email use it alike, so a notification reads the same
// wherever it is seen.
func Message(lang i18n.Lang, n *payesh.Notification) string {
	if n.Kind == payesh.NoteDigest {
		return digestMessage(lang, n)
	}
	return i18n.Format(lang, n.Message, FormatArgs(lang, n.Args))
}

// FormatArgs returns args with dates and counts written for lang.
func FormatArgs(lang i18n.Lang, args map[string]string) map[string]string {
	out := make(map[string]string, len(args))
	for k, v := range args {
		switch {
		case dateArgs[k]:
			if d, err := payesh.ParseDate(v); err == nil && !d.IsZero() {
				v = d.JalaliString()
			}
			if lang == i18n.FA {
				v = jalali.ToPersianDigits(v)
			}
		case stageArgs[k]:
			v = i18n.T(lang, "ui.research.stage."+v)
		case numberArgs[k]:
			if lang == i18n.FA {
				if n, err := strconv.ParseInt(v, 10, 64); err == nil {
					v = jalali.FormatInt(n)
				}
			}
		}
		out[k] = v
	}
	return out
}
