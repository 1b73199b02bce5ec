package i18n

func init() { add(uiGridMessages) }

// uiGridMessages are the words of the grid's figures beside the cells
// (the year's total, target and % of target), of the provinces × months
// matrix of one indicator, and of the targets grid.
var uiGridMessages = map[string]text{
	"ui.grid.col_total":           {"کل سال (ثبت واحد)", "Year (unit's entry)"},
	"ui.grid.col_target":          {"هدف سال", "Year's target"},
	"ui.grid.col_percent":         {"درصد تحقق هدف سال", "% of the year's target"},
	"ui.grid.unit_entry":          {"ثبت واحد", "unit's entry"},
	"ui.grid.totals_note":         {"«کل سال» از مقادیر ذخیره‌شدهٔ همین واحد در این جدول — از جمله پیش‌نویس‌ها — به قاعدهٔ تجمیع زمانی شاخص حساب می‌شود؛ رقم تأییدشده‌ای که مدیران در داشبورد می‌بینند نیست. «هدف سال» هدفی است که دبیرخانه برای این واحد تعیین کرده است و هدف هر دوره، اگر تعیین شده باشد، زیر خانهٔ همان دوره آمده است.", "“Year” combines this unit's saved values in this grid — drafts included — by the indicator's rule over time; it is not the approved figure leadership sees on the dashboards. “Year's target” is the target the secretariat set for this unit; a period's own target, when set, is shown under its cell."},
	"ui.grid.no_total":            {"هنوز مقداری ذخیره نشده است", "No value saved yet"},
	"ui.grid.no_target":           {"هدفی برای این سال تعیین نشده است", "No target set for this year"},
	"ui.grid.target_short":        {"هدف:", "Target:"},
	"ui.grid.target_from_seasons": {"از هدف‌های فصلی", "from the seasons' targets"},
	"ui.grid.target_from_months":  {"از هدف‌های ماهانه", "from the months' targets"},
	"ui.grid.total_sum":           {"مجموع %d %s", "sum of %d %s"},
	"ui.grid.total_avg":           {"میانگین %d %s", "average of %d %s"},
	"ui.grid.total_last":          {"آخرین مقدار: %s", "last value: %s"},
	"ui.grid.months":              {"ماه", "months"},
	"ui.grid.seasons":             {"فصل", "seasons"},
}
