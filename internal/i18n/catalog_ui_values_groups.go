package i18n

func init() { add(uiValuesGroupsMessages) }

// uiValuesGroupsMessages are the words of a value grid shown one axis of
// the policy at a time, for a unit that reports many indicators.
var uiValuesGroupsMessages = map[string]text{
	"ui.values.groups":          {"بندهای سیاست", "Policy clauses"},
	"ui.values.groups_intro":    {"این واحد %s شاخص گزارش می‌کند؛ برای آنکه صفحه سبک بماند، شاخص‌های هر بند سیاست جداگانه نمایش داده می‌شود. بند را از جدول زیر انتخاب کنید. خانهٔ خالی یعنی دوره‌ای آغازشده که هنوز مقداری برای آن ثبت نشده است.", "This unit reports %s indicators; to keep the page light, each clause of the policy is shown on its own. Choose a clause below. An empty cell is a begun period with no value entered yet."},
	"ui.values.groups_caption":  {"شمار شاخص‌ها و خانه‌های خالی و برگشت‌خوردهٔ هر بند در سال %d", "Indicators, empty and returned cells of each clause in %d"},
	"ui.values.group_col":       {"بند", "Clause"},
	"ui.values.group_count":     {"شاخص", "Indicators"},
	"ui.values.group_empty":     {"خانهٔ خالی", "Empty cells"},
	"ui.values.group_returned":  {"برگشت‌خورده", "Returned"},
	"ui.values.group_shown":     {"بند نمایش‌داده‌شده: %s", "Clause shown: %s"},
	"ui.values.group_current":   {"(بند کنونی)", "(current clause)"},
	"ui.values.group_all_shown": {"همهٔ شاخص‌های این واحد نمایش داده شده است.", "Every indicator of this unit is shown."},
}
