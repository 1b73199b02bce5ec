package i18n

func init() { add(reportMessages) }

// reportMessages are the texts of reporting rounds, reports, review and
// evidence.
var reportMessages = map[string]text{
	"err.not_found.round":         {"دورهٔ گزارش‌دهی یافت نشد.", "Reporting round not found."},
	"err.not_found.report":        {"گزارش یافت نشد.", "Report not found."},
	"err.not_found.evidence":      {"پیوست یافت نشد.", "Attachment not found."},
	"err.report.chain":            {"زنجیرهٔ بررسی باید از «استان» و «دبیرخانه» و هر کدام یک بار باشد.", "The review chain may hold province and secretariat, each once."},
	"err.report.transition":       {"این اقدام در وضعیت کنونی گزارش ممکن نیست؛ شاید کاربر دیگری پیش‌تر اقدام کرده است.", "This action is not possible in the report's current state; someone may have acted first."},
	"err.report.locked":           {"گزارش ارسال یا تأیید شده است و تا بازگشت یا بازگشایی قابل ویرایش نیست.", "The report has been submitted or approved and cannot be edited until it is returned or reopened."},
	"err.report.action":           {"اقدام نامعتبر است.", "Unknown action."},
	"err.report.round_closed":     {"این دورهٔ گزارش‌دهی بسته شده است.", "This reporting round is closed."},
	"err.report.comment_required": {"برای برگشت یا بازگشایی گزارش، دست‌کم یک توضیح بنویسید.", "Write at least one comment to return or reopen a report."},
	"err.report.comment_text":     {"متن توضیح خالی یا بیش از حد طولانی است.", "A comment is empty or too long."},
	"err.evidence.name":           {"نام پرونده نامعتبر است؛ نام نباید مسیر، «..» یا نویسهٔ کنترلی داشته باشد.", "The file name is not valid; it must not hold a path, \"..\" or control characters."},
	"err.evidence.type":           {"این نوع پرونده پذیرفته نیست؛ PDF، تصویر (PNG، JPEG) یا سند Office بفرستید.", "This file type is not accepted; send a PDF, an image (PNG, JPEG) or an Office document."},
	"err.evidence.too_large":      {"حجم پرونده بیش از ۱۰ مگابایت است.", "The file is larger than 10 MB."},
	"err.evidence.empty":          {"پرونده خالی است.", "The file is empty."},
	"err.evidence.mismatch":       {"محتوای پرونده با پسوند نام آن جور نیست.", "The file's content does not match its extension."},
}
