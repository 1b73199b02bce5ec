package i18n

func init() { add(sheetMessages) }

// sheetMessages are the words of the Excel round trip (internal/sheet).
var sheetMessages = map[string]text{
	"err.sheet.number": {"عدد نیست", "not a number"},
}
