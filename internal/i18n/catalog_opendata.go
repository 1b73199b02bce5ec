package i18n

func init() { add(openDataMessages) }

// openDataMessages are the answers of the open-data export
// (GET /api/v1/open-data/values).
var openDataMessages = map[string]text{
	"err.opendata.order":     {"پایان بازه پیش از آغاز آن است.", "The range ends before it starts."},
	"err.opendata.span":      {"بازه حداکثر پنج سال را در بر می‌گیرد؛ آن را در چند درخواست بگیرید.", "The range may touch at most five years; ask for it in parts."},
	"err.opendata.format":    {"قالب باید adx یا sdmx-csv باشد.", "The format must be adx or sdmx-csv."},
	"err.opendata.durations": {"durations باید days یا calendar باشد.", "durations must be days or calendar."},
	"err.opendata.empty":     {"هیچ مقدار تأییدشده‌ای با این شرایط یافت نشد و پیام ADX نمی‌تواند خالی باشد.", "No approved value matches, and an ADX message cannot be empty."},
}
