package i18n

func init() { add(uiTrustMessages) }

// uiTrustMessages are the words of numbers leadership can trust: the
// basis a number counts, an official figure beside the sum of its units,
// statuses, the values left out of a number and why, ratios, bounds.
var uiTrustMessages = map[string]text{
	// The basis switch and what every number says.
	"ui.trust.include_provisional":      {"شامل مقادیر موقت", "Include provisional values"},
	"ui.trust.include_provisional_hint": {"مقادیر ارسال‌شده‌ای که هنوز تأیید نشده‌اند هم در شمار می‌آیند.", "Submitted values not yet approved are counted too."},
	"ui.trust.provisional":              {"موقت", "Provisional"},
	"ui.trust.provisional_title":        {"این عدد مقادیر ارسال‌شدهٔ تأییدنشده را هم در بر دارد و ممکن است پس از بررسی تغییر کند.", "This number includes submitted values not yet approved and may change after review."},
	"ui.trust.provisional_notice": {
		"این صفحه مقادیر موقت را هم در شمار آورده است: مقادیر ارسال‌شده‌ای که هنوز تأیید نشده‌اند. اعدادِ نشان‌دار به «موقت» ممکن است پس از بررسی تغییر کنند.",
		"This page also counts provisional values: submitted values not yet approved. Numbers marked provisional may change after review.",
	},
	"ui.trust.show_approved":           {"فقط مقادیر تأییدشده", "Approved values only"},
	"ui.trust.approved_note":           {"اعداد این صفحه فقط از مقادیر تأییدشده ساخته شده‌اند.", "The numbers on this page count approved values only."},
	"ui.trust.show_provisional":        {"نمایش با مقادیر موقت", "Show with provisional values"},
	"ui.trust.basis_words.approved":    {"تأییدشده", "approved"},
	"ui.trust.basis_words.provisional": {"تأییدشده و موقت", "approved and provisional"},
	"ui.trust.latest": {
		"داده‌های %s تا سال %s است؛ صفحه روی آخرین سال دارای داده باز شده است.",
		"Data (%s) run up to %s; the page opens on the latest year with data.",
	},
	"ui.trust.latest_none": {
		"هنوز هیچ دادهٔ %s برای این واحد ثبت نشده است؛ سال %s نمایش داده می‌شود.",
		"There are no %s data for this unit yet; %s is shown.",
	},

	// An official figure beside the sum of the units.
	"ui.trust.recon":      {"جمع واحدها: %s — اختلاف: %s", "Sum of units: %s — difference: %s"},
	"ui.trust.own_only":   {"رقم رسمی خود واحد", "The unit's own official figure"},
	"ui.trust.own_figure": {"رقم رسمی خود واحد", "The unit's own official figure"},
	"ui.trust.own_intro": {
		"این رقم را خود واحد گزارش کرده است و به‌جای جمع واحدهای زیرمجموعه نشان داده می‌شود؛ با آن جمع نمی‌شود و اختلاف دو عدد کنار آن آمده است.",
		"The unit reported this figure itself; it is shown in place of the sum of its units, never added to it, and the difference between the two is stated beside it.",
	},
	"ui.trust.shown": {"عدد نمایش‌داده‌شده", "Number shown"},

	// Statuses and groups.
	"ui.dash.status.no_target":  {"بدون هدف", "No target"},
	"ui.trust.legend.no_target": {"مقدار ثبت شده، اما هدفی برای سنجیدن آن تعیین نشده است.", "There is a value, but no target to judge it against."},
	"ui.trust.no_clause":        {"شاخص‌های بدون بند مرتبط", "Indicators linked to no clause"},
	"ui.trust.no_clause_hint": {
		"این شاخص‌ها به هیچ بندی از سیاست‌ها پیوند داده نشده‌اند، اما در کارنامه و در جمع کل شمرده می‌شوند.",
		"These indicators are linked to no clause of the policies, but appear on the scorecard and are counted in the totals.",
	},

	// Values left out of a number.
	"ui.trust.excluded": {"مقادیری که در این عدد شمرده نشده‌اند", "Values not counted in this number"},
	"ui.trust.excluded_intro": {
		"این مقادیر برای همین واحدها و دوره ثبت شده‌اند، اما بر پایهٔ انتخاب‌شده در محاسبه نمی‌آیند.",
		"These values were entered for the same units and period, but the chosen basis does not count them.",
	},
	"ui.trust.why":           {"چرا شمرده نشده", "Why not counted"},
	"ui.trust.why.draft":     {"پیش‌نویس است و هنوز ارسال نشده است.", "It is a draft and has not been submitted."},
	"ui.trust.why.returned":  {"برای اصلاح برگشت خورده است.", "It was returned for correction."},
	"ui.trust.why.submitted": {"ارسال شده، اما هنوز تأیید نشده است؛ با گزینهٔ «شامل مقادیر موقت» شمرده می‌شود.", "It was submitted but not yet approved; it is counted with “include provisional values”."},
	"ui.trust.why.other":     {"بر پایهٔ انتخاب‌شده شمرده نمی‌شود.", "The chosen basis does not count it."},

	// Ratios.
	"ui.trust.ratio": {"محاسبهٔ نسبت", "How the ratio is computed"},
	"ui.trust.ratio_intro": {
		"این شاخص گزارش نمی‌شود، بلکه از تقسیم جمع صورت بر جمع مخرج در همهٔ واحدهای زیرمجموعه محاسبه می‌شود؛ میانگین درصدهای واحدها نیست.",
		"This indicator is not reported: it is the sum of the numerator divided by the sum of the denominator over all units of the subtree, not an average of the units' percentages.",
	},
	"ui.trust.numerator":   {"صورت (جمع)", "Numerator (sum)"},
	"ui.trust.denominator": {"مخرج (جمع)", "Denominator (sum)"},
	"ui.trust.scale":       {"ضریب", "Scale"},
	"ui.trust.division":    {"تقسیم", "Division"},

	// The value grid.
	"ui.trust.own_row":      {"رقم رسمی واحد", "Own official figure"},
	"ui.trust.own_row_hint": {"این واحد رقم رسمی خود را ثبت می‌کند که جدا از جمع واحدهای زیرمجموعه نگه داشته می‌شود.", "This unit enters its own official figure, kept apart from the sum of the units below it."},
	"ui.trust.future":       {"دوره هنوز فرانرسیده است", "The period has not begun yet"},
	"ui.trust.grid_intro": {
		"مقادیر ذخیره‌شده پیش‌نویس‌اند و تا ارسال و تأیید در هیچ عدد داشبوردی نمی‌آیند؛ وضعیت هر خانه زیر آن آمده است. دوره‌هایی که هنوز فرانرسیده‌اند خانه ندارند.",
		"Saved values are drafts and enter no dashboard number until submitted and approved; each cell shows its state. Periods that have not begun have no cells.",
	},

	// The indicator form.
	"ui.indicator_form.agg.ratio":        {"نسبت (جمع صورت ÷ جمع مخرج)", "Ratio (Σ numerator ÷ Σ denominator)"},
	"ui.indicator_form.bounds":           {"بازهٔ مجاز مقادیر", "Allowed range of values"},
	"ui.indicator_form.min":              {"حداقل مجاز", "Minimum"},
	"ui.indicator_form.max":              {"حداکثر مجاز", "Maximum"},
	"ui.indicator_form.bounds_hint":      {"مقدار بیرون از این بازه پذیرفته نمی‌شود. برای شاخص درصدی، اگر خالی بماند، ۰ تا ۱۰۰ در نظر گرفته می‌شود.", "A value outside this range is refused. For a percentage left empty, 0 to 100 applies."},
	"ui.indicator_form.ratio":            {"تعریف نسبت", "Ratio definition"},
	"ui.indicator_form.numerator_id":     {"شاخص صورت", "Numerator indicator"},
	"ui.indicator_form.denominator_id":   {"شاخص مخرج", "Denominator indicator"},
	"ui.indicator_form.scale":            {"ضریب", "Scale"},
	"ui.indicator_form.choose_indicator": {"— انتخاب شاخص —", "— choose an indicator —"},
	"ui.indicator_form.ratio_hint": {
		"فقط وقتی قاعدهٔ واحدها «نسبت» است به کار می‌رود: مقدار هر سطح برابر جمع صورت ÷ جمع مخرج × ضریب است (برای درصد، ضریب ۱۰۰). صورت و مخرج باید شاخص‌های جمع‌پذیر با همان دورهٔ گزارش باشند.",
		"Used only when the rule over units is ratio: every level's value is Σ numerator ÷ Σ denominator × scale (100 for a percentage). The numerator and denominator must be summed indicators of the same frequency.",
	},
	"err.indicator_form.bound_clear":    {"حد تعیین‌شده را نمی‌توان پاک کرد؛ عدد دیگری وارد کنید.", "A bound once set cannot be removed; enter another number."},
	"ui.indicator_form.unit_agg_choose": {"— انتخاب قاعده —", "— choose a rule —"},
	"ui.indicator_form.unit_agg_hint": {
		"برای شاخص درصدی «میانگین» درست نیست: میانگین درصدها استان کوچک و بزرگ را هم‌وزن می‌کند. «نسبت» را برگزینید و صورت و مخرج را تعیین کنید.",
		"Average is wrong for a percentage: it weighs a small and a large province alike. Choose ratio and set the numerator and denominator.",
	},
}
