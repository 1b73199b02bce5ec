package i18n

func init() {
	add(map[string]text{
		// internal/api: indicators, targets, values and roll-ups
		"err.required_param": {"این پارامتر نشانی الزامی است.", "This query parameter is required."},
	})
}
