package i18n

func init() {
	add(map[string]text{
		// internal/api: indicators, targets, values and roll-ups
		"err.required_param":  {"این پارامتر نشانی الزامی است.", "This query parameter is required."},
		"err.too_many_ids":    {"شمار شناسه‌ها بیش از حد مجاز (۵۰۰) است.", "Too many ids; at most 500 may be sent."},
		"err.batch_too_large": {"در هر درخواست حداکثر ۵۰۰۰ مقدار پذیرفته می‌شود.", "At most 5000 rows may be sent in one request."},
	})
}
