package i18n

func init() { add(uiWorkMessages) }

// uiWorkMessages are the texts of the work pages: the list and its
// filters, the detail with its progress form and history, and the create
// and edit form.
var uiWorkMessages = map[string]text{
	"ui.work.kind":        {"نوع", "Kind"},
	"ui.work.code":        {"کد", "Code"},
	"ui.work.code_hint":   {"اختیاری؛ شناسهٔ کوتاهی که در گزارش‌ها به کار می‌رود.", "Optional; a short identifier used in reports."},
	"ui.work.description": {"شرح", "Description"},
	"ui.work.partners":    {"واحدهای همکار", "Partner units"},
	"ui.work.clauses":     {"بندهای مرتبط", "Linked clauses"},
	"ui.work.parent":      {"کار بالادست", "Parent item"},
	"ui.work.start":       {"تاریخ شروع", "Start date"},
	"ui.work.done_date":   {"تاریخ انجام", "Done on"},
	"ui.work.weight":      {"وزن", "Weight"},
	"ui.work.updated":     {"آخرین تغییر", "Last changed"},
	"ui.work.children":    {"کارهای زیرمجموعه", "Sub-items"},
	"ui.work.edit":        {"ویرایش", "Edit"},
	"ui.work.add_child":   {"افزودن اقدام زیرمجموعه", "Add a sub-action"},
	"ui.work.print":       {"چاپ", "Print"},

	"ui.work.list.title":   {"کارها", "Work"},
	"ui.work.list.total":   {"%d کار", "%d items"},
	"ui.work.list.caption": {"ردیف %d تا %d از %d", "Rows %d–%d of %d"},
	"ui.work.list.empty":   {"کاری با این شرایط یافت نشد.", "No work matches these filters."},

	"ui.work.filter.label":           {"فیلتر کارها", "Filter work"},
	"ui.work.filter.unit":            {"واحد (با زیرمجموعه‌ها)", "Unit (with its sub-units)"},
	"ui.work.filter.all_units":       {"همهٔ واحدها", "All units"},
	"ui.work.filter.include_partner": {"کارهایی که این واحد در آن‌ها همکار است هم نمایش داده شود", "Also show work where the unit is a partner"},
	"ui.work.filter.clause":          {"بند سیاست‌ها (با جزءها)", "Policy clause (with its sub-clauses)"},
	"ui.work.filter.all_clauses":     {"همهٔ بندها", "All clauses"},
	"ui.work.filter.all_kinds":       {"همهٔ انواع", "All kinds"},
	"ui.work.filter.overdue":         {"فقط کارهای معوق", "Overdue only"},
	"ui.work.filter.due_from":        {"سررسید از تاریخ", "Due from"},
	"ui.work.filter.due_to":          {"سررسید تا تاریخ", "Due to"},
	"ui.work.filter.q":               {"جست‌وجو", "Search"},
	"ui.work.filter.q_hint":          {"در عنوان، کد و شرح کار", "In the title, code and description"},
	"ui.work.filter.apply":           {"اعمال فیلتر", "Apply filters"},
	"ui.work.filter.clear":           {"حذف فیلترها", "Clear filters"},
	"ui.work.filter.bad_sort":        {"ترتیب درخواست‌شده شناخته نیست؛ فهرست به ترتیب ثبت نمایش داده شده است.", "The requested order is unknown; the list is shown in the order items were added."},
	"ui.work.filter.ignored":         {"فیلترهای نامعتبر نادیده گرفته شدند؛ پیام هر کدام کنار آن آمده است.", "Filters with invalid values were ignored; each shows its message."},

	"ui.work.detail.title":  {"جزئیات کار", "Work item"},
	"ui.work.detail.crumbs": {"مسیر صفحه", "Breadcrumbs"},
	"ui.work.detail.facts":  {"مشخصات", "Details"},

	"ui.work.history":                {"تاریخچهٔ پیشرفت", "Progress history"},
	"ui.work.history.empty":          {"هنوز به‌روزرسانی پیشرفتی ثبت نشده است.", "No progress has been reported yet."},
	"ui.work.history.unknown_author": {"نامشخص", "Unknown"},

	"ui.work.progress.title":       {"ثبت پیشرفت", "Report progress"},
	"ui.work.progress.value":       {"درصد پیشرفت", "Progress (%)"},
	"ui.work.progress.hint":        {"پیشرفت فعلی: %s. برای تغییرندادن، خالی بگذارید.", "Now %s. Leave empty to keep it."},
	"ui.work.progress.rolled_up":   {"پیشرفت این کار از میانگین وزنی کارهای زیرمجموعه محاسبه می‌شود.", "This item's progress is the weighted average of its sub-items."},
	"ui.work.progress.keep_status": {"بدون تغییر (%s)", "Unchanged (%s)"},
	"ui.work.progress.done_hint":   {"فقط برای وضعیت «انجام‌شده»؛ اگر خالی بماند، امروز ثبت می‌شود.", "Only with status Done; empty means today."},
	"ui.work.progress.note":        {"توضیح", "Note"},
	"ui.work.progress.submit":      {"ثبت به‌روزرسانی پیشرفت", "Save progress"},
	"ui.work.progress.conflict": {
		"در این فاصله کاربر دیگری پیشرفت یا وضعیت این کار را تغییر داده است. اطلاعات به‌روز در بالا آمده و آنچه نوشته بودید در فرم مانده است؛ پس از بررسی دوباره ثبت کنید.",
		"Someone else changed this item's progress or status meanwhile. The current values are shown above and what you typed is kept; review and submit again.",
	},

	"ui.work.edit.title":         {"ویرایش کار", "Edit work item"},
	"ui.work.form.choose":        {"انتخاب کنید", "Choose"},
	"ui.work.form.no_parent":     {"بدون کار بالادست (کار مستقل)", "None (a top-level item)"},
	"ui.work.form.parent_hint":   {"کاری که این مورد بخشی از آن است؛ پیشرفت آن از زیرمجموعه‌ها محاسبه می‌شود.", "The item this one is part of; its progress is computed from its sub-items."},
	"ui.work.form.weight_hint":   {"سهم این کار در پیشرفت کار بالادست؛ پیش‌فرض ۱.", "This item's share in its parent's progress; 1 by default."},
	"ui.work.form.partners_hint": {"برای انتخاب چند واحد، کلید Ctrl را نگه دارید.", "Hold Ctrl to choose several units."},
	"ui.work.form.partner_add":   {"افزودن واحد همکار", "Add a partner unit"},
	"ui.work.form.partners_picker_hint": {
		"برای حذف یک واحد همکار، تیک آن را بردارید. در هر ذخیره می‌توانید تا سه واحد تازه را با جست‌وجوی نام یا کد بیفزایید؛ برای افزودن بیشتر، پس از ذخیره دوباره ویرایش کنید.",
		"Untick a partner unit to remove it. Each save adds up to three new units, found by name or code; to add more, edit again after saving.",
	},
	"ui.work.form.no_clauses": {"هنوز سندی با بند ثبت نشده است.", "No document with clauses has been loaded yet."},
	"ui.work.form.create":     {"ثبت کار", "Create"},
	"ui.work.form.save":       {"ذخیرهٔ تغییرات", "Save changes"},
	"ui.work.form.cancel":     {"انصراف", "Cancel"},

	"ui.work.conflict.title": {"این کار را کاربر دیگری تغییر داده است", "Someone else changed this item"},

	"ui.work.delete":              {"حذف این کار", "Delete this item"},
	"ui.work.delete.confirm":      {"این کار و تاریخچهٔ پیشرفت آن حذف می‌شود؛ سابقهٔ آن در گزارش رویدادها می‌ماند. آیا مطمئن هستید؟", "The item and its progress history will be deleted; the audit trail keeps a record. Are you sure?"},
	"ui.work.delete.submit":       {"بله، حذف شود", "Yes, delete it"},
	"ui.work.delete.has_children": {"کاری که زیرمجموعه دارد حذف نمی‌شود؛ ابتدا زیرمجموعه‌ها را حذف یا جابه‌جا کنید.", "An item with sub-items cannot be deleted; delete or move them first."},

	"ui.work.flash.created":  {"کار ثبت شد.", "The work item was created."},
	"ui.work.flash.updated":  {"تغییرات ذخیره شد.", "Your changes were saved."},
	"ui.work.flash.progress": {"به‌روزرسانی پیشرفت ثبت شد.", "Progress was saved."},
	"ui.work.flash.deleted":  {"کار حذف شد.", "The work item was deleted."},

	"err.work.due_range": {"تاریخ پایان بازه نمی‌تواند پیش از تاریخ آغاز آن باشد.", "The end of the range cannot be before its start."},
}
