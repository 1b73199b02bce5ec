package i18n

func init() { add(exportMessages) }

// exportMessages are the words of the files people put in briefings
// (internal/export, internal/briefing) and of the links that download
// them.
var exportMessages = map[string]text{
	"ui.export.xlsx":      {"دریافت Excel", "Download Excel"},
	"ui.export.csv":       {"دریافت CSV", "Download CSV"},
	"ui.export.xlsx_aria": {"دریافت Excel: همهٔ ردیف‌های این جدول با همین فیلترها", "Download Excel: every row of this table, with these filters"},
	"ui.export.csv_aria":  {"دریافت CSV: همهٔ ردیف‌های این جدول با همین فیلترها", "Download CSV: every row of this table, with these filters"},
	"ui.export.label":     {"دریافت فایل", "Download"},

	"ui.export.generated": {"تهیه‌شده در %s", "generated on %s"},
	"ui.export.gregorian": {"%s (میلادی)", "%s (Gregorian)"},
	"ui.export.percent":   {"%s (٪)", "%s (%%)"},
	"ui.export.cut": {
		"این فایل فقط %s ردیف نخست از %s ردیف را دارد؛ برای همه، فیلترها را محدودتر کنید.",
		"This file holds only the first %s of %s rows; narrow the filters to get them all.",
	},
	"ui.export.filters":   {"فیلترها: %s", "Filters: %s"},
	"ui.export.no_filter": {"بدون فیلتر: همهٔ کارهایی که اجازهٔ دیدنشان را دارید", "No filter: all the work you may see"},

	"ui.export.f.unit":         {"واحد", "Unit"},
	"ui.export.f.with_partner": {"(با کارهایی که در آن‌ها همکار است)", "(with the work it partners in)"},
	"ui.export.f.clause":       {"بند", "Clause"},
	"ui.export.f.parent":       {"زیرِ کار شمارهٔ", "Under work item"},
	"ui.export.f.top_level":    {"فقط کارهای سطح بالا", "Top-level work only"},
	"ui.export.f.overdue":      {"فقط کارهای معوق", "Overdue only"},
	"ui.export.f.not_overdue":  {"فقط کارهای غیرمعوق", "Not overdue only"},

	"err.export.format":    {"قالب فایل باید xlsx یا csv باشد.", "The file format must be xlsx or csv."},
	"err.export.indicator": {"برای دریافت فایل، نخست یک شاخص را انتخاب کنید.", "Choose an indicator first to download the file."},
	"err.export.paged":     {"فایل همهٔ ردیف‌ها را دارد؛ limit و offset با format به کار نمی‌روند.", "A file holds every row; limit and offset do not go with format."},

	"ui.export.work.sheet": {"کارها", "Work"},
	"ui.export.work.title": {"فهرست کارها", "Work items"},
	"ui.export.days_late":  {"روزهای تأخیر", "Days late"},

	"ui.export.basis":               {"مبنای عدد", "Basis"},
	"ui.export.basis.approved":      {"تأییدشده", "Approved"},
	"ui.export.basis.provisional":   {"موقت", "Provisional"},
	"ui.export.target_interpolated": {"نوع هدف", "Target kind"},
	"ui.export.target_set":          {"تعیین‌شده", "set"},
	"ui.export.scorecard.sheet":     {"کارنامه", "Scorecard"},
	"ui.export.provinces.sheet":     {"استان‌ها", "Provinces"},
	"ui.export.provinces.title":     {"مقایسهٔ استان‌ها: %s — %s", "Province comparison: %s — %s"},

	"ui.export.round.sheet":     {"واحدها", "Units"},
	"ui.export.round.late":      {"با تأخیر", "Late"},
	"ui.export.values_expected": {"مقادیر لازم", "Values owed"},
}
