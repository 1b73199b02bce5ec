package i18n

func init() { add(conflictMessages) }

// conflictMessages are the edit form's words on a version conflict: who
// changed the work item since the form was opened, when, which fields, and
// what the merged form now holds (internal/web/work_conflict.go).
var conflictMessages = map[string]text{
	"ui.work.conflict.by": {
		"«%s» این کار را در %s، پس از آنکه شما این فرم را باز کردید، تغییر داده است.",
		"%s changed this item on %s, after you opened this form.",
	},
	"ui.work.conflict.changes": {"(%s تغییر از آن زمان)", "(%s changes since then)"},
	"ui.work.conflict.someone": {"کاربر دیگری", "Someone else"},
	"ui.work.conflict.fields":  {"خانه‌هایی که تغییر کرده‌اند:", "Fields that changed:"},
	"ui.work.conflict.sep":     {"، ", ", "},
	"ui.work.conflict.no_fields": {
		"هیچ‌یک از خانه‌های این فرم تغییر نکرده است؛ تغییر در پیشرفت یا وضعیت این کار بوده است.",
		"None of this form's fields changed; the change was to the item's progress or status.",
	},
	"ui.work.conflict.merged": {
		"در خانه‌هایی که شما تغییر نداده بودید، مقدار تازه آمده است؛ در خانه‌هایی که شما هم تغییر داده بودید، آنچه شما نوشتید مانده و مقدار ذخیره‌شده کنار آن آمده است.",
		"Fields you had not changed now hold the new values; fields you changed too keep what you typed, with the saved value beside them.",
	},
	"ui.work.conflict.unmerged": {
		"آنچه شما نوشتید در فرم مانده است؛ کنار هر خانه‌ای که با نسخهٔ ذخیره‌شده فرق دارد، مقدار ذخیره‌شده آمده است.",
		"The form keeps what you typed; beside each field that differs from the saved version is the saved value.",
	},
	"ui.work.conflict.again": {
		"لطفاً فرم را بازبینی کنید؛ با ذخیرهٔ دوباره، همین مقادیر فرم ثبت می‌شود.",
		"Please review the form; saving again records exactly what it now holds.",
	},
	"ui.work.conflict.saved": {"نسخهٔ ذخیره‌شده به‌طور کامل", "The saved version in full"},
	"ui.work.conflict.theirs": {
		"«%s» این را در %s تغییر داده و مقدار تازه در این خانه آمده است؛ مقدار پیشین: %s",
		"%s changed this on %s; the field holds the new value. It was: %s",
	},
	"ui.work.conflict.both": {
		"آنچه شما نوشتید مانده است؛ «%s» در %s این مقدار را ذخیره کرده است: %s",
		"What you typed is kept; %s saved this on %s: %s",
	},
	"ui.work.conflict.same": {
		"«%s» در %s همین مقدار را ذخیره کرده است.",
		"%s saved the same value on %s.",
	},
	"ui.work.conflict.saved_now": {"مقدار ذخیره‌شده: %s", "Saved value: %s"},
}
