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
}
