package i18n

func init() { add(tokenMessages) }

// tokenMessages are the texts of API tokens, the password policy and the
// signed-in user's account pages (change password, API tokens).
var tokenMessages = map[string]text{
	// The password policy (payesh.ValidatePassword).
	"err.user.password_common": {
		"این گذرواژه بسیار رایج است و به‌آسانی حدس زده می‌شود؛ گذرواژهٔ دیگری برگزینید.",
		"This password is very common and easily guessed; choose another."},
	"err.user.password_pattern": {
		"گذرواژه نباید یک نویسهٔ تکراری، چند نویسهٔ پشت‌سرهم تکرارشده یا دنباله‌ای ساده مانند ۱۲۳۴۵۶۷۸۹۰ یا abcdefghij باشد.",
		"The password must not be one character or a short group repeated, or a simple run such as 1234567890 or abcdefghij."},
	"err.user.password_username": {
		"گذرواژه نباید نام کاربری را در بر داشته باشد.",
		"The password must not contain the username."},
	"err.user.current_password": {
		"گذرواژهٔ خودتان را با واردکردن گذرواژهٔ کنونی، در صفحهٔ «تغییر گذرواژه» حساب کاربری‌تان تغییر دهید.",
		"Change your own password with your current one, on the Change password page of your account."},
	"err.reauth": {
		"گذرواژهٔ کنونی شما نادرست است.",
		"Your current password is incorrect."},

	// API tokens (store.IssueToken, RevokeToken).
	"err.token.ttl_never": {
		"کلید دسترسی بدون تاریخ انقضا را تنها مدیر سرور با فرمان payesh token create می‌سازد؛ مدت اعتبار را به روز وارد کنید یا خالی بگذارید تا بیشینهٔ مجاز به کار رود.",
		"A token that never expires is made only on the server (payesh token create); give a lifetime in days, or leave it out for the maximum."},
	"err.token.ttl_max": {
		"مدت اعتبار از بیشینهٔ مجاز این سامانه بیشتر است؛ روزهای کمتری وارد کنید یا آن را خالی بگذارید تا بیشینه به کار رود.",
		"The lifetime is longer than this server allows; give fewer days, or leave it out for the maximum."},
	"err.token.too_many": {
		"شمار کلیدهای دسترسی معتبر شما به سقف مجاز رسیده است؛ پیش از ساختن کلید تازه، یکی را باطل کنید.",
		"You hold as many live API tokens as allowed; revoke one before making another."},
	"err.not_found.token": {"کلید دسترسی یافت نشد.", "API token not found."},

	"ui.history.action.token_revoke": {"ابطال کلید دسترسی", "API token revoked"},

	// The account page, reached from the user's name in the top bar.
	"ui.account.title":      {"حساب کاربری", "Your account"},
	"ui.account.link_title": {"حساب کاربری شما: تغییر گذرواژه و کلیدهای دسترسی", "Your account: password and API tokens"},
	"ui.account.details":    {"مشخصات حساب", "Account details"},
	"ui.account.tokens_hint": {
		"کلیدهایی که اسکریپت‌ها و برنامه‌ها با آن‌ها به‌جای شما از API پایش استفاده می‌کنند.",
		"The tokens scripts and programs use to call Payesh's API as you."},
	"ui.account.password_hint": {
		"با تغییر گذرواژه، همهٔ نشست‌های دیگر و همهٔ کلیدهای دسترسی شما پایان می‌یابند.",
		"Changing your password ends every other session and every API token of yours."},
	"ui.account.flash.password_changed": {
		"گذرواژهٔ شما تغییر کرد؛ نشست‌های دیگر و کلیدهای دسترسی‌تان پایان یافتند و این مرورگر وارد ماند.",
		"Your password was changed; your other sessions and API tokens have ended, and this browser stays signed in."},
	"ui.account.own_password_admin": {
		"گذرواژهٔ خودتان را در صفحهٔ «تغییر گذرواژه» حساب کاربری‌تان، با واردکردن گذرواژهٔ کنونی، تغییر دهید.",
		"Change your own password on the Change password page of your account, with your current one."},

	// Change password.
	"ui.password.title": {"تغییر گذرواژه", "Change password"},
	"ui.password.intro": {
		"گذرواژهٔ تازه باید دست‌کم ۱۰ نویسه باشد، رایج یا دنباله‌ای ساده نباشد و نام کاربری‌تان را در بر نداشته باشد. پس از ذخیره، از همهٔ دستگاه‌های دیگر خارج می‌شوید و کلیدهای دسترسی‌تان باطل می‌شوند؛ این مرورگر وارد می‌ماند.",
		"The new password must be at least 10 characters, not a common password or a simple run, and must not contain your username. Once saved, you are signed out everywhere else and your API tokens are revoked; this browser stays signed in."},
	"ui.password.current": {"گذرواژهٔ کنونی", "Current password"},
	"ui.password.submit":  {"تغییر گذرواژه", "Change password"},

	// API tokens.
	"ui.tokens.title": {"کلیدهای دسترسی", "API tokens"},
	"ui.tokens.intro": {
		"با کلید دسترسی، اسکریپت یا برنامه‌ای مانند Excel به‌جای شما از API پایش استفاده می‌کند. هر کلید همهٔ اختیارات شما را دارد؛ آن را مانند گذرواژه نگه دارید و کلیدی را که دیگر به کار نمی‌رود باطل کنید.",
		"An API token lets a script, or a program such as Excel, use Payesh's API as you. A token can do everything you can: keep it like a password, and revoke any you no longer use."},
	"ui.tokens.list":          {"کلیدهای شما", "Your tokens"},
	"ui.tokens.name":          {"نام", "Name"},
	"ui.tokens.created":       {"ساخته‌شده در", "Created"},
	"ui.tokens.expires":       {"انقضا", "Expires"},
	"ui.tokens.last_used":     {"آخرین استفاده", "Last used"},
	"ui.tokens.never_expires": {"بدون انقضا", "Never"},
	"ui.tokens.never_used":    {"هرگز", "Never"},
	"ui.tokens.expired":       {"منقضی", "Expired"},
	"ui.tokens.actions":       {"اقدام", "Action"},
	"ui.tokens.revoke":        {"ابطال", "Revoke"},
	"ui.tokens.revoke_confirm": {
		"این کلید بی‌درنگ از کار می‌افتد و هر اسکریپتی که با آن کار می‌کند دیگر به API دسترسی نخواهد داشت.",
		"The token stops working at once, and any script that uses it loses access to the API."},
	"ui.tokens.revoke_submit": {"بله، باطل شود", "Yes, revoke it"},
	"ui.tokens.empty":         {"هنوز کلید دسترسی‌ای ندارید.", "You have no API tokens yet."},
	"ui.tokens.empty_user":    {"این کاربر کلید دسترسی‌ای ندارد.", "This user has no API tokens."},
	"ui.tokens.new":           {"ساخت کلید تازه", "New token"},
	"ui.tokens.name_hint": {
		"کاربرد کلید، تا آن را بازشناسید؛ مانند «ورود داده از Excel».",
		"What the token is for, to tell it apart, e.g. “Excel import”."},
	"ui.tokens.ttl":      {"مدت اعتبار (روز)", "Lifetime (days)"},
	"ui.tokens.ttl_hint": {"حداکثر %d روز؛ اگر خالی بماند، %d روز.", "At most %d days; %d days if left empty."},
	"ui.tokens.password": {"گذرواژهٔ کنونی شما", "Your current password"},
	"ui.tokens.password_hint": {
		"برای ساختن کلید، گذرواژهٔ خود را دوباره وارد کنید.",
		"Enter your password again to make a token."},
	"ui.tokens.create":       {"ساخت کلید", "Create token"},
	"ui.tokens.secret_title": {"کلید تازهٔ شما", "Your new token"},
	"ui.tokens.secret_label": {"متن کلید", "Token secret"},
	"ui.tokens.secret_once": {
		"این کلید تنها همین یک بار نمایش داده می‌شود؛ همین حالا آن را رونوشت کنید و در جای امنی نگه دارید. اسکریپت آن را در سرآیند «Authorization: Bearer …» می‌فرستد.",
		"This token is shown only this once: copy it now and keep it somewhere safe. A script sends it in the header “Authorization: Bearer …”."},
	"ui.tokens.flash.revoked": {"کلید دسترسی باطل شد.", "The API token was revoked."},
	"ui.tokens.admin_title":   {"کلیدهای دسترسی این کاربر", "This user's API tokens"},
	"ui.tokens.admin_hint": {
		"کلیدی را که نباید کار کند باطل کنید. با تعیین گذرواژهٔ تازه یا غیرفعال‌کردن کاربر، همهٔ کلیدهای او باطل می‌شوند.",
		"Revoke any token that should not work. Setting a new password or deactivating the user revokes all of them."},
}
