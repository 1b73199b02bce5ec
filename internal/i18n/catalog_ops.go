package i18n

func init() { add(opsMessages) }

// opsMessages are the texts of running Payesh: who may read /metrics.
var opsMessages = map[string]text{
	"err.metrics.token": {
		"برای خواندن سنجه‌های سامانه، کلید دسترسی درست لازم است.",
		"Reading the metrics needs the right metrics token."},
	"err.metrics.forbidden": {
		"خواندن سنجه‌های سامانه از این نشانی مجاز نیست.",
		"The metrics may not be read from this address."},
}
