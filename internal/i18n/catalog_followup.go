package i18n

func init() { add(followupMessages) }

// followupMessages are the texts of notifications, reminders and the
// digest email. Words in braces ({title}, {days}) are the notification's
// arguments, filled in by Format.
var followupMessages = map[string]text{
	"ui.note.work_due_soon": {
		"«{title}» {days} روز دیگر، در {due}، سررسید می‌شود.",
		"“{title}” is due in {days} days, on {due}."},
	"ui.note.work_due_today": {
		"امروز، {due}، سررسید «{title}» است.",
		"“{title}” is due today, {due}."},
	"ui.note.work_overdue": {
		"«{title}» {days} روز از سررسیدش ({due}) گذشته و هنوز انجام نشده است.",
		"“{title}” is {days} days past its due date ({due}) and still open."},
	"ui.note.report_due": {
		"مهلت ارسال گزارش «{round}» {days} روز دیگر، در {deadline}، به پایان می‌رسد.",
		"The report for “{round}” is due in {days} days, on {deadline}."},
	"ui.note.report_due_today": {
		"امروز، {deadline}، آخرین مهلت ارسال گزارش «{round}» است.",
		"Today, {deadline}, is the deadline of the report for “{round}”."},
	"ui.note.report_overdue": {
		"گزارش «{round}» {days} روز از مهلتش ({deadline}) گذشته و هنوز ارسال نشده است.",
		"The report for “{round}” is {days} days past its deadline ({deadline}) and not yet submitted."},
	"ui.note.report_returned": {
		"گزارش «{round}» برای اصلاح برگشت داده شده است؛ توضیح‌های بررسی‌کننده را ببینید و آن را دوباره ارسال کنید.",
		"The report for “{round}” was returned for correction; read the reviewer's comments and submit it again."},
	"ui.note.work_assigned": {
		"کار «{title}» به واحد شما سپرده شد ({by}).",
		"The work item “{title}” was given to your unit ({by})."},
	"ui.note.round_opened": {
		"دورهٔ گزارش‌دهی «{round}» باز شد؛ گزارش واحد شما تا {deadline} باید ارسال شود.",
		"The reporting round “{round}” is open; your unit's report is due by {deadline}."},
	"ui.note.report_approved": {
		"گزارش «{round}» تأیید شد.",
		"The report for “{round}” was approved."},
	"ui.note.report_reopened": {
		"گزارش تأییدشدهٔ «{round}» برای اصلاح دوباره باز شد؛ توضیح دبیرخانه را ببینید.",
		"The approved report for “{round}” was opened again for changes; read the secretariat's comment."},
	"ui.note.report_to_review": {
		"گزارش {unit} در «{round}» منتظر بررسی شماست.",
		"The report of {unit} for “{round}” is waiting for your review."},
	"ui.note.reminder": {
		"یادآوری دبیرخانه به {unit} ({sender}): {note}",
		"A reminder from the secretariat to {unit} ({sender}): {note}"},
	"ui.note.reminder_plain": {
		"دبیرخانه کارها و گزارش‌های عقب‌افتادهٔ {unit} را یادآوری کرد ({sender}).",
		"The secretariat reminded {unit} of its late work and reports ({sender})."},
	"ui.note.digest": {
		"خلاصهٔ امروز {unit_name}: {summary}.",
		"Today's summary for {unit_name}: {summary}."},
	"ui.note.digest.overdue": {
		"{count} کار عقب‌افتاده",
		"overdue work items: {count}"},
	"ui.note.digest.due_soon": {
		"{count} کار با سررسید در {days} روز آینده",
		"work items due within {days} days: {count}"},
	"ui.note.digest.reports_overdue": {
		"{count} گزارش با مهلت گذشته",
		"reports past their deadline: {count}"},
	"ui.note.digest.reports_due": {
		"{count} گزارش با مهلت نزدیک",
		"reports due soon: {count}"},
	"ui.note.digest.to_review": {
		"{count} گزارش در انتظار بررسی شما",
		"reports awaiting your review: {count}"},

	"ui.note.email_subject": {
		"پایش: {count} اعلان تازه",
		"Payesh: {count} new notifications"},
	"ui.note.email_greeting": {
		"{name} گرامی،",
		"Dear {name},"},
	"ui.note.email_intro": {
		"اعلان‌های تازهٔ شما در سامانهٔ پایش:",
		"Your new notifications in Payesh:"},
	"ui.note.email_link": {
		"برای دیدن جزئیات به سامانه بروید: {url}",
		"See the details in Payesh: {url}"},
	"ui.note.email_footer": {
		"این نامه را سامانهٔ پایش دبیرخانهٔ دائمی پیگیری سیاست‌های کلی تأمین اجتماعی فرستاده است.",
		"This email was sent by Payesh, the system of the permanent secretariat for the General Social Security Policies."},
}
