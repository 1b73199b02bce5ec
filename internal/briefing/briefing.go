// Package briefing lays out, as export tables (internal/export), what
// people put in briefings: the work list with its filters, the
// scorecard, the province comparison and a round's units. The web pages
// and the API export the same tables from the same rows, so that a file
// downloaded from /work?format=xlsx and one fetched from
// /api/v1/work-items?format=xlsx say the same thing in the same words.
//
// Every table is built in the reader's language: Persian right to left
// with Persian digits in dates, or English left to right.
package briefing

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/export"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// newTable is a table in lang: its direction and digits.
func newTable(lang i18n.Lang, sheetKey, title string, notes []string) export.Table {
	return export.Table{Sheet: i18n.T(lang, sheetKey), Title: title, Notes: notes,
		RTL: lang == i18n.FA, PersianDigits: lang == i18n.FA}
}

// digits shows s in lang's digits.
func digits(lang i18n.Lang, s string) string {
	if lang == i18n.FA {
		return jalali.ToPersianDigits(s)
	}
	return s
}

// count is a whole number as a person reads it in lang: "۱۰۰٬۰۰۰",
// "100,000".
func count(lang i18n.Lang, n int) string {
	if lang == i18n.FA {
		return jalali.FormatInt(int64(n))
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// list joins names as lang does: «الف، ب», "a, b".
func list(lang i18n.Lang, names []string) string {
	if lang == i18n.FA {
		return strings.Join(names, "، ")
	}
	return strings.Join(names, ", ")
}

// pick is the name in lang, the Persian one when there is no English.
func pick(lang i18n.Lang, fa, en string) string {
	if lang == i18n.EN && en != "" {
		return en
	}
	return fa
}

// UnitName is a unit's name in lang; "" for none.
func UnitName(lang i18n.Lang, u *payesh.OrgUnit) string {
	if u == nil {
		return ""
	}
	return pick(lang, u.NameFA, u.NameEN)
}

// Column headers that add to a shown one: «سررسید (میلادی)»,
// «پیشرفت (٪)».
func gregorian(lang i18n.Lang, key string) string {
	return fmt.Sprintf(i18n.T(lang, "ui.export.gregorian"), i18n.T(lang, key))
}

func percent(lang i18n.Lang, key string) string {
	return fmt.Sprintf(i18n.T(lang, "ui.export.percent"), i18n.T(lang, key))
}

// Titled is a title with the day the file was made: «فهرست کارها —
// تهیه‌شده در ۱۴۰۳/۰۵/۱۰».
func Titled(lang i18n.Lang, title string, today payesh.Date) string {
	return title + " — " + digits(lang, fmt.Sprintf(i18n.T(lang, "ui.export.generated"), today.JalaliString()))
}

// CutNote says that a file holds only the first limit of total rows.
func CutNote(lang i18n.Lang, limit, total int) string {
	return fmt.Sprintf(i18n.T(lang, "ui.export.cut"), count(lang, limit), count(lang, total))
}

// BasisNote says what a table's numbers count, in the words the pages
// use.
func BasisNote(lang i18n.Lang, b payesh.Basis) string {
	if b == payesh.BasisProvisional {
		return i18n.T(lang, "ui.trust.provisional_notice")
	}
	return i18n.T(lang, "ui.trust.approved_note")
}

// basisWord is a row's basis in one word: «تأییدشده», «موقت».
func basisWord(lang i18n.Lang, b payesh.Basis) string {
	if b == payesh.BasisProvisional {
		return i18n.T(lang, "ui.export.basis.provisional")
	}
	return i18n.T(lang, "ui.export.basis.approved")
}

// FileName names a download by what it is and the Jalali day:
// "payesh-work-1403-05-10" (the extension is the format's).
func FileName(what string, today payesh.Date) string {
	j := today.Jalali()
	return fmt.Sprintf("payesh-%s-%04d-%02d-%02d", what, j.Year, j.Month, j.Day)
}

// UnitMap is every org unit by id, for the names a table shows: in one
// query from a store that offers it (store.FindAllOrgUnits), else page by
// page.
func UnitMap(ctx context.Context, units payesh.OrgUnitService) (map[int64]*payesh.OrgUnit, error) {
	var all []*payesh.OrgUnit
	if a, ok := units.(interface {
		FindAllOrgUnits(context.Context) ([]*payesh.OrgUnit, error)
	}); ok {
		var err error
		if all, err = a.FindAllOrgUnits(ctx); err != nil {
			return nil, err
		}
	} else {
		f := payesh.OrgUnitFilter{Page: payesh.Page{Limit: payesh.MaxLimit}}
		for {
			page, total, err := units.FindOrgUnits(ctx, f)
			if err != nil {
				return nil, err
			}
			all = append(all, page...)
			if f.Offset += len(page); len(page) == 0 || f.Offset >= total {
				break
			}
		}
	}
	out := make(map[int64]*payesh.OrgUnit, len(all))
	for _, u := range all {
		out[u.ID] = u
	}
	return out, nil
}

// PeriodLabel is a Jalali period as a title says it: «بهار ۱۴۰۳» in
// Persian, its code ("1403Q1") in English; text that is not a period as
// it is.
func PeriodLabel(lang i18n.Lang, s string) string {
	p, err := jalali.ParsePeriod(s)
	if err != nil {
		return s
	}
	if lang == i18n.FA {
		return p.Label()
	}
	return p.String()
}
