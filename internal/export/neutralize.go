package export

// Neutralize keeps a text cell from being read as a formula. A cell that
// begins with = + - or @ is a formula to Excel and LibreOffice, and a tab
// or carriage return in front of one still is; OWASP's advice ("CSV
// Injection") is to put an apostrophe before it, which spreadsheets show
// as text. It is applied to every text cell, in both formats: a workbook's
// text cells are strings, but a reader who saves it as CSV, or copies a
// cell into a formula bar, meets the same text. Numbers are not text, and
// are never touched: -5 stays the number -5.
func Neutralize(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
