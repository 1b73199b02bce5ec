package i18n

import (
	"strings"
	"testing"
)

// glossaryBanned are the Persian spellings docs/glossary.md retires, each
// with the word that replaces it.
var glossaryBanned = map[string]string{
	"محور":         "بند (a clause of the policy; «محور» is kept for research and call axes)",
	"برگشتی":       "برگشت‌خورده",
	"گزارش پیشرفت": "به‌روزرسانی پیشرفت (a work update) or گزارش دوره‌ای (a round's report)",
	"اداره کل":     "ادارهٔ کل",
	"موسسه":        "مؤسسه",
	"ي":            "ی",
	"ك":            "ک",
}

// TestGlossary keeps the retired words out of the catalog's Persian.
func TestGlossary(t *testing.T) {
	for key, m := range catalog {
		for bad, good := range glossaryBanned {
			if strings.Contains(m.fa, bad) && !(bad == "محور" && axisKey(key)) {
				t.Errorf("%s: %q says «%s»; the glossary says %s", key, m.fa, bad, good)
			}
		}
	}
}
