package i18n

func init() { add(uiGridMessages) }

// uiGridMessages are the words of the grid's figures beside the cells
// (the year's total, target and % of target), of the provinces × months
// matrix of one indicator, and of the targets grid.
var uiGridMessages = map[string]text{
	"ui.grid.col_total":           {"کل سال (ثبت واحد)", "Year (unit's entry)"},
	"ui.grid.col_target":          {"هدف سال", "Year's target"},
	"ui.grid.col_percent":         {"درصد تحقق هدف سال", "% of the year's target"},
	"ui.grid.unit_entry":          {"ثبت واحد", "unit's entry"},
	"ui.grid.totals_note":         {"«کل سال» از مقادیر ذخیره‌شدهٔ همین واحد در این جدول — از جمله پیش‌نویس‌ها — به قاعدهٔ تجمیع زمانی شاخص حساب می‌شود؛ رقم تأییدشده‌ای که مدیران در داشبورد می‌بینند نیست. «هدف سال» هدفی است که دبیرخانه برای این واحد تعیین کرده است و هدف هر دوره، اگر تعیین شده باشد، زیر خانهٔ همان دوره آمده است.", "“Year” combines this unit's saved values in this grid — drafts included — by the indicator's rule over time; it is not the approved figure leadership sees on the dashboards. “Year's target” is the target the secretariat set for this unit; a period's own target, when set, is shown under its cell."},
	"ui.grid.no_total":            {"هنوز مقداری ذخیره نشده است", "No value saved yet"},
	"ui.grid.no_target":           {"هدفی برای این سال تعیین نشده است", "No target set for this year"},
	"ui.grid.target_short":        {"هدف:", "Target:"},
	"ui.grid.target_from_seasons": {"از هدف‌های فصلی", "from the seasons' targets"},
	"ui.grid.target_from_months":  {"از هدف‌های ماهانه", "from the months' targets"},
	"ui.grid.total_sum":           {"مجموع %d %s", "sum of %d %s"},
	"ui.grid.total_avg":           {"میانگین %d %s", "average of %d %s"},
	"ui.grid.total_last":          {"آخرین مقدار: %s", "last value: %s"},
	"ui.grid.months":              {"ماه", "months"},
	"ui.grid.seasons":             {"فصل", "seasons"},

	"ui.matrix.title":          {"استان‌ها در ماه‌ها: مقادیر یک شاخص", "Provinces by month: one indicator's values"},
	"ui.matrix.link":           {"جدول استان‌ها در ماه‌ها", "Provinces × months"},
	"ui.matrix.heading_of":     {"«%s» در استان‌ها، سال %d", "“%s” by province, %d"},
	"ui.matrix.measure":        {"واحد اندازه‌گیری", "Unit of measure"},
	"ui.matrix.filter":         {"انتخاب شاخص و سال", "Choose indicator and year"},
	"ui.matrix.pick":           {"شاخصی را انتخاب کنید تا مقادیری که هر استان در هر دوره ثبت کرده است نمایش داده شود.", "Choose an indicator to see what each province entered in each period."},
	"ui.matrix.intro":          {"هر ردیف مقادیری است که یک استان ثبت کرده، با وضعیت بررسی هر مقدار.", "Each row is what one province entered, with each value's review state."},
	"ui.matrix.rule_time.sum":  {"ستون «سال» مجموع دوره‌های ثبت‌شده است.", "The “Year” column is the sum of the periods entered."},
	"ui.matrix.rule_time.avg":  {"ستون «سال» میانگین دوره‌های ثبت‌شده است.", "The “Year” column is the average of the periods entered."},
	"ui.matrix.rule_time.last": {"ستون «سال» آخرین مقدار ثبت‌شده است.", "The “Year” column is the last value entered."},
	"ui.matrix.rule_units.sum": {"ردیف «کل کشور» در هر دوره مجموع استان‌هاست.", "The “Country” row is the provinces' sum in each period."},
	"ui.matrix.rule_units.avg": {"ردیف «کل کشور» در هر دوره میانگین استان‌هاست.", "The “Country” row is the provinces' average in each period."},
	"ui.matrix.scope_all":      {"همهٔ مقادیر، در هر وضعیتی، نمایش داده شده است. رقمی که فقط از مقادیر تأییدشده حساب شده «رقم تأییدشده» است و رقمی که پیش‌نویس یا مقدار ارسال‌شده یا برگشت‌خورده‌ای را هم در بر دارد «موقت».", "Every value, in every state, is shown. A figure made of approved values only is marked “approved”; one that counts a draft, submitted or returned value is marked “provisional”."},
	"ui.matrix.scope_some":     {"مقادیر تأییدشدهٔ همهٔ استان‌ها و مقادیر واحد خودتان (و واحدهای زیرمجموعهٔ آن) در هر وضعیتی نمایش داده شده است؛ مقادیر تأییدنشدهٔ استان‌های دیگر برای شما نمایش داده نمی‌شود و در ردیف «کل کشور» هم شمرده نشده است.", "You see every province's approved values, and your own unit's (and those under it) in any state; other provinces' values not yet approved are not shown to you, nor counted in the “Country” row."},
	"ui.matrix.not_reported":   {"استان‌ها مقدار این شاخص را ثبت نمی‌کنند؛ جدول فقط رقمی را نشان می‌دهد که پیش‌تر ثبت شده باشد.", "Provinces do not enter this indicator; the table shows only what was entered before."},
	"ui.matrix.caption":        {"مقادیر شاخص «%s» در استان‌ها، سال %d", "Values of “%s” by province, %d"},
	"ui.matrix.col_province":   {"استان", "Province"},
	"ui.matrix.col_year":       {"سال", "Year"},
	"ui.matrix.national":       {"کل کشور (از استان‌ها)", "Country (from the provinces)"},
	"ui.matrix.ratio":          {"این شاخص نسبت است و رقم کشوری آن از صورت و مخرج حساب می‌شود، نه از نسبت‌های استان‌ها؛ آن را در صفحهٔ شاخص ببینید.", "This indicator is a ratio; its national figure is made from its numerator and denominator, not from the provinces' ratios: see the indicator's page."},
	"ui.matrix.legend":         {"«·» یعنی مقداری برای آن دوره ثبت نشده یا برای شما نمایش داده نمی‌شود. ارقام این جدول از مقادیر ثبت‌شدهٔ استان‌ها حساب شده است و رقم رسمی ستاد سازمان را، اگر جداگانه ثبت شده باشد، در بر ندارد.", "“·” means no value was entered for that period, or none you may see. The figures here are made from the provinces' entries; they leave out the headquarters' own official figure, if one was entered."},
	"ui.matrix.counted":        {"%d استان", "%d provinces"},
	"ui.matrix.leadership":     {"رقم تأییدشده", "approved figure"},
	"ui.matrix.provisional":    {"موقت", "provisional"},
	"ui.matrix.none":           {"بدون مقدار", "no value"},

	"ui.grid.comma":           {"، ", ", "},
	"ui.grid.target_changed":  {"در این فاصله کاربر دیگری این هدف را به %s تغییر داده است. اگر مقدار شما درست است، دوباره ذخیره کنید.", "Someone else has meanwhile set this target to %s. If yours is right, save again."},
	"ui.grid.targets_intro":   {"هر ردیف یک واحد است و هر ستون یک سال (و هر دوره‌ای که برایش هدف تعیین شده)؛ خانه‌ای را که می‌خواهید تغییر دهید پر کنید. می‌توانید بلوکی از خانه‌ها را از Excel یا LibreOffice کپی و در یک خانه جای‌گذاری کنید تا روی خانه‌های بعدی پخش شود؛ کلیدهای جهت و Enter میان خانه‌ها جابه‌جا می‌کنند. با «ذخیرهٔ هدف‌ها» فقط خانه‌های تغییرکرده ذخیره می‌شوند، همه با هم یا هیچ‌کدام.", "Each row is a unit and each column a year (and any period with a target set); fill in the cells to change. A block copied from Excel or LibreOffice and pasted into one cell spreads over the cells after it; the arrow keys and Enter move between cells. “Save targets” saves only the changed cells, all together or none."},
	"ui.grid.targets_caption": {"هدف‌های هر واحد در هر دوره", "Each unit's targets by period"},
	"ui.grid.targets_pages":   {"ردیف‌های جدول هدف‌ها", "Rows of the targets grid"},
	"ui.grid.targets_more":    {"هدفی برای واحد یا دوره‌ای که در جدول نیست (مثلاً یک ماه یا فصل)", "A target for a unit or period the grid has no cell for (a month or a season, say)"},
}
