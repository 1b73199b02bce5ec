package i18n

func init() { add(valuesTrustMessages) }

// valuesTrustMessages explain why a value was refused and what the
// numbers built from values count.
var valuesTrustMessages = map[string]text{
	"err.basis": {"مبنای محاسبه باید «تأییدشده» یا «موقت» باشد.", "The basis must be approved or provisional."},
	"err.indicator.future_period": {
		"برای دوره‌ای که هنوز فرانرسیده است نمی‌توان مقدار ثبت کرد.",
		"A value cannot be entered for a period that has not begun yet.",
	},
	"err.indicator.below_min": {"مقدار از حداقل مجاز این شاخص کمتر است.", "The value is below this indicator's minimum."},
	"err.indicator.above_max": {"مقدار از حداکثر مجاز این شاخص بیشتر است.", "The value is above this indicator's maximum."},
	"err.indicator.bounds":    {"حداکثر مجاز باید از حداقل مجاز کمتر نباشد.", "The maximum must not be below the minimum."},
	"err.indicator.not_reporting": {
		"این واحد جزو واحدهای گزارش‌دهندهٔ این شاخص نیست.",
		"This unit is not among the units that report this indicator.",
	},
	"err.indicator.ratio_computed": {
		"این شاخص از صورت و مخرج آن محاسبه می‌شود؛ مقدار صورت و مخرج را ثبت کنید.",
		"This indicator is computed from its numerator and denominator; enter those instead.",
	},
	"err.indicator.ratio_same":     {"صورت و مخرج نسبت نمی‌توانند یک شاخص باشند.", "The numerator and denominator must be different indicators."},
	"err.indicator.ratio_input":    {"صورت و مخرج باید شاخص‌هایی جمع‌پذیر با همان دورهٔ گزارش باشند.", "The numerator and denominator must be summed indicators of the same frequency."},
	"err.indicator.value_repeated": {"این خانه در همین فهرست دو بار آمده است؛ هر مقدار را یک بار بفرستید.", "This cell appears twice in the same batch; send each value once."},
	"ui.note.values_returned": {
		"دبیرخانه {count} مقدار شاخص واحد «{unit}» را که ثبت کرده بودید برای اصلاح برگرداند.",
		"The secretariat returned {count} indicator values you entered for «{unit}» for correction.",
	},
	"ui.notes.open_values":      {"مشاهدهٔ جدول مقادیر", "Open the values grid"},
	"err.indicator.value_state": {"وضعیت بررسی باید «تأیید» یا «برگشت» باشد.", "The review state must be approved or returned."},
}
