package i18n

func init() { add(consultationMessages) }

// consultationMessages are the words of consultations (نظرخواهی): the
// list, a consultation's page, the answer form, the consolidated view and
// its PDF, the clause page's section, the notifications and the errors
// (consultation.go, internal/store/consultation*.go,
// internal/web/consultation*.go).
var consultationMessages = map[string]text{
	"err.not_found.consultation":          {"نظرخواهی یافت نشد.", "Consultation not found."},
	"err.not_found.consultation_file":     {"فایل ارسالی یافت نشد.", "The file sent was not found."},
	"err.consultation.subject":            {"دست‌کم یک بند یا یک سند را برای نظرخواهی برگزینید.", "Choose at least one clause, or a document, to consult on."},
	"err.consultation.invitees":           {"دست‌کم یک واحد یا یک صاحب‌نظر را دعوت کنید.", "Invite at least one unit or expert."},
	"err.consultation.deadline_past":      {"مهلت پاسخ نمی‌تواند گذشته باشد.", "The deadline cannot be in the past."},
	"err.consultation.clause_of_document": {"بندهای برگزیده باید از همان سند باشند.", "The clauses chosen must belong to the document."},
	"err.consultation.agreement":          {"میزان موافقت باید از ۱ تا ۵ باشد.", "Agreement must be from 1 to 5."},
	"err.consultation.answer_twice":       {"برای هر بند یک پاسخ بفرستید.", "Send one answer per clause."},
	"err.consultation.nothing_said":       {"پیش از ارسال، دست‌کم دربارهٔ یک بند نظر بدهید.", "Give an opinion on at least one clause before sending."},
	"err.consultation.not_asked":          {"این بند در این نظرخواهی پرسیده نشده است.", "This clause is not asked about in this consultation."},
	"err.consultation.closed":             {"این نظرخواهی بسته شده است.", "This consultation is closed."},
	"err.consultation.deadline_passed":    {"مهلت پاسخ به این دور گذشته است.", "This round's deadline has passed."},
	"err.consultation.submitted":          {"پاسخ این دور پیش‌تر ارسال شده و دیگر ویرایش نمی‌شود.", "This round's answers were already sent and can no longer be changed."},
	"err.consultation.last_round":         {"دور دوم پیش‌تر باز شده است.", "The second round is already open."},
	"err.consultation.no_answers":         {"هنوز کسی به دور نخست پاسخ نداده است؛ دور دوم بی‌پاسخ‌های دور نخست معنا ندارد.", "Nobody has answered the first round yet; a second round needs its answers."},
	"err.consultation.all_answered":       {"همهٔ دعوت‌شدگان پاسخ داده‌اند؛ یادآوری لازم نیست.", "Every invitee has answered; there is no one to remind."},
	"err.consultation.round":              {"این دور در این نظرخواهی نیست.", "This consultation has no such round."},
	"ui.note.consultation_invited":        {"دبیرخانه در نظرخواهی «{title}» نظر شما را خواسته است؛ مهلت پاسخ: {deadline}.", "The secretariat asks for your opinion in the consultation “{title}”; answer by {deadline}."},
	"ui.note.consultation_round":          {"دور دوم نظرخواهی «{title}» باز شد؛ نتیجهٔ دور نخست را ببینید و تا {deadline} دوباره پاسخ دهید.", "The second round of the consultation “{title}” is open; see the first round's results and answer again by {deadline}."},
	"ui.note.consultation_reminder":       {"یادآوری دبیرخانه ({sender}) دربارهٔ نظرخواهی «{title}»، با مهلت {deadline}: {note}", "A reminder from the secretariat ({sender}) about the consultation “{title}”, due {deadline}: {note}"},
	"ui.note.consultation_reminder_plain": {"دبیرخانه ({sender}) پاسخ شما به نظرخواهی «{title}» را یادآوری کرد؛ مهلت پاسخ: {deadline}.", "The secretariat ({sender}) reminds you to answer the consultation “{title}” by {deadline}."},
}
