package i18n

func init() { add(reportChecklistMessages) }

// reportChecklistMessages are the texts of a report's checklist before it
// is sent, of what a round requires, of withdrawing a report, and of the
// late closures in a round's summary.
var reportChecklistMessages = map[string]text{
	"err.report.incomplete": {
		"گزارش کامل نیست؛ موارد ناقص را ببینید. اگر می‌خواهید گزارش با همین وضع ارسال شود، ارسال را تأیید کنید (confirm).",
		"The report is incomplete; see what is missing. To send it as it is, confirm the submission (confirm)."},
	"err.report.required": {
		"این دورهٔ گزارش‌دهی برخی از موارد ناقص را الزامی کرده است؛ تا کامل نشوند، گزارش ارسال نمی‌شود.",
		"This reporting round requires some of what is missing; the report cannot be sent until they are there."},
	"err.report.reviewed": {
		"بررسی‌کننده دربارهٔ این گزارش اقدام کرده است و دیگر نمی‌توان آن را پس گرفت.",
		"A reviewer has acted on this report, so it can no longer be withdrawn."},
	"err.report.missing.narrative": {"این بخش از شرح گزارش نوشته نشده است.", "This part of the narrative is empty."},
	"err.report.missing.evidence":  {"مستندی پیوست نشده است.", "No file is attached."},
	"err.report.missing.value":     {"مقدار این شاخص برای این دوره ثبت نشده است.", "This indicator's value for the period has not been entered."},
	"err.report.required.narrative": {
		"این دوره نوشتن همهٔ بخش‌های شرح گزارش را الزامی کرده است و این بخش نوشته نشده است.",
		"This round requires every part of the narrative, and this one is empty."},
	"err.report.required.evidence": {
		"این دوره پیوست دست‌کم یک مستند را الزامی کرده است.",
		"This round requires at least one attached file."},
	"err.report.required.value": {
		"این دوره ثبت همهٔ مقادیر شاخص‌های واحد را الزامی کرده است و این مقدار ثبت نشده است.",
		"This round requires every value the unit owes, and this one has not been entered."},

	"ui.report.check.title": {"پیش از ارسال: موارد ناقص گزارش", "Before sending: what the report lacks"},
	"ui.report.check.intro": {
		"متن گزارش ذخیره شد، اما موارد زیر هنوز کامل نیست. می‌توانید آن‌ها را کامل کنید یا گزارش را با همین وضع ارسال کنید.",
		"The text was saved, but the report still lacks the following. Complete them, or send the report as it is."},
	"ui.report.check.required_intro": {
		"متن گزارش ذخیره شد، اما این دورهٔ گزارش‌دهی مواردی را که با «الزامی» مشخص شده‌اند الزامی کرده است؛ پیش از ارسال آن‌ها را کامل کنید.",
		"The text was saved, but this round requires the items marked \"required\"; complete them before sending."},
	"ui.report.check.narrative":     {"بخش «%s» نوشته نشده است", "The \"%s\" part is empty"},
	"ui.report.check.evidence":      {"مستندی پیوست نشده است", "No file is attached"},
	"ui.report.check.value":         {"مقدار «%s» ثبت نشده است", "No value entered for \"%s\""},
	"ui.report.check.more_values":   {"و %d مقدار دیگر که ثبت نشده است", "and %d more values not entered"},
	"ui.report.check.required":      {"الزامی", "Required"},
	"ui.report.check.submit_anyway": {"ارسال با همین وضع", "Send anyway"},
	"ui.report.check.cancel":        {"انصراف و تکمیل گزارش", "Cancel and complete the report"},

	"ui.report.withdraw": {"پس گرفتن گزارش", "Withdraw the report"},
	"ui.report.withdraw_hint": {
		"تا وقتی بررسی‌کننده‌ای دربارهٔ گزارش اقدام نکرده است، می‌توانید آن را پس بگیرید تا مثلاً مستندی را که جا مانده پیوست کنید؛ گزارش به پیش‌نویس برمی‌گردد و باید دوباره ارسال شود.",
		"Until a reviewer acts on it, you can take the report back — to attach a forgotten file, say; it returns to draft and must be sent again."},
	"ui.report.flash.withdrawn": {"گزارش پس گرفته شد و به پیش‌نویس برگشت؛ پس از تکمیل، دوباره ارسالش کنید.", "The report was withdrawn and is a draft again; send it again when it is complete."},
	"ui.note.report_withdrawn": {
		"گزارش {unit} در «{round}» را واحد پس گرفت و دیگر منتظر بررسی شما نیست.",
		"The report of {unit} for “{round}” was withdrawn by the unit and is no longer waiting for your review."},

	"ui.round.requires":          {"الزامات ارسال گزارش", "Required before sending"},
	"ui.round.requires_hint":     {"آنچه علامت نزنید فقط به واحد یادآوری می‌شود و واحد می‌تواند گزارش را بدون آن ارسال کند.", "What you leave unticked is only pointed out; the unit may send its report without it."},
	"ui.round.requires_none":     {"هیچ؛ موارد ناقص فقط یادآوری می‌شوند", "Nothing; what is missing is only pointed out"},
	"ui.round.require_narrative": {"نوشتن همهٔ بخش‌های شرح گزارش", "Every part of the narrative written"},
	"ui.round.require_evidence":  {"پیوست دست‌کم یک مستند", "At least one attached file"},
	"ui.round.require_values":    {"ثبت همهٔ مقادیر شاخص‌های واحد در این دوره", "Every indicator value the unit owes for the period"},

	"ui.summary.late_closures":    {"کارهایی که پس از سررسید بسته شدند", "Work closed after its due date"},
	"ui.summary.no_late_closures": {"در این دوره کاری پس از سررسیدش بسته نشده است.", "No work was closed after its due date in this period."},
	"ui.summary.due_date":         {"سررسید", "Due"},
	"ui.summary.done_date":        {"تاریخ انجام", "Done on"},
	"ui.summary.lateness":         {"تأخیر", "Lateness"},
	"ui.summary.late_note": {
		"کارهای واحدهای گزارش‌دهندهٔ این دوره (و واحدهای زیرمجموعهٔ آن‌ها) که در این دوره انجام شده‌اند، اما پس از تاریخ سررسیدشان.",
		"Work of the round's reporting units (and the units under them) done within the period, but after its due date."},
}
