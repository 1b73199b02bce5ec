package i18n

func init() { add(concurrencyMessages) }

// concurrencyMessages explain what a user meets when someone else acted
// on the same thing at the same moment.
var concurrencyMessages = map[string]text{
	"err.busy": {
		"هم‌زمان کاربران دیگری همین بخش را تغییر می‌دهند؛ لطفاً چند لحظه بعد دوباره تلاش کنید.",
		"Others are changing the same thing right now; please try again in a moment.",
	},
	"err.duplicate": {
		"همین مورد هم‌زمان توسط کاربر دیگری ثبت شد؛ صفحه را دوباره باز کنید و آن را ببینید.",
		"The same item was just created by someone else; reload the page to see it.",
	},
	"err.ref_changed": {
		"یکی از موارد مرتبط در این فاصله حذف یا جابه‌جا شده است؛ صفحه را دوباره باز کنید و دوباره اقدام کنید.",
		"Something this refers to was removed or moved in the meantime; reload the page and try again.",
	},
	"err.indicator.value_changed": {
		"این مقدار را کاربر دیگری پس از باز شدن صفحهٔ شما ثبت یا تغییر داده است؛ مقدار کنونی را ببینید و دوباره ذخیره کنید.",
		"Someone else saved this value after you opened it; review the current value and save again.",
	},
}
