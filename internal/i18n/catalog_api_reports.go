package i18n

func init() {
	add(map[string]text{
		// internal/api: evidence uploads
		"err.multipart": {
			"بدنهٔ درخواست باید multipart/form-data باشد و پرونده در بخشی به نام file فرستاده شود.",
			"The request body must be multipart/form-data, with the file in a part named file."},
		"err.evidence.no_file": {
			"پرونده‌ای فرستاده نشده است؛ آن را در بخشی به نام file بفرستید.",
			"No file was sent; send it in a part named file."},
		"err.evidence.one_file": {
			"در هر درخواست فقط یک پرونده بفرستید.",
			"Send one file per request."},
	})
}
