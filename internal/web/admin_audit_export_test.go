package web

// SetAuditCSVPage sets how many events the audit export reads at a time,
// and returns the function that puts it back.
func SetAuditCSVPage(n int) (restore func()) {
	old := auditCSVPage
	auditCSVPage = n
	return func() { auditCSVPage = old }
}
