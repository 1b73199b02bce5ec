package i18n

func init() { add(errorMessages) }

// errorMessages are the texts of the error keys ("err.…").
var errorMessages = map[string]text{
	"err.internal":     {"خطای داخلی رخ داد؛ لطفاً دوباره تلاش کنید.", "An internal error occurred; please try again."},
	"err.invalid":      {"برخی از مقادیر واردشده معتبر نیست.", "Some of the values are not valid."},
	"err.unauthorized": {"ابتدا وارد سامانه شوید.", "Please sign in first."},
	"err.login":        {"نام کاربری یا گذرواژه نادرست است.", "The username or password is incorrect."},
	"err.rate_limited": {"تلاش‌های ناموفق بسیار بود؛ لطفاً کمی بعد دوباره تلاش کنید.", "Too many failed attempts; please try again shortly."},
	"err.forbidden":    {"شما اجازهٔ این کار را ندارید.", "You are not allowed to do this."},
	"err.version_conflict": {
		"این مورد را کاربر دیگری در این فاصله تغییر داده است؛ نسخهٔ جدید را ببینید و دوباره اقدام کنید.",
		"Someone else changed this in the meantime; review their version and try again.",
	},

	"err.not_found":           {"موردی یافت نشد.", "Not found."},
	"err.not_found.org_unit":  {"واحد سازمانی یافت نشد.", "Org unit not found."},
	"err.not_found.document":  {"سند یافت نشد.", "Document not found."},
	"err.not_found.clause":    {"بند یافت نشد.", "Clause not found."},
	"err.not_found.work_item": {"کار موردنظر یافت نشد.", "Work item not found."},
	"err.not_found.user":      {"کاربر یافت نشد.", "User not found."},
	"err.not_found.route":     {"نشانی درخواست‌شده وجود ندارد.", "No such address."},

	"err.required":     {"این فیلد الزامی است.", "This field is required."},
	"err.too_long":     {"متن واردشده بیش از حد طولانی است.", "The text is too long."},
	"err.negative":     {"مقدار نمی‌تواند منفی باشد.", "The value cannot be negative."},
	"err.code":         {"کد باید با حرف کوچک لاتین یا رقم شروع شود و فقط حروف کوچک لاتین، رقم، نقطه، خط تیره و زیرخط داشته باشد.", "The code must start with a lowercase Latin letter or digit and contain only lowercase letters, digits, dot, hyphen and underscore."},
	"err.code_taken":   {"این کد قبلاً به کار رفته است.", "This code is already in use."},
	"err.parent_cycle": {"یک مورد نمی‌تواند زیرمجموعهٔ خودش یا زیرمجموعهٔ زیرمجموعه‌های خودش باشد.", "An item cannot be placed under itself or its own descendants."},
	"err.unknown_ref":  {"مورد انتخاب‌شده وجود ندارد.", "The selected item does not exist."},
	"err.has_children": {"این مورد زیرمجموعه دارد و حذف نمی‌شود.", "This item has children and cannot be deleted."},
	"err.in_use":       {"این مورد در جای دیگری به کار رفته است و حذف نمی‌شود.", "This item is in use elsewhere and cannot be deleted."},
	"err.version":      {"نسخهٔ مورد (version) باید فرستاده شود.", "The row version must be sent."},

	"err.bad_json":       {"بدنهٔ درخواست JSON معتبر نیست.", "The request body is not valid JSON."},
	"err.unknown_field":  {"فیلد ناشناخته در درخواست.", "Unknown field in the request."},
	"err.body_too_large": {"حجم درخواست بیش از حد مجاز است.", "The request body is too large."},
	"err.bad_date":       {"تاریخ نامعتبر است.", "The date is not valid."},
	"err.bad_query":      {"پارامتر جست‌وجو نامعتبر است.", "A query parameter is not valid."},
	"err.bad_id":         {"شناسه نامعتبر است.", "The id is not valid."},
	"err.method":         {"این روش درخواست برای این نشانی پشتیبانی نمی‌شود.", "This method is not supported here."},

	"err.unit.kind":               {"نوع واحد سازمانی نامعتبر است.", "The org unit kind is not valid."},
	"err.document.kind":           {"نوع سند نامعتبر است.", "The document kind is not valid."},
	"err.clause.document":         {"بند والد باید از همین سند باشد.", "The parent clause must belong to the same document."},
	"err.work.kind":               {"نوع کار نامعتبر است.", "The work item kind is not valid."},
	"err.work.status":             {"وضعیت نامعتبر است.", "The status is not valid."},
	"err.work.weight":             {"وزن باید بیشتر از صفر و حداکثر ۱۰۰۰ باشد.", "The weight must be above 0 and at most 1000."},
	"err.work.progress":           {"پیشرفت باید عددی بین ۰ و ۱۰۰ باشد.", "Progress must be a number from 0 to 100."},
	"err.work.due_before_start":   {"تاریخ سررسید نمی‌تواند پیش از تاریخ شروع باشد.", "The due date cannot be before the start date."},
	"err.work.partner_is_owner":   {"واحد مسئول نمی‌تواند هم‌زمان واحد همکار باشد.", "The owner unit cannot also be a partner."},
	"err.work.empty_update":       {"به‌روزرسانی پیشرفت باید دست‌کم پیشرفت، وضعیت یا توضیحی داشته باشد.", "A progress update needs a progress, a status or a note."},
	"err.work.progress_rolled_up": {"پیشرفت این مورد از زیرمجموعه‌هایش محاسبه می‌شود و مستقیم ثبت نمی‌شود.", "This item's progress is computed from its children and cannot be set directly."},

	"err.user.username":       {"نام کاربری باید ۲ تا ۶۴ نویسهٔ لاتین کوچک، رقم، نقطه، خط تیره یا زیرخط باشد.", "The username must be 2–64 lowercase Latin letters, digits, dots, hyphens or underscores."},
	"err.user.email":          {"نشانی رایانامه نامعتبر است.", "The email address is not valid."},
	"err.user.role":           {"نقش کاربر نامعتبر است.", "The role is not valid."},
	"err.user.password_short": {"گذرواژه باید دست‌کم ۱۰ نویسه باشد.", "The password must be at least 10 characters."},

	// internal/api
	"err.cross_origin":            {"درخواست از نشانی دیگری فرستاده شده است و پذیرفته نمی‌شود.", "Cross-origin request refused."},
	"err.bad_type":                {"نوع مقدار این فیلد نادرست است.", "This field has a value of the wrong type."},
	"err.unknown_param":           {"پارامتر ناشناخته در نشانی درخواست.", "Unknown query parameter."},
	"err.user.username_taken":     {"این نام کاربری قبلاً ثبت شده است.", "This username is already taken."},
	"err.work.done_in_future":     {"تاریخ انجام نمی‌تواند پس از امروز باشد.", "The done date cannot be after today."},
	"err.work.done_date_not_done": {"تاریخ انجام فقط برای کار انجام‌شده ثبت می‌شود.", "A done date is recorded only for work that is done."},
}
