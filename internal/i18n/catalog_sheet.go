package i18n

func init() { add(sheetMessages) }

// sheetMessages are the words of the Excel round trip (internal/sheet).
var sheetMessages = map[string]text{
	"err.sheet.number": {"عدد نیست", "not a number"},
	"ui.xlsx.code":     {"کد", "Code"},
	"ui.xlsx.measure":  {"واحد سنجش", "Unit of measure"},
	"ui.xlsx.target":   {"هدف", "Target"},
	"ui.xlsx.title":    {"مقادیر شاخص‌های %s — سال %s", "Indicator values of %s — %s"},
	"ui.xlsx.download": {"دریافت Excel", "Download Excel"},

	"err.sheet.refused":   {"هیچ مقداری از این فایل ذخیره نشد؛ خانه‌های نام‌برده را اصلاح و فایل را دوباره بارگذاری کنید.", "Nothing in this file was saved; correct the cells named and upload the file again."},
	"err.sheet.not_ours":  {"این فایل، فایل Excel مقادیری نیست که از همین سامانه دریافت شده باشد (یا برگهٔ پنهان شناسه‌های آن حذف شده است). فایل را دوباره از صفحهٔ مقادیر دریافت کنید.", "This is not a values workbook downloaded from Payesh (or its hidden key sheet was removed). Download the workbook again from the values page."},
	"err.sheet.changed":   {"این خانه پس از دریافت فایل به دست کاربر دیگری تغییر کرده است؛ فایل را دوباره دریافت کنید.", "Someone else changed this cell after the workbook was downloaded; download it again."},
	"err.sheet.none":      {"فایلی انتخاب نشده است.", "No file was chosen."},
	"err.sheet.too_large": {"حجم فایل بیش از حد مجاز (۸ مگابایت) است.", "The file is larger than allowed (8 MB)."},

	"err.sheet.other_indicator":             {"این فایل، فایل اهداف شاخص دیگری است؛ فایل اهداف همین شاخص را از همین صفحه دریافت کنید.", "This workbook holds the targets of another indicator; download this indicator's workbook from this page."},
	"ui.xlsx.targets_sheet":                 {"اهداف", "Targets"},
	"ui.xlsx.targets_title":                 {"اهداف شاخص «%s» به تفکیک واحد و دوره", "Targets of «%s» by unit and period"},
	"ui.xlsx.unit":                          {"واحد سازمانی", "Unit"},
	"ui.xlsx.unit_kind":                     {"نوع واحد", "Kind of unit"},
	"ui.indicator_form.targets_upload":      {"بارگذاری فایل Excel اهداف", "Upload the targets workbook"},
	"ui.indicator_form.targets_upload_hint": {"برای هر واحد و سال در یک جدول: فایل را دریافت کنید، در Excel یا LibreOffice تکمیل کنید و بارگذاری کنید؛ همهٔ اهداف با هم ثبت می‌شوند یا هیچ‌کدام.", "Every unit and year in one table: download, fill in Excel or LibreOffice, upload; all targets are set, or none."},

	"ui.values.upload":               {"بارگذاری", "Upload"},
	"ui.values.upload_label":         {"بارگذاری فایل Excel تکمیل‌شده", "Upload a filled-in workbook"},
	"ui.values.upload_hint":          {"فایلی که از همین صفحه دریافت و در Excel یا LibreOffice تکمیل کرده‌اید؛ همهٔ خانه‌ها با هم ذخیره می‌شوند یا هیچ‌کدام.", "A workbook downloaded from this page and filled in Excel or LibreOffice; all its cells are saved, or none."},
	"ui.values.upload_failed":        {"فایل ذخیره نشد؛ هیچ مقداری تغییر نکرد.", "The workbook was not saved; no value changed."},
	"ui.values.upload_refused":       {"خانه‌هایی از فایل که پذیرفته نشد", "Cells of the workbook that were refused"},
	"ui.values.upload_where":         {"برگهٔ «%s»، ردیف %s، ستون «%s» (%s)", "sheet «%s», row %s, column «%s» (%s)"},
	"ui.values.flash.uploaded":       {"مقادیر فایل Excel ذخیره شد.", "The workbook's values were saved."},
	"ui.values.flash.upload_nothing": {"فایل بارگذاری‌شده تغییری نسبت به مقادیر ثبت‌شده نداشت.", "The uploaded workbook changed nothing."},
}
