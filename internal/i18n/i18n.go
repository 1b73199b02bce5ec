// Package i18n translates Payesh's message keys into Persian (the default)
// and English. Keys are stable ("err.work.progress"); the domain and the
// transports speak keys, and only the edge turns them into words.
package i18n

import "strings"

// Lang is a supported interface language.
type Lang string

const (
	FA Lang = "fa"
	EN Lang = "en"
)

// T returns the text of key in lang; an unknown key returns itself, so a
// missing translation shows up instead of an empty message.
func T(lang Lang, key string) string {
	m, ok := catalog[key]
	if !ok {
		return key
	}
	if lang == EN {
		return m.en
	}
	return m.fa
}

// Has reports whether key is in the catalog.
func Has(key string) bool {
	_, ok := catalog[key]
	return ok
}

// FromAcceptLanguage picks a language from an Accept-Language header: the
// first of fa or en that appears, Persian when neither does.
func FromAcceptLanguage(h string) Lang {
	for _, part := range strings.Split(h, ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case tag == "fa" || strings.HasPrefix(tag, "fa-"):
			return FA
		case tag == "en" || strings.HasPrefix(tag, "en-"):
			return EN
		}
	}
	return FA
}
