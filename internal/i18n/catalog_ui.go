package i18n

func init() { add(uiMessages) }

// uiMessages are the texts of the layout, sign-in, error and home pages
// and the pieces every page shares (statuses, kinds, pager, work table).
var uiMessages = map[string]text{
	"ui.app.name":    {"پایش", "Payesh"},
	"ui.app.tagline": {"سامانهٔ پیگیری سیاست‌های کلی تأمین اجتماعی", "Following up the General Social Security Policies"},
	"ui.app.footer":  {"پایش — دبیرخانهٔ دائمی پیگیری سیاست‌های کلی تأمین اجتماعی", "Payesh — the permanent secretariat for the General Social Security Policies"},

	"ui.nav.skip":   {"رفتن به محتوای اصلی", "Skip to main content"},
	"ui.nav.label":  {"منوی اصلی", "Main menu"},
	"ui.nav.home":   {"خانه", "Home"},
	"ui.nav.policy": {"سیاست‌ها", "Policy"},
	"ui.nav.work":   {"کارها", "Work"},
	"ui.nav.units":  {"واحدها", "Units"},
	"ui.nav.admin":  {"مدیریت سامانه", "Administration"},
	"ui.nav.logout": {"خروج", "Sign out"},

	"ui.login.title":    {"ورود به سامانه", "Sign in"},
	"ui.login.intro":    {"با نام کاربری و گذرواژهٔ سازمانی خود وارد شوید.", "Sign in with your username and password."},
	"ui.login.username": {"نام کاربری", "Username"},
	"ui.login.password": {"گذرواژه", "Password"},
	"ui.login.submit":   {"ورود", "Sign in"},

	"ui.error.title": {"خطا", "Error"},
	"ui.error.h400":  {"درخواست نامعتبر", "Bad request"},
	"ui.error.h401":  {"ورود لازم است", "Sign-in required"},
	"ui.error.h403":  {"دسترسی مجاز نیست", "Access denied"},
	"ui.error.h404":  {"صفحه یافت نشد", "Page not found"},
	"ui.error.h409":  {"تعارض ویرایش", "Edit conflict"},
	"ui.error.h429":  {"تلاش بیش از حد", "Too many attempts"},
	"ui.error.h500":  {"خطای سامانه", "System error"},
	"ui.error.home":  {"بازگشت به خانه", "Back to home"},

	"ui.home.title":        {"میز کار", "My desk"},
	"ui.home.unit":         {"واحد شما: %s", "Your unit: %s"},
	"ui.home.open":         {"کارهای باز واحد", "Open work of my unit"},
	"ui.home.overdue":      {"کارهای معوق", "Overdue work"},
	"ui.home.due_month":    {"سررسید در این ماه", "Due this month"},
	"ui.home.axes":         {"پیشرفت بندهای نُه‌گانه", "Progress of the nine clauses"},
	"ui.home.no_overdue":   {"کار معوقی وجود ندارد.", "Nothing is overdue."},
	"ui.home.no_due_month": {"در این ماه سررسیدی نیست.", "Nothing is due this month."},
	"ui.home.no_open":      {"کار بازی برای واحد شما ثبت نشده است.", "Your unit has no open work."},

	"ui.clause.number":      {"بند %s", "Clause %s"},
	"ui.clause.progress_of": {"پیشرفت بند %s", "Progress of clause %s"},
	"ui.clause.items":       {"%d کار", "work items: %d"},
	"ui.date.placeholder":   {"مثلاً ۱۴۰۳/۰۱/۱۵", "e.g. 1403/01/15"},
	"ui.clause.no_work":     {"هنوز کاری برای این بند ثبت نشده است", "No work answers this clause yet"},

	"ui.work.new":      {"کار جدید", "New work item"},
	"ui.work.title":    {"عنوان", "Title"},
	"ui.work.owner":    {"واحد مسئول", "Owner unit"},
	"ui.work.due":      {"سررسید", "Due"},
	"ui.work.status":   {"وضعیت", "Status"},
	"ui.work.progress": {"پیشرفت", "Progress"},
	"ui.work.overdue":  {"معوق", "Overdue"},

	"ui.status.not_started": {"شروع‌نشده", "Not started"},
	"ui.status.in_progress": {"در حال اجرا", "In progress"},
	"ui.status.done":        {"انجام‌شده", "Done"},
	"ui.status.delayed":     {"دارای تأخیر", "Delayed"},
	"ui.status.cancelled":   {"لغوشده", "Cancelled"},

	"ui.kind.program":    {"برنامهٔ عملیاتی", "Operational program"},
	"ui.kind.action":     {"اقدام", "Action"},
	"ui.kind.milestone":  {"نقطهٔ عطف", "Milestone"},
	"ui.kind.resolution": {"مصوبه", "Resolution"},
	"ui.kind.research":   {"طرح پژوهشی", "Research project"},

	"ui.pager.label": {"صفحه‌بندی", "Pages"},
	"ui.pager.prev":  {"قبلی", "Previous"},
	"ui.pager.next":  {"بعدی", "Next"},
	"ui.pager.range": {"%d تا %d از %s", "%d–%d of %s"},

	"err.bad_form":        {"فرم ارسال‌شده قابل خواندن نیست.", "The submitted form could not be read."},
	"err.number":          {"یک عدد وارد کنید.", "Enter a number."},
	"err.bad_jalali_date": {"تاریخ را به‌صورت سال/ماه/روز وارد کنید، مانند ۱۴۰۳/۰۱/۱۵.", "Enter the date as year/month/day, e.g. 1403/01/15."},
	"err.not_found.page":  {"صفحهٔ درخواست‌شده وجود ندارد.", "The page you asked for does not exist."},
}
