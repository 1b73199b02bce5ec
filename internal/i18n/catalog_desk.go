package i18n

func init() { add(deskMessages) }

// deskMessages are the leads of the home desk: what waits for the user.
var deskMessages = map[string]text{
	"ui.desk.title":                {"در انتظار اقدام شما", "Waiting for you"},
	"ui.desk.review":               {"%s گزارش در انتظار بررسی شماست", "%s reports are waiting for your review"},
	"ui.desk.late_units":           {"%s واحد کار یا گزارش دارای تأخیر دارند؛ پیگیری کنید", "%s units have late work or reports; follow them up"},
	"ui.desk.report":               {"گزارش واحد شما در دور «%s» هنوز ارسال نشده است؛ مهلت: %s (%s روز مانده)", "Your unit's report for «%s» is not sent yet; deadline %s (%s days left)"},
	"ui.desk.report_late":          {"مهلت گزارش واحد شما در دور «%s» در %s گذشته است (%s روز تأخیر)؛ آن را تکمیل و ارسال کنید", "Your unit's report for «%s» was due %s (%s days late); complete and send it"},
	"ui.desk.report_returned":      {"گزارش واحد شما در دور «%s» برای اصلاح برگشت داده شده است؛ مهلت: %s (%s روز مانده)", "Your unit's report for «%s» was returned for correction; deadline %s (%s days left)"},
	"ui.desk.values":               {"برای %s شاخص هنوز مقداری برای %s ثبت نشده است؛ جدول مقادیر را تکمیل کنید", "%s indicators have no value for %s yet; fill in the values grid"},
	"ui.desk.report_returned_late": {"گزارش برگشت‌خوردهٔ واحد شما در دور «%s» هنوز اصلاح نشده و مهلت آن در %s گذشته است (%s روز تأخیر)", "Your unit's returned report for «%s» is not corrected yet; it was due %s (%s days late)"},
}
