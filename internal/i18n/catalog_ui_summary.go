package i18n

func init() { add(uiSummaryMessages) }

// uiSummaryMessages are the round summary's words as a leadership
// document: its letterhead, page numbers, and the units' obstacles and
// requests.
var uiSummaryMessages = map[string]text{
	"ui.summary.letterhead": {"دبیرخانهٔ دائمی پیگیری سیاست‌های کلی تأمین اجتماعی", "Permanent secretariat for the General Social Security Policies"},
	"ui.summary.page":       {"صفحهٔ", "Page"},
	"ui.summary.page_of":    {"از", "of"},
	"ui.summary.voices":     {"موانع و درخواست‌های واحدها، به تفکیک بند", "The units' obstacles and requests, by clause"},
	"ui.summary.voices_note": {
		"آنچه واحدها در گزارش‌های ارسال‌شدهٔ این دوره (در انتظار بررسی یا تأییدشده) نوشته‌اند، زیر هر بندی که در آن کار دارند؛ واحدی که در چند بند کار دارد زیر هر کدام آمده است.",
		"What the units wrote in this round's sent reports (awaiting review or approved), under each clause they have work on; a unit with work on several clauses is under each.",
	},
	"ui.summary.voices_other": {"واحدهایی که کاری مرتبط با بندها ندارند", "Units with no work linked to a clause"},
	"ui.summary.obstacles":    {"موانع", "Obstacles"},
	"ui.summary.requests":     {"درخواست‌ها", "Requests"},
	"ui.summary.no_voices":    {"هیچ گزارش ارسال‌شده‌ای مانع یا درخواستی ننوشته است.", "No sent report names an obstacle or a request."},
}
