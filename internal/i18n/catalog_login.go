package i18n

func init() { add(loginMessages) }

// loginMessages are the sign-in page's words for a client that must wait
// after failed attempts; the wait is filled in with its unit.
var loginMessages = map[string]text{
	"ui.login.throttled": {
		"به دلیل تلاش‌های ناموفق پیاپی، لطفاً %s دیگر دوباره تلاش کنید.",
		"After repeated failed attempts, please try again in %s.",
	},
	"ui.login.wait.second":  {"%d ثانیه", "%d second"},
	"ui.login.wait.seconds": {"%d ثانیه", "%d seconds"},
	"ui.login.wait.minute":  {"%d دقیقه", "%d minute"},
	"ui.login.wait.minutes": {"%d دقیقه", "%d minutes"},
}
