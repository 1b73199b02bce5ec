package i18n

func init() { add(firstScreenMessages) }

// firstScreenMessages are the words of the first screen a newcomer sees
// (issue 12, scope 5): the period a dashboard opens on, the provinces
// that did not report, the setup checklist of an empty installation and
// the training set's banner.
var firstScreenMessages = map[string]text{
	"ui.first.latest": {
		"سال %s هنوز دادهٔ %s ندارد؛ سال %s نمایش داده می‌شود: آخرین دوره‌ای که داده دارد.",
		"%s has no %s data yet; showing %s, the latest period with data.",
	},
	"ui.first.none_reported": {
		"هیچ استانی در این دوره برای این شاخص داده‌ای ثبت نکرده است؛ رتبه‌بندی وقتی ساخته می‌شود که استان‌ها گزارش دهند.",
		"No province has reported this indicator for this period; the ranking appears once provinces report.",
	},
	"ui.first.missing_count": {"%d استان در این دوره گزارش نداده‌اند و رتبه نگرفته‌اند:", "%d provinces have not reported for this period and are not ranked:"},
}
