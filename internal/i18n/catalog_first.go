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

	// The desk's setup checklist (internal/web/home_setup.go).
	"ui.setup.title": {"راه‌اندازی: آنچه هنوز مانده است", "Setting up: what is still missing"},
	"ui.setup.intro": {
		"تا این کارها انجام نشود، واحدها کاری برای گزارش و داشبوردها عددی برای نمایش ندارند. هر مورد پس از انجام از این فهرست می‌رود.",
		"Until these are done, units have nothing to report and the dashboards nothing to show. Each item leaves this list once done.",
	},
	"ui.setup.document":   {"سند سیاست‌ها و بندهای آن را وارد کنید.", "Enter the policy document and its clauses."},
	"ui.setup.clauses":    {"متن رسمی بندها را وارد کنید: %s بند هنوز متن ندارد.", "Enter the clauses' official text: %s clauses have none yet."},
	"ui.setup.indicators": {"شاخص‌هایی را که پیشرفت هر بند با آن سنجیده می‌شود تعریف کنید.", "Define the indicators that measure each clause's progress."},
	"ui.setup.targets":    {"برای شاخص‌ها هدف تعیین کنید تا وضعیت هر شاخص (در مسیر، در معرض خطر، خارج از مسیر) معلوم شود.", "Set targets for the indicators, so that each one's status (on track, at risk, off track) can be judged."},
	"ui.setup.users":      {"برای هر واحد کاربر تعریف کنید: %s واحد هنوز کاربر فعالی برای گزارش ندارند، از جمله «%s».", "Add users for each unit: %s units have no active user to report yet, among them “%s”."},
	"ui.setup.round":      {"یک دورهٔ گزارش‌دهی باز کنید تا واحدها بدانند چه گزارشی را تا چه روزی بفرستند.", "Open a reporting round, so that units know what to report and by when."},
	"ui.setup.more_than":  {"دست‌کم %d", "at least %d"},

	// The training set's banner (internal/web/training.go).
	"ui.training.title": {"دادهٔ آموزشی.", "Training data."},
	"ui.training.text": {
		"این سامانه یک مجموعهٔ آموزشی هم دارد: شاخص‌ها و دوره‌هایی که نامشان با «[آموزشی]» آغاز می‌شود و اعدادشان ساختگی است، فقط برای تمرین؛ هیچ‌کدام از منابع گرفته نشده و با داده‌های واقعی یکی نیست.",
		"This installation also holds a training set: indicators and rounds whose names begin with “[آموزشی]” (training) have made-up figures, for practice only; none comes from the sources or is real data.",
	},
}
