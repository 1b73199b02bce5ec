package i18n

func init() { add(indicatorMessages) }

// indicatorMessages are the texts of indicators, targets and values.
var indicatorMessages = map[string]text{
	"err.not_found.indicator":        {"شاخص یافت نشد.", "Indicator not found."},
	"err.period":                     {"دوره نامعتبر است؛ مانند ۱۴۰۳ یا 1403Q1 یا 1403-01 وارد کنید.", "The period is not valid; use 1403, 1403Q1 or 1403-01."},
	"err.indicator.direction":        {"جهت مطلوب شاخص باید «بیشتر بهتر» یا «کمتر بهتر» باشد.", "The direction must be higher or lower is better."},
	"err.indicator.unit_agg":         {"روش تجمیع بین واحدها باید مجموع یا میانگین باشد.", "Aggregation over units must be sum or average."},
	"err.indicator.time_agg":         {"روش تجمیع در زمان باید مجموع، میانگین یا آخرین مقدار باشد.", "Aggregation over time must be sum, average or last value."},
	"err.indicator.frequency":        {"دورهٔ گزارش باید ماهانه، فصلی یا سالانه باشد.", "The frequency must be monthly, quarterly or yearly."},
	"err.indicator.thresholds":       {"آستانهٔ «در مسیر» باید از آستانهٔ «در معرض خطر» بیشتر و هر دو نامنفی باشند.", "The on-track threshold must exceed the at-risk threshold, both non-negative."},
	"err.indicator.period_frequency": {"دورهٔ مقدار با دورهٔ گزارش شاخص سازگار نیست.", "The period does not match the indicator's frequency."},
	"err.indicator.value_locked":     {"این مقدار تأیید شده و قفل است؛ اصلاح آن نیازمند بازگشایی توسط دبیرخانه است.", "This value is approved and locked; the secretariat must reopen it first."},
}
