package web

// SetWorkExportLimit bounds the work list's file, and returns the
// function that puts the bound back.
func SetWorkExportLimit(n int) (restore func()) {
	old := workExportLimit
	workExportLimit = n
	return func() { workExportLimit = old }
}
