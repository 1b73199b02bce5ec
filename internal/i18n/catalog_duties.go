package i18n

func init() { add(dutiesMessages) }

// dutiesMessages are the texts of separation of duties in review: who may
// not approve or return a report, and the round option that lets the
// secretariat step be taken by them all the same.
var dutiesMessages = map[string]text{
	"err.report.self_review": {
		"شما این گزارش را ارسال کرده‌اید و نمی‌توانید آن را بررسی کنید؛ بررسی باید به دست کاربر دیگری انجام شود.",
		"You sent this report, so you cannot review it; someone else must review it."},
	"err.report.self_review_author": {
		"شما بخشی از این گزارش (شرح، مستندات یا مقادیر شاخص) را نوشته‌اید و نمی‌توانید آن را بررسی کنید؛ بررسی باید به دست کاربر دیگری انجام شود.",
		"You wrote part of this report (its narrative, files or indicator values), so you cannot review it; someone else must review it."},
	"err.report.own_unit": {
		"این گزارش واحد خود شماست و نمی‌توانید آن را بررسی کنید؛ بررسی باید به دست کاربری بیرون از این واحد انجام شود.",
		"This is your own unit's report, so you cannot review it; someone outside the unit must review it."},

	"ui.report.duty_hint": {
		"گزارش در کارتابل دیگر بررسی‌کنندگان این مرحله است.",
		"It waits in the inbox of this step's other reviewers."},

	"ui.round.duties": {"تفکیک وظایف در بررسی", "Separation of duties in review"},
	"ui.round.allow_self_review": {
		"در مرحلهٔ دبیرخانه، کسی که گزارش را ارسال کرده یا نوشته است هم بتواند آن را بررسی کند",
		"At the secretariat step, whoever sent or wrote a report may review it too"},
	"ui.round.allow_self_review_hint": {
		"به‌طور پیش‌فرض کسی که گزارشی را ارسال کرده یا بخشی از آن را نوشته است، و کاربران خود واحد گزارش‌دهنده، نمی‌توانند آن را تأیید یا برگشت دهند؛ در زنجیرهٔ «فقط دبیرخانه» گزارشی را که کاربری از دبیرخانه فرستاده است، کاربر دیگری از دبیرخانه بررسی می‌کند. این گزینه را فقط وقتی بزنید که دبیرخانه یک نفر بیشتر ندارد؛ مرحلهٔ استان همیشه به دست کاربر دیگری انجام می‌شود.",
		"By default whoever sent a report or wrote part of it, and the reporting unit's own people, cannot approve or return it; on a \"secretariat only\" chain, a report one secretariat user sent is reviewed by another. Tick this only when the secretariat is one person; the province step is always taken by someone else."},
	"ui.round.self_review_allowed": {
		"در مرحلهٔ دبیرخانه، ارسال‌کننده و نویسندگان گزارش هم می‌توانند آن را بررسی کنند",
		"At the secretariat step, a report's sender and writers may review it too"},
	// The round's option as its history names it.
	"ui.history.field.allow_self_review": {"بررسی به دست ارسال‌کننده در مرحلهٔ دبیرخانه", "Self-review at the secretariat step"},
	"ui.round.self_review_refused": {
		"بررسی به دست کاربری جز ارسال‌کننده و نویسندگان گزارش و کاربران واحد گزارش‌دهنده",
		"By someone other than the report's sender and writers and the reporting unit's people"},
}
