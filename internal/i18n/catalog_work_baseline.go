package i18n

func init() { add(workBaselineMessages) }

// workBaselineMessages are the texts of derived status (a parent's status
// read from its children, lateness that reaches parents) and of the
// secretariat's baseline: re-planning requests and their decisions.
var workBaselineMessages = map[string]text{
	"ui.status.not_reported": {"وضعیت گزارش‌نشده", "Status not reported"},

	"err.work.change_reason": {"دلیل درخواست تغییر سررسید یا وزن را بنویسید؛ این تغییر را دبیرخانه بررسی می‌کند.",
		"Say why the due date or weight should change; the secretariat reviews the change."},
	"err.work.open_children": {"تا زیرمجموعه‌های باز این کار انجام یا لغو نشده‌اند، نمی‌توان آن را انجام‌شده ثبت کرد.",
		"This item cannot be marked done while some of its sub-items are still open."},

	"ui.work.status.reported":       {"گزارش‌شده: %s", "reported: %s"},
	"ui.work.status.mismatch_title": {"وضعیت گزارش‌شده («%s») با وضعیت زیرمجموعه‌ها سازگار نیست.", "The reported status (“%s”) disagrees with the sub-items."},
	"ui.work.status.mismatch": {"وضعیت گزارش‌شدهٔ این کار «%s» است، اما زیرمجموعه‌هایش آن را «%s» نشان می‌دهند؛ وضعیت نمایش‌داده‌شده از زیرمجموعه‌ها گرفته شده است.",
		"This item's reported status is “%s”, but its sub-items say “%s”; the status shown is the one its sub-items give."},
	"ui.work.at_risk":        {"در معرض تأخیر", "At risk"},
	"ui.work.days_late":      {"%d روز دیرتر از سررسید انجام شد", "done %d days late"},
	"ui.work.replans":        {"%d بار بازبرنامه‌ریزی", "re-planned %d times"},
	"ui.work.change_pending": {"درخواست تغییر در انتظار دبیرخانه", "change awaiting the secretariat"},
	"ui.work.original_due":   {"سررسید اولیه", "Original due date"},
	"ui.work.open_children": {"این کار را نمی‌توان انجام‌شده ثبت کرد؛ این زیرمجموعه‌ها هنوز باز است: %s",
		"This item cannot be marked done; these sub-items are still open: %s"},

	"ui.work.form.change_reason": {"دلیل تغییر سررسید یا وزن", "Why the due date or weight should change"},
	"ui.work.form.change_reason_hint": {"سررسید و وزن را دبیرخانه تعیین می‌کند: تغییر شما در آن‌ها به‌صورت درخواست برای دبیرخانه فرستاده می‌شود و بقیهٔ تغییرها همین حالا ذخیره می‌شوند.",
		"Due dates and weights are set by the secretariat: your change of them is sent to it as a request, and your other changes are saved now."},
	"ui.work.flash.change_requested": {"تغییرها ذخیره شد؛ تغییر سررسید یا وزن برای تأیید به دبیرخانه فرستاده شد.",
		"Saved; the change of due date or weight was sent to the secretariat for approval."},

	"ui.work.changes.title":             {"درخواست‌های تغییر برنامه", "Re-planning requests"},
	"ui.work.changes.item_title":        {"درخواست‌های تغییر سررسید و وزن", "Requests to change the due date or weight"},
	"ui.work.changes.intro":             {"درخواست‌های واحدها برای تغییر سررسید یا وزن کارها که منتظر تصمیم دبیرخانه است.", "Units' requests to change due dates or weights, waiting for the secretariat's decision."},
	"ui.work.changes.link":              {"درخواست‌های تغییر برنامه", "Re-planning requests"},
	"ui.work.changes.count":             {"%d درخواست در انتظار", "pending: %d"},
	"ui.work.changes.empty":             {"درخواستی در انتظار تصمیم نیست.", "No request is waiting for a decision."},
	"ui.work.changes.asked":             {"تغییر درخواستی", "Change asked"},
	"ui.work.changes.reason":            {"دلیل", "Reason"},
	"ui.work.changes.requester":         {"درخواست‌کننده", "Requested by"},
	"ui.work.changes.decide":            {"تصمیم", "Decision"},
	"ui.work.changes.approve":           {"تأیید و اعمال", "Approve and apply"},
	"ui.work.changes.reject":            {"رد", "Reject"},
	"ui.work.changes.reject_reason":     {"دلیل رد", "Why it is rejected"},
	"ui.work.changes.state.pending":     {"در انتظار", "Pending"},
	"ui.work.changes.state.approved":    {"تأییدشده", "Approved"},
	"ui.work.changes.state.rejected":    {"ردشده", "Rejected"},
	"ui.work.changes.state.superseded":  {"جایگزین‌شده با درخواست بعدی", "Superseded by a later request"},
	"ui.work.changes.flash.approved":    {"درخواست تأیید و در کار اعمال شد.", "The request was approved and applied."},
	"ui.work.changes.flash.rejected":    {"درخواست رد شد و به درخواست‌کننده اطلاع داده شد.", "The request was rejected and the requester told."},
	"ui.work.changes.flash.stale":       {"این درخواست پیش‌تر تصمیم‌گیری یا جایگزین شده است؛ فهرست تازه را ببینید.", "This request was already decided or superseded; see the list as it is now."},
	"ui.work.changes.flash.need_reason": {"برای رد درخواست، دلیل آن را بنویسید.", "Write why the request is rejected."},
	"ui.work.changes.flash.invalid":     {"این تغییر با برنامهٔ کنونی کار سازگار نیست (برای نمونه، سررسید پیش از تاریخ شروع است).", "The change does not fit the item's current plan (for example, a due date before the start)."},

	"ui.notes.kind.work_change_rejected": {"درخواست تغییر ردشده", "Change request rejected"},
	"ui.note.work_change_rejected": {"دبیرخانه درخواست تغییر سررسید یا وزن «{title}» را رد کرد. دلیل: {reason}",
		"The secretariat rejected your request to change the due date or weight of “{title}”. Reason: {reason}"},

	"ui.history.action.request_change":   {"درخواست تغییر سررسید یا وزن", "Change of due date or weight requested"},
	"ui.history.action.approve_change":   {"تأیید درخواست تغییر", "Change request approved"},
	"ui.history.action.reject_change":    {"رد درخواست تغییر", "Change request rejected"},
	"ui.history.field.change_due":        {"تغییر سررسید", "Due date changes"},
	"ui.history.field.old_due_date":      {"سررسید پیشین", "Previous due date"},
	"ui.history.field.old_weight":        {"وزن پیشین", "Previous weight"},
	"ui.history.field.reason":            {"دلیل", "Reason"},
	"ui.history.field.requester_name":    {"درخواست‌کننده", "Requested by"},
	"ui.history.field.decider_name":      {"تصمیم‌گیرنده", "Decided by"},
	"ui.history.field.decision_note":     {"توضیح تصمیم", "Decision note"},
	"ui.history.field.replans":           {"دفعات بازبرنامه‌ریزی", "Times re-planned"},
	"ui.history.field.original_due_date": {"سررسید اولیه", "Original due date"},
}
