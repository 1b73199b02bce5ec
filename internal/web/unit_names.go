package web

import (
	"strings"

	"payesh"
	"payesh/internal/i18n"
)

// unitShortName is a province's name without what every province's name
// repeats: «اداره کل تأمین اجتماعی استان اصفهان» is «اصفهان», the
// directorate of East Tehran «شرق تهران». A name of another shape stays
// whole. Where provinces stand side by side — a chart's bars, a matrix's
// rows — the repeated words only push the one that differs out of sight;
// the full name stays in the link's title or the unit's page.
func unitShortName(lang i18n.Lang, u *payesh.OrgUnit) string {
	if lang == i18n.EN && u.NameEN != "" {
		s := strings.TrimPrefix(u.NameEN, "Social Security Directorate-General, ")
		return strings.TrimSpace(strings.TrimSuffix(s, " Province"))
	}
	s := u.NameFA
	for _, prefix := range []string{"اداره کل تأمین اجتماعی ", "ادارهٔ کل تأمین اجتماعی ", "اداره‌کل تأمین اجتماعی "} {
		s = strings.TrimPrefix(s, prefix)
	}
	s = strings.TrimPrefix(s, "استان ")
	s = strings.ReplaceAll(s, " استان ", " ")
	if s = strings.TrimSpace(s); s == "" {
		return u.NameFA
	}
	return s
}
