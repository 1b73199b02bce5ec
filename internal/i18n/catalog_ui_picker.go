package i18n

func init() { add(uiPickerMessages) }

// uiPickerMessages are the texts of the unit picker, the search box that
// stands for a unit select when the org tree is too large to list, and
// of its search page.
var uiPickerMessages = map[string]text{
	"ui.picker.search_title": {"جست‌وجوی واحد", "Find a unit"},
	"ui.picker.placeholder":  {"نام، کد یا شناسهٔ واحد", "Unit name, code or id"},
	"ui.picker.hint":         {"چند حرف از نام واحد را بنویسید و از فهرست برگزینید؛ شناسه یا کد واحد هم پذیرفته می‌شود.", "Type part of the unit's name and choose from the list; a unit's id or code is accepted too."},
	"ui.picker.current":      {"واحد برگزیده: %s", "Chosen unit: %s"},
	"ui.picker.find":         {"جست‌وجوی شناسهٔ واحد", "Look up a unit's id"},
	"ui.picker.q":            {"نام یا کد واحد", "Unit name or code"},
	"ui.picker.search":       {"جست‌وجو", "Search"},
	"ui.picker.none":         {"واحدی با این نام یافت نشد.", "No unit matches."},
	"ui.picker.many":         {"تنها %d نتیجهٔ نخست نشان داده شده است؛ جست‌وجو را دقیق‌تر کنید.", "Only the first %d matches are shown; narrow the search."},
	"ui.picker.id":           {"شناسه", "Id"},
	"ui.picker.name":         {"نام", "Name"},
	"ui.picker.place":        {"زیرمجموعهٔ", "Under"},

	// The policy page links each clause to its work instead of listing it.
	"ui.policy.work_link":        {"فهرست کارهای پاسخ‌دهنده به این بند", "The work answering this clause"},
	"ui.work.picker.placeholder": {"عنوان، کد یا شناسهٔ کار", "Title, code or id of the work item"},
	"ui.work.picker.hint": {
		"بخشی از عنوان یا کد کار را بنویسید و از فهرست پیشنهادها برگزینید؛ شناسهٔ کار هم پذیرفته می‌شود. برای خالی‌گذاشتن، متن را پاک کنید.",
		"Type part of the item's title or code and choose from the suggestions; the item's id is accepted too. Clear the field to leave it empty.",
	},
}
