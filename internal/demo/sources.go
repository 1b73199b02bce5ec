package demo

// The public reports the demo is built from (shared/seeds/000…004), as a
// reader of the demo sees them cited. Every work item ends its description
// with the report it comes from, so nobody mistakes demo data for a guess.
const (
	src000 = "منبع: گزارش جلسهٔ مدیرعامل با اعضای دبیرخانهٔ دائمی پیگیری سیاست‌های کلی تأمین اجتماعی (رویداد جدید)."
	src001 = "منبع: خبر تشکیل دبیرخانه در نخستین جلسهٔ شورای معاونین سازمان در سال ۱۴۰۱ (ادارهٔ کل روابط عمومی سازمان تأمین اجتماعی)."
	src002 = "منبع: جلسهٔ مدیرعامل با مدیران معاونت حقوقی، مجلس، دولت و امور بین‌الملل (خبرگزاری مهر، ۳ مهر ۱۴۰۰)."
	src003 = "منبع: گزارش یک‌سالهٔ دفتر امور زنان و خانواده در سالروز ابلاغ سیاست‌ها (۲۱ فروردین ۱۴۰۲)."
	src004 = "منبع: دیدار مدیرعامل سازمان با استاندار خراسان رضوی (آتیه آنلاین)."
)

// Caveats that keep the demo honest where the store's bookkeeping adds a
// fact the sources do not give.
const (
	// doneDateCaveat: a done item's done date is the day its update was
	// posted, which for the demo is the day it was loaded.
	doneDateCaveat = "تاریخ پایانِ ثبت‌شده، تاریخ بارگذاری داده‌های نمایشی است؛ منبع تاریخ دقیق انجام را نمی‌گوید."
	// statusUnknown: the sources say what must be done, not how far it got.
	statusUnknown = "وضعیت اجرای این کار در منابع در دسترس گزارش نشده است."
)
