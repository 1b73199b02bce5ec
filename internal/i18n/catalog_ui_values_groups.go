package i18n

func init() { add(uiValuesGroupsMessages) }

// uiValuesGroupsMessages are the words of a value grid shown one axis of
// the policy at a time, for a unit that reports many indicators.
var uiValuesGroupsMessages = map[string]text{
	"ui.values.groups":          {"محورهای سیاست", "Policy axes"},
	"ui.values.groups_intro":    {"این واحد %s شاخص گزارش می‌کند؛ برای آنکه صفحه سبک بماند، شاخص‌های هر محور سیاست جداگانه نمایش داده می‌شود. محور را از جدول زیر انتخاب کنید. خانهٔ خالی یعنی دوره‌ای آغازشده که هنوز مقداری برای آن ثبت نشده است.", "This unit reports %s indicators; to keep the page light, each axis of the policy is shown on its own. Choose an axis below. An empty cell is a begun period with no value entered yet."},
	"ui.values.groups_caption":  {"شمار شاخص‌ها و خانه‌های خالی و برگشتی هر محور در سال %d", "Indicators, empty and returned cells of each axis in %d"},
	"ui.values.group_col":       {"محور", "Axis"},
	"ui.values.group_count":     {"شاخص", "Indicators"},
	"ui.values.group_empty":     {"خانهٔ خالی", "Empty cells"},
	"ui.values.group_returned":  {"برگشتی", "Returned"},
	"ui.values.group_shown":     {"محور نمایش‌داده‌شده: %s", "Axis shown: %s"},
	"ui.values.group_current":   {"(محور کنونی)", "(current axis)"},
	"ui.values.group_all_shown": {"همهٔ شاخص‌های این واحد نمایش داده شده است.", "Every indicator of this unit is shown."},
}
