package i18n

func init() { add(followupBulkMessages) }

// followupBulkMessages are the follow-up board's words for reminding many
// units with one note and one post (internal/web/followup_remind.go).
var followupBulkMessages = map[string]text{
	"ui.followup.bulk_title": {"یادآوری به چند واحد با یک یادداشت", "Remind several units with one note"},
	"ui.followup.note":       {"یادداشت یادآوری (اختیاری)", "Note of the reminder (optional)"},
	"ui.followup.note_hint": {
		"همین یادداشت برای هر واحد انتخاب‌شده فرستاده می‌شود؛ دکمهٔ «یادآوری» هر سطر آن را فقط برای همان واحد می‌فرستد.",
		"The same note goes to every unit chosen; a row's “Remind” button sends it to that unit only.",
	},
	"ui.followup.all_late":        {"همهٔ واحدهای دارای تأخیر (%d واحد)", "All late units (%d)"},
	"ui.followup.remind_selected": {"یادآوری به واحدهای انتخاب‌شده", "Remind the units chosen"},
	"ui.followup.pick":            {"انتخاب", "Choose"},
	"ui.followup.pick_unit":       {"انتخاب «%s» برای یادآوری", "Choose “%s” to remind"},
	"ui.followup.remind_unit":     {"یادآوری به «%s»", "Remind “%s”"},
	"ui.followup.sent_units": {
		"یادآوری به %d واحد فرستاده شد و %d نفر از کاربران آن‌ها آگاه شدند.",
		"The reminder was sent to %d units; %d people were told.",
	},
	"ui.followup.sent_alone": {
		"%d واحد از آن‌ها کاربر فعالی ندارد و یادآوری به کسی در آن‌ها نرسید.",
		"%d of them have no active user, so no one there received it.",
	},
	"ui.followup.none_chosen": {
		"هیچ واحدی انتخاب نشده است؛ لطفاً دست‌کم یک سطر یا «همهٔ واحدهای دارای تأخیر» را انتخاب کنید.",
		"No unit was chosen: please tick at least one row, or “All late units”.",
	},
	"err.reminder.one_or_many": {
		"یا یک واحد (unit_id) را نام ببرید یا فهرستی از واحدها (unit_ids)، نه هر دو را.",
		"Name one unit (unit_id) or a list of units (unit_ids), not both.",
	},
	"ui.followup.unit_gone": {
		"یکی از واحدهای انتخاب‌شده دیگر وجود ندارد؛ لطفاً تابلو را دوباره ببینید و انتخاب کنید.",
		"One of the units chosen no longer exists; please review the board and choose again.",
	},
}
