package i18n

func init() { add(scopeMessages) }

// scopeMessages are the texts of the read scope (payesh.ReadScope): a
// number shown on the approved basis where the reader may not read the
// provisional one, a progress update a partner unit posted on shared
// work, and sub-items the reader may not see.
var scopeMessages = map[string]text{
	"ui.scope.provisional_refused": {
		"ارقام موقت (شامل مقادیر ارسال‌شده و هنوز تأییدنشده) این واحد در دسترس شما نیست؛ ارقام این صفحه فقط مقادیر تأییدشده را می‌شمارند.",
		"Provisional numbers (which count values submitted and not yet approved) of this unit are not open to you; the numbers on this page count approved values only."},
	"ui.scope.update_from": {"به‌روزرسانی از سوی %s", "Update from %s"},
	"ui.scope.children_hidden": {
		"%d کار زیرمجموعه بیرون از حوزهٔ دسترسی شماست؛ در پیشرفت شمرده می‌شود، اما این‌جا نشان داده نمی‌شود.",
		"%d sub-items are outside what you may read: they count in the progress but are not shown here."},
}
